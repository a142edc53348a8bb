{{ config(materialized='view') }}

-- Care-management worklist: recent index discharges of patients who were readmitted
-- within 30 days or carry two or more chronic conditions.
with readmissions as (
    select * from {{ ref('fct_readmissions_30d') }}
    where index_discharged_at >= date '{{ var("clinic_as_of_date") }}' - interval 180 day
),

patients as (
    select * from {{ ref('stg_ehr__patients') }}
),

conditions as (
    select
        patient_id,
        cast(has_diabetes as int) + cast(has_heart_failure as int)
            + cast(has_copd as int) + cast(has_ckd as int)          as chronic_condition_count
    from {{ ref('int_chronic_conditions') }}
)

select
    readmissions.index_encounter_id,
    readmissions.patient_id,
    patients.mrn,
    patients.first_name || ' ' || patients.last_name                as full_name,
    patients.phone_number,
    readmissions.facility_name,
    readmissions.index_discharged_at,
    readmissions.is_readmitted_30d,
    readmissions.days_to_readmit,
    coalesce(conditions.chronic_condition_count, 0)                 as chronic_condition_count
from readmissions
inner join patients on readmissions.patient_id = patients.patient_id
left join conditions on readmissions.patient_id = conditions.patient_id
where readmissions.is_readmitted_30d
   or coalesce(conditions.chronic_condition_count, 0) >= 2
