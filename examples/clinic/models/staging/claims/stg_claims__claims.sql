with source as (
    select * from {{ source('claims', 'claims') }}
)

select
    claim_id,
    member_id,
    cast(rendering_npi as varchar)          as rendering_npi,
    cast(billing_npi as varchar)            as billing_npi,
    cast(service_from_date as date)         as service_from_date,
    cast(service_to_date as date)           as service_to_date,
    claim_type,
    lpad(cast(place_of_service as varchar), 2, '0') as place_of_service,
    -- the feed drops the dot: E119 -> E11.9
    case
        when length(primary_dx_code) > 3
            then left(primary_dx_code, 3) || '.' || substr(primary_dx_code, 4)
        else primary_dx_code
    end                                     as primary_icd10_code,
    cast(cpt_code as varchar)               as cpt_code,
    cast(billed_amount as decimal(12, 2))   as billed_amount,
    cast(allowed_amount as decimal(12, 2))  as allowed_amount,
    cast(paid_amount as decimal(12, 2))     as paid_amount,
    claim_status,
    cast(received_date as date)             as received_date
from source
