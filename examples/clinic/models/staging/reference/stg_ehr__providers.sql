with source as (
    select * from {{ source('ehr', 'providers') }}
)

select
    prov_id                             as provider_id,
    cast(npi as varchar)                as npi,
    prov_first_name || ' ' || prov_last_name || ', ' || credential as provider_name,
    specialty,
    practice_address,
    practice_city,
    practice_state,
    cast(practice_zip as varchar)       as practice_zip
from source
