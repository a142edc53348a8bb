select
    lab_result_id,
    encounter_id,
    patient_id,
    loinc_code,
    component_name,
    result_value,
    result_unit,
    normal_low,
    normal_high,
    result_interpretation,
    collected_at,
    resulted_at,
    turnaround_minutes
from {{ ref('int_lab_results_flagged') }}
