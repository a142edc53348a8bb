-- case: tuva_supd_numerator
-- origin: ../shared/sql-corpus/tuva-health_tuva-1.12.0-compiled model.the_tuva_project.quality_measures__int_supd_numerator (verbatim; relations from its catalog)
-- relation: tuva.quality_measures._int_supd_denominator: person_id, age, performance_period_begin, performance_period_end, measure_id, measure_name, measure_version, denominator_flag, tuva_last_run
-- relation: tuva.value_sets._value_set_codes: concept_name, concept_oid, code, code_system
-- relation: tuva.quality_measures._stg_pharmacy_claim: person_id, dispensing_date, ndc_code, days_supply, paid_date, tuva_last_run
-- note: the unqualified person_id/dispensing_date of patients_taking_statin_meds exist only in the pharmacy claims (statin_codes has code and code_system); the joins to the value set and the denominator (ON ... BETWEEN) only pick rows; casts are copies; numerator_flag is the literal 1 through a cast.
-- edge: person_id <- tuva.quality_measures._stg_pharmacy_claim.person_id copy
-- edge: evidence_date <- tuva.quality_measures._stg_pharmacy_claim.dispensing_date copy
-- edge: evidence_value <- (none)
-- edge: numerator_flag <- (none)
-- edge: tuva_last_run <- (none)
with denominator as (

    select
          person_id
        , performance_period_begin
        , performance_period_end
        , measure_id
        , measure_name
        , measure_version
    from "tuva"."quality_measures"."_int_supd_denominator"

)

, statin_codes as (

    select
        code
      , code_system
    from "tuva"."value_sets"."_value_set_codes"
    where lower(concept_name) in (
        'pqa statin medications'
    )

)

, patients_taking_statin_meds as (

    select
        person_id
      , dispensing_date
    from "tuva"."quality_measures"."_stg_pharmacy_claim" as pharmacy_claims
    inner join statin_codes
        on pharmacy_claims.ndc_code = statin_codes.code
            and statin_codes.code_system = 'ndc'

)

, qualifying_patients_in_deno as (

    select
          patients_taking_statin_meds.person_id
        , patients_taking_statin_meds.dispensing_date as evidence_date
    from patients_taking_statin_meds
    inner join denominator
      on patients_taking_statin_meds.person_id = denominator.person_id
        and dispensing_date between
          denominator.performance_period_begin and denominator.performance_period_end

)

, numerator as (

    select
          person_id
        , evidence_date
        , 1 as numerator_flag
    from qualifying_patients_in_deno

)

, add_data_types as (

    select
          cast(person_id as TEXT) as person_id
        , cast(evidence_date as date) as evidence_date
        , cast(null as TEXT) as evidence_value
        , cast(numerator_flag as integer) as numerator_flag
    from numerator

)

select
      person_id
    , evidence_date
    , evidence_value
    , numerator_flag
    , cast('2026-12-07 10:15:38.378094+00:00' as timestamp) as tuva_last_run
from add_data_types

-- case: tuva_semantic_dim_member_months
-- origin: ../shared/sql-corpus/tuva-health_tuva-1.12.0-compiled model.the_tuva_project.semantic_layer__dim_member_months (verbatim; relations from its catalog)
-- relation: tuva.core.member_months: member_month_key, person_id, member_id, year_month, payer, plan, payer_attributed_provider, payer_attributed_provider_practice, payer_attributed_provider_organization, payer_attributed_provider_lob, custom_attributed_provider, custom_attributed_provider_practice, custom_attributed_provider_organization, custom_attributed_provider_lob, x_temp_record_origin, x_temp_person_id, x_temp_first_name, data_source, tuva_last_run
-- note: the ephemeral staging model is inlined as a CTE; `||` concatenations are derived from both inputs; LEFT(year_month, 4) is generalized; tuva_last_run is the CTE literal, not core.member_months.tuva_last_run.
-- edge: person_id <- tuva.core.member_months.person_id copy
-- edge: year_nbr <- tuva.core.member_months.year_month generalized
-- edge: year_month <- tuva.core.member_months.year_month copy
-- edge: member_month_sk <- tuva.core.member_months.person_id derived
-- edge: member_month_sk <- tuva.core.member_months.year_month derived
-- edge: data_source <- tuva.core.member_months.data_source copy
-- edge: patient_source_key <- tuva.core.member_months.person_id derived
-- edge: patient_source_key <- tuva.core.member_months.data_source derived
-- edge: payer <- tuva.core.member_months.payer copy
-- edge: plan <- tuva.core.member_months.plan copy
-- edge: payer_attributed_provider <- tuva.core.member_months.payer_attributed_provider copy
-- edge: payer_attributed_provider_practice <- tuva.core.member_months.payer_attributed_provider_practice copy
-- edge: payer_attributed_provider_organization <- tuva.core.member_months.payer_attributed_provider_organization copy
-- edge: payer_attributed_provider_lob <- tuva.core.member_months.payer_attributed_provider_lob copy
-- edge: custom_attributed_provider <- tuva.core.member_months.custom_attributed_provider copy
-- edge: custom_attributed_provider_practice <- tuva.core.member_months.custom_attributed_provider_practice copy
-- edge: custom_attributed_provider_organization <- tuva.core.member_months.custom_attributed_provider_organization copy
-- edge: custom_attributed_provider_lob <- tuva.core.member_months.custom_attributed_provider_lob copy
-- edge: tuva_last_run <- (none)
WITH  __dbt__cte__semantic_layer__stg_core__member_months as (


SELECT
    mm.person_id
  , mm.data_source
  , mm.year_month
  , mm.payer
  , mm.plan
  , mm.payer_attributed_provider
  , mm.payer_attributed_provider_practice
  , mm.payer_attributed_provider_organization
  , mm.payer_attributed_provider_lob
  , mm.custom_attributed_provider
  , mm.custom_attributed_provider_practice
  , mm.custom_attributed_provider_organization
  , mm.custom_attributed_provider_lob
  , cast('2026-12-07 10:15:38.378094+00:00' as timestamp) as tuva_last_run
FROM "tuva"."core"."member_months" mm
), data_with_sks AS (
  SELECT
      mm.person_id
    , mm.data_source
    , mm.person_id || '|' || mm.data_source AS patient_source_key
    , mm.person_id || '|' || mm.year_month as member_month_sk
    , mm.year_month
    , mm.payer
    , mm.plan
    , mm.payer_attributed_provider
    , mm.payer_attributed_provider_practice
    , mm.payer_attributed_provider_organization
    , mm.payer_attributed_provider_lob
    , mm.custom_attributed_provider
    , mm.custom_attributed_provider_practice
    , mm.custom_attributed_provider_organization
    , mm.custom_attributed_provider_lob
    , LEFT(mm.year_month, 4) AS year_nbr
    , mm.tuva_last_run
  FROM __dbt__cte__semantic_layer__stg_core__member_months as mm
)
SELECT
    dws.person_id
  , dws.year_nbr
  , dws.year_month
  , dws.member_month_sk
  , dws.data_source
  , dws.patient_source_key
  , dws.payer
  , dws.plan
  , dws.payer_attributed_provider
  , dws.payer_attributed_provider_practice
  , dws.payer_attributed_provider_organization
  , dws.payer_attributed_provider_lob
  , dws.custom_attributed_provider
  , dws.custom_attributed_provider_practice
  , dws.custom_attributed_provider_organization
  , dws.custom_attributed_provider_lob
  , dws.tuva_last_run
FROM data_with_sks as dws

-- case: tuva_ccsr_long_condition_category
-- origin: ../shared/sql-corpus/tuva-health_tuva-1.12.0-compiled model.the_tuva_project.ccsr__long_condition_category (verbatim; relations from its catalog)
-- relation: tuva.core.condition: condition_id, payer, person_id, member_id, patient_id, encounter_id, claim_id, recorded_date, onset_date, resolved_date, status, condition_type, source_code_type, source_code, source_description, normalized_code_type, normalized_code, normalized_description, mapping_method, condition_rank, present_on_admit_code, present_on_admit_description, data_source, tuva_last_run
-- relation: tuva.ccsr.dx_vertical_pivot: code, code_description, ccsr_parent_category, ccsr_category, ccsr_category_description, ccsr_category_rank, is_ip_default_category, is_op_default_category, tuva_last_run
-- relation: tuva.value_sets._value_set_dxccsr_v2023_1_body_systems: body_system, ccsr_parent_category, parent_category_description
-- note: an ephemeral CTE over core.condition, then `select *` CTEs named like their relations (condition, ccsr__dx_vertical_pivot); two LEFT JOINs whose ON columns reach nothing; the WHERE normalized_code_type is upstream of nothing.
-- edge: encounter_id <- tuva.core.condition.encounter_id copy
-- edge: claim_id <- tuva.core.condition.claim_id copy
-- edge: person_id <- tuva.core.condition.person_id copy
-- edge: normalized_code <- tuva.core.condition.normalized_code copy
-- edge: code_description <- tuva.ccsr.dx_vertical_pivot.code_description copy
-- edge: condition_rank <- tuva.core.condition.condition_rank copy
-- edge: ccsr_parent_category <- tuva.ccsr.dx_vertical_pivot.ccsr_parent_category copy
-- edge: body_system <- tuva.value_sets._value_set_dxccsr_v2023_1_body_systems.body_system copy
-- edge: parent_category_description <- tuva.value_sets._value_set_dxccsr_v2023_1_body_systems.parent_category_description copy
-- edge: ccsr_category <- tuva.ccsr.dx_vertical_pivot.ccsr_category copy
-- edge: ccsr_category_description <- tuva.ccsr.dx_vertical_pivot.ccsr_category_description copy
-- edge: ccsr_category_rank <- tuva.ccsr.dx_vertical_pivot.ccsr_category_rank copy
-- edge: is_ip_default_category <- tuva.ccsr.dx_vertical_pivot.is_ip_default_category copy
-- edge: is_op_default_category <- tuva.ccsr.dx_vertical_pivot.is_op_default_category copy
-- edge: data_source <- tuva.core.condition.data_source copy
-- edge: dxccsr_version <- (none)
-- edge: tuva_last_run <- (none)
with  __dbt__cte__ccsr__stg_core__condition as (


select
    encounter_id
    , claim_id
    , person_id
    , normalized_code
    , condition_rank
    , data_source
    , cast('2026-12-07 10:15:38.378094+00:00' as timestamp) as tuva_last_run
from "tuva"."core"."condition"
where normalized_code_type = 'icd-10-cm'
), ccsr__dx_vertical_pivot as (

    select * from "tuva"."ccsr"."dx_vertical_pivot"

)

, condition as (

    select * from __dbt__cte__ccsr__stg_core__condition

)

, dxccsr_body_systems as (

    select * from "tuva"."value_sets"."_value_set_dxccsr_v2023_1_body_systems"

)

select
      condition.encounter_id
    , condition.claim_id
    , condition.person_id
    , condition.normalized_code
    , ccsr__dx_vertical_pivot.code_description
    , condition.condition_rank
    , ccsr__dx_vertical_pivot.ccsr_parent_category
    , dxccsr_body_systems.body_system
    , dxccsr_body_systems.parent_category_description
    , ccsr__dx_vertical_pivot.ccsr_category
    , ccsr__dx_vertical_pivot.ccsr_category_description
    , ccsr__dx_vertical_pivot.ccsr_category_rank
    , ccsr__dx_vertical_pivot.is_ip_default_category
    , ccsr__dx_vertical_pivot.is_op_default_category
    , condition.data_source
    , '2023.1' as dxccsr_version
    , cast('2026-12-07 10:15:38.378094+00:00' as timestamp) as tuva_last_run
from condition
left outer join ccsr__dx_vertical_pivot
    on condition.normalized_code = ccsr__dx_vertical_pivot.code
left outer join dxccsr_body_systems on ccsr__dx_vertical_pivot.ccsr_parent_category = dxccsr_body_systems.ccsr_parent_category

-- case: tuva_procedure_date_voting
-- origin: ../shared/sql-corpus/tuva-health_tuva-1.12.0-compiled model.the_tuva_project.normalized_input__int_procedure_date_voting (verbatim; relations from its catalog)
-- relation: tuva.claims_preprocessing._int_normalized_input_procedure_date_normalize: claim_id, data_source, procedure_column, procedure_date, procedure_date_occurrence_count, tuva_last_run
-- note: coalesce(lead(x) over (partition by a, b, c order by x desc), 0): lead copies x, coalesce makes it derived; x is also the ORDER BY column (a value wins); the PARTITION BY columns are filter edges. row_number has only filter edges. The self-join to the grouped CTE (count(*)) only picks rows.
-- edge: claim_id <- tuva.claims_preprocessing._int_normalized_input_procedure_date_normalize.claim_id copy
-- edge: data_source <- tuva.claims_preprocessing._int_normalized_input_procedure_date_normalize.data_source copy
-- edge: column_name <- tuva.claims_preprocessing._int_normalized_input_procedure_date_normalize.procedure_column copy
-- edge: normalized_code <- tuva.claims_preprocessing._int_normalized_input_procedure_date_normalize.procedure_date copy
-- edge: occurrence_count <- tuva.claims_preprocessing._int_normalized_input_procedure_date_normalize.procedure_date_occurrence_count copy
-- edge: next_occurrence_count <- tuva.claims_preprocessing._int_normalized_input_procedure_date_normalize.procedure_date_occurrence_count derived
-- edge: next_occurrence_count <- tuva.claims_preprocessing._int_normalized_input_procedure_date_normalize.claim_id filter
-- edge: next_occurrence_count <- tuva.claims_preprocessing._int_normalized_input_procedure_date_normalize.data_source filter
-- edge: next_occurrence_count <- tuva.claims_preprocessing._int_normalized_input_procedure_date_normalize.procedure_column filter
-- edge: occurrence_row_count <- tuva.claims_preprocessing._int_normalized_input_procedure_date_normalize.claim_id filter
-- edge: occurrence_row_count <- tuva.claims_preprocessing._int_normalized_input_procedure_date_normalize.data_source filter
-- edge: occurrence_row_count <- tuva.claims_preprocessing._int_normalized_input_procedure_date_normalize.procedure_column filter
-- edge: occurrence_row_count <- tuva.claims_preprocessing._int_normalized_input_procedure_date_normalize.procedure_date_occurrence_count filter
-- edge: tuva_last_run <- (none)
with distinct_count as (
    select
        claim_id
        , data_source
        , procedure_column
        , count(*) as distinct_count
        , cast('2026-12-07 10:15:38.378094+00:00' as timestamp) as tuva_last_run
    from "tuva"."claims_preprocessing"."_int_normalized_input_procedure_date_normalize"
    group by
        claim_id
        , data_source
        , procedure_column
)

select
    norm.claim_id
    , norm.data_source
    , norm.procedure_column as column_name
    , norm.procedure_date as normalized_code
    , norm.procedure_date_occurrence_count as occurrence_count
    , coalesce(lead(procedure_date_occurrence_count)
        over (partition by norm.claim_id, norm.data_source, norm.procedure_column
order by procedure_date_occurrence_count desc), 0) as next_occurrence_count
    , row_number() over (partition by norm.claim_id, norm.data_source, norm.procedure_column
order by procedure_date_occurrence_count desc) as occurrence_row_count
    , cast('2026-12-07 10:15:38.378094+00:00' as timestamp) as tuva_last_run
from "tuva"."claims_preprocessing"."_int_normalized_input_procedure_date_normalize" as norm
inner join distinct_count as dist
    on norm.claim_id = dist.claim_id
    and norm.data_source = dist.data_source
    and norm.procedure_column = dist.procedure_column

-- case: chinook_dim_track_using_chain
-- origin: ../shared/corpus/ashhimself_dataproducts_with_dbt-1.8.3 model.dbt_duckdb_chinook.dim_track (verbatim; relations from its catalog)
-- relation: chinook.main.stg_track: track_id, track_name, album_id, media_type_id, genre_id, track_composer_name, track_milliseconds, track_bytes, track_unit_price
-- relation: chinook.main.stg_album: album_id, album_title, artist_id
-- relation: chinook.main.stg_artist: artist_id, artist_name
-- relation: chinook.main.stg_genre: genre_id, genre_name
-- relation: chinook.main.stg_media_type: media_type_id, media_type_name
-- note: four chained LEFT JOIN ... USING; the USING columns are not selected (upstream of nothing); the unqualified track_id exists only in stg_track; artist_id is joined from the album, not the track.
-- edge: track_id <- chinook.main.stg_track.track_id copy
-- edge: track_name <- chinook.main.stg_track.track_name copy
-- edge: artist_name <- chinook.main.stg_artist.artist_name copy
-- edge: track_composer_name <- chinook.main.stg_track.track_composer_name copy
-- edge: album_title <- chinook.main.stg_album.album_title copy
-- edge: genre_name <- chinook.main.stg_genre.genre_name copy
-- edge: track_milliseconds <- chinook.main.stg_track.track_milliseconds copy
-- edge: track_bytes <- chinook.main.stg_track.track_bytes copy
-- edge: media_type_name <- chinook.main.stg_media_type.media_type_name copy
     WITH track AS (
          SELECT track_id, 
                 track.track_name,
                 artist.artist_name,
                 track.track_composer_name,
                 album.album_title,
                 genre.genre_name,
                 track.track_milliseconds,
                 track.track_bytes,
                 media_type.media_type_name
            FROM "chinook"."main"."stg_track" track
       LEFT JOIN "chinook"."main"."stg_album" album USING (album_id)
       LEFT JOIN "chinook"."main"."stg_artist" artist USING (artist_id)
       LEFT JOIN "chinook"."main"."stg_genre" genre USING (genre_id)
       LEFT JOIN "chinook"."main"."stg_media_type" media_type USING (media_type_id)
     )
     
     SELECT * FROM track

-- case: chinook_dim_customer_marketing
-- origin: ../shared/corpus/ashhimself_dataproducts_with_dbt-1.8.3 model.dbt_duckdb_chinook.dim_customer__marketing (verbatim; relations from its catalog)
-- relation: chinook.main_human_resources.dim_customer: customer_id, first_name, last_name, company, address, city, state, country, postal_code, phone, fax, email
-- relation: chinook.main.stg_customer_marketingsystem: customer_id, first_name, last_name, LTV, propensity_to_leave, customer_segment, engagement_score
-- note: the unqualified ltv finds the catalog column LTV (DuckDB names compare case-insensitively) and exists only on the marketing side; first_name/last_name exist on both sides but are qualified hr.; the output keeps the spelling ltv.
-- edge: customer_id <- chinook.main_human_resources.dim_customer.customer_id copy
-- edge: first_name <- chinook.main_human_resources.dim_customer.first_name copy
-- edge: last_name <- chinook.main_human_resources.dim_customer.last_name copy
-- edge: ltv <- chinook.main.stg_customer_marketingsystem.LTV copy
-- edge: propensity_to_leave <- chinook.main.stg_customer_marketingsystem.propensity_to_leave copy
-- edge: customer_segment <- chinook.main.stg_customer_marketingsystem.customer_segment copy
-- edge: engagement_score <- chinook.main.stg_customer_marketingsystem.engagement_score copy
WITH customer AS (
    SELECT

        hr.customer_id,            --HR owned data
        hr.first_name,             --HR owned data
        hr.last_name,              --HR owned data
        ltv,                    -- MARKETING owned data
        propensity_to_leave,    -- MARKETING owned data
        customer_segment,       -- MARKETING owned data
        engagement_score        -- MARKETING owned data


    FROM "chinook"."main_human_resources"."dim_customer" AS hr
    INNER JOIN
        "chinook"."main"."stg_customer_marketingsystem" AS marketing
        ON hr.customer_id = marketing.customer_id
)

SELECT * FROM customer

-- case: tuva_raw_code_jinja
-- origin: ../shared/sql-corpus/tuva-health_tuva-1.12.0-compiled model.the_tuva_project.emergency_department__generate_encounter_id raw_code (the uncompiled model, verbatim; the pre_sort relation and its columns assumed from the select list)
-- relation: tuva.emergency_department._int_generate_encounter_id_pre_sort: patient_data_source_id, claim_id, start_date, end_date, discharge_disposition_code, facility_npi, close_flag, min_closing_row, encounter_id
-- note: the raw model text: config() and ref() are left in, not compiled SQL.
-- unresolved: jinja
{{ config(
     enabled = var('claims_enabled', False) | as_bool
   )
}}


select
    patient_data_source_id
  , claim_id
  , start_date
  , end_date
  , discharge_disposition_code
  , facility_npi
  , row_number() over (partition by encounter_id
order by start_date, end_date, claim_id) as encounter_claim_number
  , row_number() over (partition by encounter_id
order by start_date desc, end_date desc, claim_id desc) as encounter_claim_number_desc
  , close_flag
  , min_closing_row
  , dense_rank() over (
order by encounter_id) as encounter_id
  , encounter_id as original_anchor_claim
from {{ ref('emergency_department__generate_encounter_id_pre_sort') }}

-- case: duck_cte_shadow_natural_join
-- relation: ehr.main.patients: patient_id, mrn, birth_date, zip
-- relation: ehr.main.visits: visit_id, patient_id, visit_date, dx_code
-- note: two CTEs named like the tables they read shadow them in the final FROM (the CTE bodies name the tables fully qualified). NATURAL JOIN joins on the one shared name patient_id; like an unqualified JOIN USING column it comes from both sides. The WHERE columns (mrn, dx_code) reach nothing.
-- edge: visit_id <- ehr.main.visits.visit_id copy
-- edge: patient_id <- ehr.main.patients.patient_id copy
-- edge: patient_id <- ehr.main.visits.patient_id copy
-- edge: zip3 <- ehr.main.patients.zip generalized
-- edge: age_at_visit <- ehr.main.patients.birth_date generalized
-- edge: age_at_visit <- ehr.main.visits.visit_date generalized
-- edge: visit_month <- ehr.main.visits.visit_date generalized
with patients as (
    select patient_id, left(zip, 3) as zip3, birth_date
    from ehr.main.patients
    where mrn is not null
),
visits as (
    select visit_id, patient_id, visit_date from ehr.main.visits where dx_code like 'E11%'
)
select
    visit_id,
    patient_id,
    zip3,
    date_diff('year', birth_date, visit_date) as age_at_visit,
    date_trunc('month', visit_date) as visit_month
from patients natural join visits

-- case: duck_recursive_values_group_by_all
-- relation: ehr.main.orgs: org_id, parent_org_id, org_name
-- note: a recursive CTE with a column list: root_name is org_name in the anchor and itself in the step (copy); depth starts at the literal 0 and only adds 1 to itself, so it has no upstream column, nor does max() of it. The VALUES list has no upstream; coalesce of its label and a literal has none. GROUP BY ALL groups by root_name and level_label; count(*) reads no column; list() aggregates org_id (the step reads o.org_id, the same column).
-- edge: root_name <- ehr.main.orgs.org_name copy
-- edge: level_label <- (none)
-- edge: n_orgs <- (none)
-- edge: max_depth <- (none)
-- edge: org_ids <- ehr.main.orgs.org_id aggregated
with recursive org_tree(org_id, root_name, depth) as (
    select org_id, org_name, 0 from ehr.main.orgs where parent_org_id is null
    union all
    select o.org_id, t.root_name, t.depth + 1
    from ehr.main.orgs o
    join org_tree t on o.parent_org_id = t.org_id
),
labels(depth, label) as (
    values (0, 'root'), (1, 'child')
)
select
    root_name,
    coalesce(l.label, 'deep') as level_label,
    count(*) as n_orgs,
    max(t.depth) as max_depth,
    list(t.org_id order by t.org_id) as org_ids
from org_tree t
left join labels l using (depth)
group by all

-- case: duck_exclude_replace_union_by_name_frame
-- relation: ehr.main.labs_2024: lab_id, patient_id, loinc, value_num, collected_at, ssn
-- relation: ehr.main.labs_2025: lab_id, patient_id, loinc, value_num, collected_at, device_id
-- note: * EXCLUDE drops ssn and * REPLACE rounds value_num (generalized) in the 2024 branch only; the 2025 branch hashes device_id (md5: hashed), which 2024 lacks (UNION ALL BY NAME fills it with NULL). The framed avg aggregates value_num from both branches, with its PARTITION BY and ORDER BY columns as filter edges.
-- edge: lab_id <- ehr.main.labs_2024.lab_id copy
-- edge: lab_id <- ehr.main.labs_2025.lab_id copy
-- edge: patient_id <- ehr.main.labs_2024.patient_id copy
-- edge: patient_id <- ehr.main.labs_2025.patient_id copy
-- edge: device_id <- ehr.main.labs_2025.device_id hashed
-- edge: value_num <- ehr.main.labs_2024.value_num generalized
-- edge: value_num <- ehr.main.labs_2025.value_num copy
-- edge: rolling_avg <- ehr.main.labs_2024.value_num aggregated
-- edge: rolling_avg <- ehr.main.labs_2024.patient_id filter
-- edge: rolling_avg <- ehr.main.labs_2024.loinc filter
-- edge: rolling_avg <- ehr.main.labs_2024.collected_at filter
-- edge: rolling_avg <- ehr.main.labs_2025.value_num aggregated
-- edge: rolling_avg <- ehr.main.labs_2025.patient_id filter
-- edge: rolling_avg <- ehr.main.labs_2025.loinc filter
-- edge: rolling_avg <- ehr.main.labs_2025.collected_at filter
with all_labs as (
    select * exclude (ssn) replace (round(value_num, 1) as value_num) from ehr.main.labs_2024
    union all by name
    select * replace (md5(cast(device_id as varchar)) as device_id) from ehr.main.labs_2025
)
select
    lab_id,
    patient_id,
    device_id,
    value_num,
    avg(value_num) over (
        partition by patient_id, loinc
        order by collected_at
        rows between 2 preceding and current row
    ) as rolling_avg
from all_labs

-- case: duck_union_by_name_unknown_columns
-- relation: ehr.main.labs_2024: lab_id, patient_id, loinc, value_num, collected_at, ssn
-- relation: ehr.main.labs_external: ?
-- note: UNION BY NAME needs the names of both sides; labs_external has no known columns, so neither the `*` nor the set of output names can be known.
-- unresolved: missing catalog
select * from ehr.main.labs_2024
union all by name
select * from ehr.main.labs_external
