-- De-identified aggregates may only publish a numerator when its denominator reaches the
-- small-cell threshold (CMS cell-size suppression policy).
select 'mart_quality_measures' as model_name, measure_id as cell, denominator
from {{ ref('mart_quality_measures') }}
where numerator is not null and denominator < {{ var('small_cell_threshold') }}

union all

select 'mart_readmission_rates', facility_name, index_stays
from {{ ref('mart_readmission_rates') }}
where readmissions_30d is not null and index_stays < {{ var('small_cell_threshold') }}
