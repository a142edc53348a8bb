select
    patient_id,
    mrn,
    birth_date,
    {{ age_in_years('birth_date') }}                    as age_years,
    {{ safe_harbor_age_band(age_in_years('birth_date')) }} as age_band,
    sex,
    state,
    zip_code,
    {{ safe_harbor_zip3('zip_code') }}                  as zip3,
    death_date,
    death_date is not null                              as is_deceased
from {{ ref('stg_ehr__patients') }}
