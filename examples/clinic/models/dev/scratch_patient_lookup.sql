-- Scratch table for the member/patient matching investigation (DATA-1432).
-- Built by hand in dev; nobody remembered to drop it.
select
    patients.patient_id,
    patients.mrn,
    patients.first_name,
    patients.last_name,
    patients.birth_date,
    patients.ssn,
    patients.phone_number,
    patients.email,
    patients.street_address,
    patients.zip_code,
    members.member_id,
    members.subscriber_ssn
from {{ ref('stg_ehr__patients') }} as patients
left join {{ ref('stg_claims__members') }} as members
    on patients.birth_date = members.birth_date
   and lower(patients.last_name) = lower(members.last_name)
