-- Quarterly 30-day readmission rate, per facility and for all facilities together
-- (aggregate only; small cells suppressed).
{% set threshold = var('small_cell_threshold') %}

with stays as (
    select
        cast(date_trunc('quarter', index_discharged_at) as date)   as discharge_quarter,
        facility_name,
        is_readmitted_30d
    from {{ ref('fct_readmissions_30d') }}
),

quarterly as (
    select
        discharge_quarter,
        coalesce(facility_name, 'All facilities')                   as facility_name,
        count(*)                                                    as index_stays,
        count(*) filter (where is_readmitted_30d)                   as readmissions_30d
    from stays
    group by grouping sets ((discharge_quarter), (discharge_quarter, facility_name))
)

select
    discharge_quarter,
    facility_name,
    index_stays,
    case when index_stays < {{ threshold }} then null else readmissions_30d end as readmissions_30d,
    case when index_stays < {{ threshold }} then null
         else round(readmissions_30d::double / index_stays, 4) end          as readmission_rate,
    index_stays < {{ threshold }}                                           as is_suppressed
from quarterly
