-- A stay flagged as a 30-day readmission must come back 0..30 days after the index discharge.
select *
from {{ ref('fct_readmissions_30d') }}
where is_readmitted_30d
  and (days_to_readmit < 0 or days_to_readmit > {{ var('readmission_window_days') }})
