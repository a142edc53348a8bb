{{ config(
    materialized='view',
    post_hook=["{{ apply_row_access_policy('care_management_facility', 'facility_name') }}"]
) }}

-- Care-management worklist: recent index discharges of patients who were readmitted
-- within 30 days or carry two or more chronic conditions.
with readmissions as (
    select * from {{ ref('fct_readmissions_30d') }}
    where index_discharged_at >= date '{{ var("clinic_as_of_date") }}' - interval 180 day
),

patients as (
    select * from {{ ref('dim_patients') }}
),

contacts as (
    select patient_id, phone_number from {{ ref('stg_ehr__patients') }}
)

select
    readmissions.index_encounter_id,
    readmissions.patient_id,
    patients.mrn,
    patients.full_name,
    contacts.phone_number,
    readmissions.facility_name,
    readmissions.index_discharged_at,
    readmissions.is_readmitted_30d,
    readmissions.days_to_readmit,
    cast(patients.has_diabetes as int) + cast(patients.has_heart_failure as int)
        + cast(patients.has_copd as int) + cast(patients.has_ckd as int) as chronic_condition_count
from readmissions
inner join patients on readmissions.patient_id = patients.patient_id
left join contacts on readmissions.patient_id = contacts.patient_id
where readmissions.is_readmitted_30d
   or cast(patients.has_diabetes as int) + cast(patients.has_heart_failure as int)
      + cast(patients.has_copd as int) + cast(patients.has_ckd as int) >= 2
