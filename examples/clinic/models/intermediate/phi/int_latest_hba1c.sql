-- Most recent HbA1c per patient and calendar year (HEDIS-style glycemic control).
select
    patient_id,
    year(collected_at)          as measure_year,
    result_value                as latest_hba1c_pct,
    collected_at                as latest_hba1c_collected_at
from {{ ref('int_lab_results_flagged') }}
where loinc_code = '4548-4'
qualify row_number() over (partition by patient_id, year(collected_at) order by collected_at desc, lab_result_id desc) = 1
