{{ config(
    grants={'select': ['payer_sftp_service']}
) }}

-- HEDIS supplemental data file: HbA1c results of our patients who are members of a
-- contracted plan, sent monthly to each payer (one file per payer_name).
select
    members.payer_name,
    members.plan_id,
    members.member_id,
    members.last_name                           as member_last_name,
    members.first_name                          as member_first_name,
    members.birth_date                          as member_birth_date,
    cast(labs.collected_at as date)             as service_date,
    labs.loinc_code,
    labs.result_value,
    labs.result_unit,
    providers.npi                               as rendering_npi
from {{ ref('fct_lab_results') }} as labs
inner join {{ ref('dim_members') }} as members
    on labs.patient_id = members.patient_id
inner join {{ ref('int_encounters_enriched') }} as encounters
    on labs.encounter_id = encounters.encounter_id
left join {{ ref('dim_providers') }} as providers
    on encounters.attending_provider_id = providers.provider_id
where labs.loinc_code = '4548-4'
