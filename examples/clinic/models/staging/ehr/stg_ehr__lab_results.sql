with source as (
    select * from {{ source('ehr', 'lab_results') }}
)

select
    lab_id                              as lab_result_id,
    enc_id                              as encounter_id,
    pat_id                              as patient_id,
    loinc_code,
    component_name,
    cast(result_value as double)        as result_value,
    result_unit,
    nullif(abnormal_flag, '')           as abnormal_flag,
    cast(collected_dttm as timestamp)   as collected_at,
    cast(resulted_dttm as timestamp)    as resulted_at
from source
