-- Quarterly payer mix and denial rates (aggregate only; small cells suppressed).
{% set threshold = var('small_cell_threshold') %}

select
    payer_name,
    cast(date_trunc('quarter', service_month) as date)  as service_quarter,
    claim_type,
    sum(claim_count)                                    as claim_count,
    case when sum(claim_count) < {{ threshold }} then null else sum(billed_amount) end as billed_amount,
    case when sum(claim_count) < {{ threshold }} then null else sum(paid_amount) end   as paid_amount,
    sum(claim_count) < {{ threshold }}                  as is_suppressed
from {{ ref('int_claims_line_rollup') }}
group by 1, 2, 3
