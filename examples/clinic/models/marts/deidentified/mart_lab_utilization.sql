-- Lab volumes, abnormal share and turnaround per year, test and facility.
select
    year(labs.collected_at)                             as result_year,
    labs.loinc_code,
    labs.component_name,
    encounters.facility_name,
    count(*)                                            as result_count,
    count(*) filter (where labs.result_interpretation <> 'normal') as abnormal_count,
    median(labs.turnaround_minutes)                     as median_turnaround_minutes
from {{ ref('fct_lab_results') }} as labs
inner join {{ ref('int_encounters_enriched') }} as encounters
    on labs.encounter_id = encounters.encounter_id
group by 1, 2, 3, 4
