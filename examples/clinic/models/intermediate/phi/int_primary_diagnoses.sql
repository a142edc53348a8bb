select
    diagnoses.encounter_id,
    diagnoses.patient_id,
    diagnoses.icd10_code                    as primary_icd10_code,
    codes.short_description                 as primary_diagnosis_description,
    codes.category_code                     as primary_icd10_category,
    codes.icd10_code is not null            as is_valid_code
from {{ ref('stg_ehr__diagnoses') }} as diagnoses
left join {{ ref('stg_reference__icd10_codes') }} as codes
    on diagnoses.icd10_code = codes.icd10_code
where diagnoses.is_primary
