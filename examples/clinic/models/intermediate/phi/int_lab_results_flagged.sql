select
    labs.lab_result_id,
    labs.encounter_id,
    labs.patient_id,
    labs.loinc_code,
    labs.component_name,
    labs.result_value,
    labs.result_unit,
    labs.collected_at,
    labs.resulted_at,
    ranges.normal_low,
    ranges.normal_high,
    case
        when labs.result_value < ranges.normal_low then 'low'
        when labs.result_value > ranges.normal_high then 'high'
        else 'normal'
    end                                                         as result_interpretation,
    date_diff('minute', labs.collected_at, labs.resulted_at)    as turnaround_minutes
from {{ ref('stg_ehr__lab_results') }} as labs
left join {{ ref('stg_reference__lab_reference_ranges') }} as ranges
    on labs.loinc_code = ranges.loinc_code
