with patients as (
    select * from {{ ref('stg_ehr__patients') }}
),

demographics as (
    select * from {{ ref('int_patient_demographics') }}
),

conditions as (
    select * from {{ ref('int_chronic_conditions') }}
),

crosswalk as (
    select * from {{ ref('int_member_patient_crosswalk') }}
),

facility as (
    select patient_id, facility_name as primary_facility_name
    from {{ ref('int_encounters_enriched') }}
    group by patient_id, facility_name
    qualify row_number() over (partition by patient_id order by count(*) desc, facility_name) = 1
)

select
    patients.patient_id,
    patients.mrn,
    patients.first_name || ' ' || patients.last_name        as full_name,
    patients.birth_date,
    demographics.age_years,
    demographics.age_band,
    patients.sex,
    {{ mask_sha256('patients.ssn') }}                        as ssn_sha256,
    'XXX-XXX-' || right(patients.phone_number, 4)            as phone_last4,
    patients.email,
    patients.city,
    patients.state,
    demographics.zip3,
    demographics.is_deceased,
    patients.death_date,
    facility.primary_facility_name,
    crosswalk.member_id,
    coalesce(conditions.has_diabetes, false)                 as has_diabetes,
    coalesce(conditions.has_hypertension, false)             as has_hypertension,
    coalesce(conditions.has_heart_failure, false)            as has_heart_failure,
    coalesce(conditions.has_copd, false)                     as has_copd,
    coalesce(conditions.has_ckd, false)                      as has_ckd
from patients
left join demographics on patients.patient_id = demographics.patient_id
left join conditions on patients.patient_id = conditions.patient_id
left join crosswalk on patients.patient_id = crosswalk.patient_id
left join facility on patients.patient_id = facility.patient_id
