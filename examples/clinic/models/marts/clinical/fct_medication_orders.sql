select
    medication_order_id,
    encounter_id,
    patient_id,
    rxnorm_code,
    medication_name,
    dose,
    dose_unit,
    route,
    frequency,
    started_on,
    ended_on,
    ended_on is null                        as is_open_ended,
    ordering_provider_id
from {{ ref('stg_ehr__medications') }}
