with source as (
    select * from {{ source('ehr', 'diagnoses') }}
)

select
    dx_id                       as diagnosis_id,
    enc_id                      as encounter_id,
    pat_id                      as patient_id,
    upper(trim(icd10_code))     as icd10_code,
    dx_seq                      as diagnosis_rank,
    dx_seq = 1                  as is_primary,
    cast(dx_date as date)       as diagnosed_on,
    dx_source                   as diagnosis_source
from source
