-- Inpatient stays eligible to be index admissions for the 30-day readmission measure:
-- valid stay dates, patient discharged alive and not against medical advice.
select
    encounter_id,
    patient_id,
    facility_name,
    admitted_at,
    discharged_at,
    discharge_disposition,
    length_of_stay_days,
    age_at_admission,
    row_number() over (partition by patient_id order by admitted_at, encounter_id) as stay_sequence,
    discharge_disposition not in ('expired', 'ama') as is_index_eligible
from {{ ref('int_encounters_enriched') }}
where encounter_type = 'inpatient'
  and has_valid_stay_dates
