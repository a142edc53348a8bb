select
    members.member_id,
    crosswalk.patient_id,
    crosswalk.match_method,
    members.first_name,
    members.last_name,
    members.birth_date,
    members.sex,
    members.email                               as member_email,
    members.phone_number                        as member_phone,
    members.zip_code,
    members.plan_id,
    members.plan_name,
    members.payer_name,
    members.coverage_start_date,
    members.coverage_end_date,
    members.coverage_end_date is null
        or members.coverage_end_date >= date '{{ var("clinic_as_of_date") }}' as is_active
from {{ ref('stg_claims__members') }} as members
left join {{ ref('int_member_patient_crosswalk') }} as crosswalk
    on members.member_id = crosswalk.member_id
