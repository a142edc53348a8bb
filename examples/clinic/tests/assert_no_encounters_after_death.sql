-- Clinical business rule: no encounter may start after the patient's recorded date of death.
-- A hit is either a wrong death date (registry mismatch) or an encounter on the wrong chart.
select
    encounters.encounter_id,
    encounters.patient_id,
    encounters.admitted_at,
    patients.death_date
from {{ ref('fct_encounters') }} as encounters
inner join {{ ref('dim_patients') }} as patients
    on encounters.patient_id = patients.patient_id
where patients.death_date is not null
  and cast(encounters.admitted_at as date) > patients.death_date
