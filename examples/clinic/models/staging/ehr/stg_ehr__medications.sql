with source as (
    select * from {{ source('ehr', 'medications') }}
)

select
    order_med_id                        as medication_order_id,
    enc_id                              as encounter_id,
    pat_id                              as patient_id,
    cast(rxnorm_code as varchar)        as rxnorm_code,
    medication_name,
    dose,
    dose_unit,
    route,
    frequency,
    cast(start_date as date)            as started_on,
    cast(nullif(cast(end_date as varchar), '') as date) as ended_on,
    ordering_prov_id                    as ordering_provider_id
from source
