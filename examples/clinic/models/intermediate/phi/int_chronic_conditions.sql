-- Chronic condition flags per patient from any encounter diagnosis (ICD-10-CM category prefixes).
with dx as (
    select patient_id, icd10_code, diagnosed_on from {{ ref('stg_ehr__diagnoses') }}
)

select
    patient_id,
    bool_or(left(icd10_code, 3) in ('E10', 'E11', 'E13'))               as has_diabetes,
    bool_or(left(icd10_code, 3) in ('I10', 'I11', 'I12', 'I13', 'I16')) as has_hypertension,
    bool_or(left(icd10_code, 3) = 'I50' or icd10_code in ('I11.0', 'I13.0')) as has_heart_failure,
    bool_or(left(icd10_code, 3) = 'J44')                                as has_copd,
    bool_or(left(icd10_code, 3) = 'N18')                                as has_ckd,
    bool_or(left(icd10_code, 3) in ('F32', 'F33'))                      as has_depression,
    min(case when left(icd10_code, 3) in ('E10', 'E11', 'E13') then diagnosed_on end) as diabetes_first_diagnosed_on
from dx
group by patient_id
