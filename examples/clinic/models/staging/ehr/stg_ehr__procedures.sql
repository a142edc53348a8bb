with source as (
    select * from {{ source('ehr', 'procedures') }}
)

select
    proc_id                     as procedure_id,
    enc_id                      as encounter_id,
    pat_id                      as patient_id,
    cast(cpt_code as varchar)   as cpt_code,
    proc_name                   as procedure_name,
    cast(proc_date as date)     as performed_on,
    performing_prov_id          as performing_provider_id
from source
