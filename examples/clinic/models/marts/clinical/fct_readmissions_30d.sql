-- All-cause 30-day readmissions: one row per index-eligible inpatient stay.
with pairs as (
    select * from {{ ref('int_readmission_pairs') }}
),

stays as (
    select * from {{ ref('int_inpatient_stays') }}
),

dx as (
    select * from {{ ref('int_primary_diagnoses') }}
)

select
    pairs.index_encounter_id,
    pairs.patient_id,
    pairs.facility_name,
    pairs.index_admitted_at,
    pairs.index_discharged_at,
    date_trunc('month', pairs.index_discharged_at)      as discharge_month,
    stays.age_at_admission,
    stays.length_of_stay_days,
    dx.primary_icd10_code                               as index_primary_icd10_code,
    dx.primary_icd10_category                           as index_primary_icd10_category,
    case when pairs.days_to_readmit <= {{ var('readmission_window_days') }}
         then pairs.readmit_encounter_id end            as readmit_encounter_id,
    case when pairs.days_to_readmit <= {{ var('readmission_window_days') }}
         then pairs.days_to_readmit end                 as days_to_readmit,
    coalesce(pairs.days_to_readmit <= {{ var('readmission_window_days') }}, false) as is_readmitted_30d
from pairs
inner join stays on pairs.index_encounter_id = stays.encounter_id
left join dx on pairs.index_encounter_id = dx.encounter_id
where pairs.is_index_eligible
