with source as (
    select * from {{ source('ehr', 'encounters') }}
)

select
    enc_id                              as encounter_id,
    pat_id                              as patient_id,
    prov_id                             as attending_provider_id,
    enc_type                            as encounter_type,
    facility_name,
    cast(admit_dttm as timestamp)       as admitted_at,
    cast(disch_dttm as timestamp)       as discharged_at,
    disch_disposition                   as discharge_disposition,
    chief_complaint,
    _loaded_at                          as loaded_at
from source
