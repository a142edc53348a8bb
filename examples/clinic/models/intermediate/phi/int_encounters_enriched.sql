with encounters as (
    select * from {{ ref('stg_ehr__encounters') }}
),

providers as (
    select * from {{ ref('stg_ehr__providers') }}
),

patients as (
    select * from {{ ref('int_patient_demographics') }}
)

select
    encounters.encounter_id,
    encounters.patient_id,
    encounters.encounter_type,
    encounters.facility_name,
    encounters.admitted_at,
    encounters.discharged_at,
    encounters.discharge_disposition,
    encounters.discharged_at >= encounters.admitted_at          as has_valid_stay_dates,
    date_diff('hour', encounters.admitted_at, encounters.discharged_at) as length_of_stay_hours,
    date_diff('day', cast(encounters.admitted_at as date), cast(encounters.discharged_at as date)) as length_of_stay_days,
    date_diff('year', patients.birth_date, cast(encounters.admitted_at as date))
        - case when strftime(patients.birth_date, '%m%d') > strftime(encounters.admitted_at, '%m%d') then 1 else 0 end
                                                                as age_at_admission,
    patients.sex,
    patients.zip3,
    encounters.attending_provider_id,
    providers.provider_name                                     as attending_provider_name,
    providers.specialty                                         as attending_specialty
from encounters
left join providers on encounters.attending_provider_id = providers.provider_id
left join patients on encounters.patient_id = patients.patient_id
