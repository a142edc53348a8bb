select
    members.payer_name,
    members.plan_id,
    date_trunc('month', claims.service_from_date)       as service_month,
    claims.claim_type,
    count(*)                                            as claim_count,
    sum(claims.billed_amount)                           as billed_amount,
    sum(claims.allowed_amount)                          as allowed_amount,
    sum(claims.paid_amount)                             as paid_amount,
    avg(case when claims.claim_status = 'denied' then 1.0 else 0.0 end) as denial_rate
from {{ ref('stg_claims__claims') }} as claims
inner join {{ ref('stg_claims__members') }} as members
    on claims.member_id = members.member_id
group by 1, 2, 3, 4
