-- Monthly 30-day readmission rate per facility (aggregate only; small cells suppressed).
{% set threshold = var('small_cell_threshold') %}

with monthly as (
    select
        discharge_month,
        facility_name,
        count(*)                                        as index_stays,
        count(*) filter (where is_readmitted_30d)       as readmissions_30d
    from {{ ref('fct_readmissions_30d') }}
    group by 1, 2
)

select
    cast(discharge_month as date)                       as discharge_month,
    facility_name,
    index_stays,
    case when index_stays < {{ threshold }} then null else readmissions_30d end as readmissions_30d,
    case when index_stays < {{ threshold }} then null
         else round(readmissions_30d::double / index_stays, 4) end          as readmission_rate,
    index_stays < {{ threshold }}                                           as is_suppressed
from monthly
