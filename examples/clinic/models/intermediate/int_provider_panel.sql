-- Provider workload: distinct patients and encounters per provider and year (counts only).
select
    attending_provider_id                   as provider_id,
    year(admitted_at)                       as encounter_year,
    count(distinct patient_id)              as distinct_patients,
    count(*)                                as encounters,
    count(*) filter (where encounter_type = 'inpatient') as inpatient_encounters
from {{ ref('int_encounters_enriched') }}
group by 1, 2
