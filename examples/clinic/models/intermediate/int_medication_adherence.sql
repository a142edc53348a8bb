-- Proportion of days covered (PDC) per patient and medication over the measurement year.
with orders as (
    select
        patient_id,
        rxnorm_code,
        medication_name,
        started_on,
        coalesce(ended_on, date '{{ var("clinic_as_of_date") }}') as ended_on
    from {{ ref('stg_ehr__medications') }}
    where started_on >= date '{{ var("clinic_as_of_date") }}' - interval 365 day
)

select
    patient_id,
    rxnorm_code,
    medication_name,
    min(started_on)                                     as first_started_on,
    max(ended_on)                                       as last_ended_on,
    count(*)                                            as order_count,
    sum(date_diff('day', started_on, ended_on))         as days_supplied,
    least(1.0, sum(date_diff('day', started_on, ended_on)) / 365.0) as proportion_days_covered
from orders
group by patient_id, rxnorm_code, medication_name
