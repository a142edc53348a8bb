-- All diagnoses of an encounter with descriptions, for coding-quality review.
select
    diagnoses.diagnosis_id,
    diagnoses.encounter_id,
    diagnoses.patient_id,
    patients.mrn                            as patient_mrn,
    encounters.encounter_type,
    cast(encounters.admitted_at as date)    as admitted_on,
    diagnoses.icd10_code,
    codes.short_description                 as diagnosis_description,
    diagnoses.diagnosis_rank,
    diagnoses.diagnosis_source
from {{ ref('stg_ehr__diagnoses') }} as diagnoses
inner join {{ ref('stg_ehr__encounters') }} as encounters
    on diagnoses.encounter_id = encounters.encounter_id
inner join {{ ref('stg_ehr__patients') }} as patients
    on diagnoses.patient_id = patients.patient_id
left join {{ ref('stg_reference__icd10_codes') }} as codes
    on diagnoses.icd10_code = codes.icd10_code
