-- Patient-level, de-identified feature table for the population health risk model.
with patients as (
    select * from {{ ref('int_patient_demographics') }}
    where not is_deceased
),

conditions as (
    select * from {{ ref('int_chronic_conditions') }}
),

utilization as (
    select
        patient_id,
        count(*) filter (where encounter_type = 'emergency')  as ed_visits_12m,
        count(*) filter (where encounter_type = 'inpatient')  as inpatient_stays_12m,
        count(*)                                              as encounters_12m
    from {{ ref('int_encounters_enriched') }}
    where admitted_at >= date '{{ var("clinic_as_of_date") }}' - interval 365 day
    group by patient_id
),

a1c as (
    select patient_id, latest_hba1c_pct
    from {{ ref('int_latest_hba1c') }}
    qualify row_number() over (partition by patient_id order by measure_year desc) = 1
)

select
    row_number() over (order by patients.zip3, patients.age_band, patients.sex, patients.patient_id) as pop_health_key,
    patients.age_band,
    patients.sex,
    patients.zip3,
    -- kept for the model's age-at-event features (DS-88)
    patients.birth_date,
    coalesce(conditions.has_diabetes, false)        as has_diabetes,
    coalesce(conditions.has_hypertension, false)    as has_hypertension,
    coalesce(conditions.has_heart_failure, false)   as has_heart_failure,
    coalesce(conditions.has_copd, false)            as has_copd,
    coalesce(conditions.has_ckd, false)             as has_ckd,
    coalesce(conditions.has_depression, false)      as has_depression,
    coalesce(utilization.ed_visits_12m, 0)          as ed_visits_12m,
    coalesce(utilization.inpatient_stays_12m, 0)    as inpatient_stays_12m,
    coalesce(utilization.encounters_12m, 0)         as encounters_12m,
    case
        when a1c.latest_hba1c_pct is null then 'not_tested'
        when a1c.latest_hba1c_pct < 7 then '<7'
        when a1c.latest_hba1c_pct <= 9 then '7-9'
        else '>9'
    end                                             as hba1c_band
from patients
left join conditions on patients.patient_id = conditions.patient_id
left join utilization on patients.patient_id = utilization.patient_id
left join a1c on patients.patient_id = a1c.patient_id
