-- Each inpatient stay paired with the same patient's next inpatient admission.
with stays as (
    select * from {{ ref('int_inpatient_stays') }}
),

next_stay as (
    select
        encounter_id,
        lead(encounter_id) over (partition by patient_id order by admitted_at, encounter_id) as next_encounter_id,
        lead(admitted_at) over (partition by patient_id order by admitted_at, encounter_id) as next_admitted_at
    from stays
)

select
    stays.encounter_id                                  as index_encounter_id,
    stays.patient_id,
    stays.facility_name,
    stays.admitted_at                                   as index_admitted_at,
    stays.discharged_at                                 as index_discharged_at,
    stays.is_index_eligible,
    next_stay.next_encounter_id                         as readmit_encounter_id,
    next_stay.next_admitted_at                          as readmit_admitted_at,
    date_diff('day', cast(stays.discharged_at as date), cast(next_stay.next_admitted_at as date)) as days_to_readmit
from stays
inner join next_stay on stays.encounter_id = next_stay.encounter_id
