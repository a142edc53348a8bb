select
    claims.claim_id,
    claims.member_id,
    crosswalk.patient_id,
    claims.service_from_date,
    claims.service_to_date,
    claims.claim_type,
    claims.place_of_service,
    claims.primary_icd10_code,
    claims.cpt_code,
    claims.rendering_npi,
    claims.billed_amount,
    claims.allowed_amount,
    claims.paid_amount,
    claims.claim_status,
    claims.received_date,
    date_diff('day', claims.service_to_date, claims.received_date) as days_to_receipt
from {{ ref('stg_claims__claims') }} as claims
left join {{ ref('int_member_patient_crosswalk') }} as crosswalk
    on claims.member_id = crosswalk.member_id
