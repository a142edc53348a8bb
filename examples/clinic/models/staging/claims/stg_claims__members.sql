with source as (
    select * from {{ source('claims', 'members') }}
)

select
    member_id,
    subscriber_ssn,
    member_first_name                       as first_name,
    member_last_name                        as last_name,
    cast(member_dob as date)                as birth_date,
    member_sex                              as sex,
    lower(member_email)                     as email,
    member_phone                            as phone_number,
    cast(member_zip as varchar)             as zip_code,
    plan_id,
    plan_name,
    payer_name,
    cast(coverage_start_date as date)       as coverage_start_date,
    cast(nullif(cast(coverage_end_date as varchar), '') as date) as coverage_end_date
from source
