select
    providers.provider_id,
    providers.npi,
    providers.provider_name,
    providers.specialty,
    providers.practice_address,
    providers.practice_city,
    providers.practice_state,
    providers.practice_zip
from {{ ref('stg_ehr__providers') }} as providers
