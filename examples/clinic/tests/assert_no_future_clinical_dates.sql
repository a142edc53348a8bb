-- Clinical dates cannot lie after the extract's as-of date.
select 'encounter' as record_type, cast(encounter_id as varchar) as record_id, cast(admitted_at as date) as event_date
from {{ ref('stg_ehr__encounters') }}
where cast(admitted_at as date) > date '{{ var("clinic_as_of_date") }}'

union all

select 'lab_result', cast(lab_result_id as varchar), cast(collected_at as date)
from {{ ref('stg_ehr__lab_results') }}
where cast(collected_at as date) > date '{{ var("clinic_as_of_date") }}'
