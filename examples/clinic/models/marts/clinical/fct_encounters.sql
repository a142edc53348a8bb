select
    encounters.encounter_id,
    encounters.patient_id,
    encounters.encounter_type,
    encounters.facility_name,
    encounters.admitted_at,
    encounters.discharged_at,
    encounters.discharge_disposition,
    encounters.has_valid_stay_dates,
    encounters.length_of_stay_days,
    encounters.length_of_stay_hours,
    encounters.age_at_admission,
    encounters.attending_provider_id,
    encounters.attending_specialty,
    dx.primary_icd10_code,
    dx.primary_diagnosis_description,
    -- added for the discharge call-back pilot (DATA-1519)
    patients.phone_number                                    as patient_phone
from {{ ref('int_encounters_enriched') }} as encounters
left join {{ ref('int_primary_diagnoses') }} as dx
    on encounters.encounter_id = dx.encounter_id
left join {{ ref('stg_ehr__patients') }} as patients
    on encounters.patient_id = patients.patient_id
