select
    diagnosis_id,
    encounter_id,
    patient_id,
    patient_mrn,
    encounter_type,
    admitted_on,
    icd10_code,
    diagnosis_description,
    diagnosis_rank,
    diagnosis_rank = 1                      as is_primary,
    diagnosis_source,
    diagnosis_description is null           as is_unrecognised_code
from {{ ref('int_encounter_diagnoses') }}
