with source as (
    select * from {{ source('ehr', 'patients') }}
)

select
    pat_id                          as patient_id,
    pat_mrn_id                      as mrn,
    pat_first_name                  as first_name,
    pat_last_name                   as last_name,
    cast(birth_date as date)        as birth_date,
    case sex when 'F' then 'female' when 'M' then 'male' else 'unknown' end as sex,
    ssn,
    home_phone                      as phone_number,
    lower(email_address)            as email,
    add_line_1                      as street_address,
    city,
    state,
    cast(zip as varchar)            as zip_code,
    cast(nullif(cast(death_date as varchar), '') as date) as death_date,
    _loaded_at                      as loaded_at
from source
