-- case: tuva_dim_member
-- origin: ../shared/sql-corpus/tuva-health_tuva-1.12.0-compiled model.the_tuva_project.semantic_layer__dim_member (verbatim; relations from its catalog)
-- relation: tuva.core.patient: person_id, name_suffix, first_name, middle_name, last_name, sex, race, birth_date, death_date, death_flag, social_security_number, address, city, state, zip_code, county, latitude, longitude, phone, email, ethnicity, age, age_group, x_temp_record_origin, x_temp_person_id, x_temp_first_name, data_source, tuva_last_run
-- note: the ephemeral staging model is inlined as a CTE; person_sk concatenates two columns (derived); the CTE's tuva_last_run is a literal cast, not core.patient's own tuva_last_run column, so it has no upstream.
-- edge: person_id <- tuva.core.patient.person_id copy
-- edge: person_sk <- tuva.core.patient.person_id derived
-- edge: person_sk <- tuva.core.patient.data_source derived
-- edge: name_suffix <- tuva.core.patient.name_suffix copy
-- edge: first_name <- tuva.core.patient.first_name copy
-- edge: middle_name <- tuva.core.patient.middle_name copy
-- edge: last_name <- tuva.core.patient.last_name copy
-- edge: sex <- tuva.core.patient.sex copy
-- edge: race <- tuva.core.patient.race copy
-- edge: birth_date <- tuva.core.patient.birth_date copy
-- edge: death_date <- tuva.core.patient.death_date copy
-- edge: death_flag <- tuva.core.patient.death_flag copy
-- edge: address <- tuva.core.patient.address copy
-- edge: city <- tuva.core.patient.city copy
-- edge: state <- tuva.core.patient.state copy
-- edge: zip_code <- tuva.core.patient.zip_code copy
-- edge: county <- tuva.core.patient.county copy
-- edge: latitude <- tuva.core.patient.latitude copy
-- edge: longitude <- tuva.core.patient.longitude copy
-- edge: phone <- tuva.core.patient.phone copy
-- edge: email <- tuva.core.patient.email copy
-- edge: ethnicity <- tuva.core.patient.ethnicity copy
-- edge: data_source <- tuva.core.patient.data_source copy
-- edge: age <- tuva.core.patient.age copy
-- edge: age_group <- tuva.core.patient.age_group copy
-- edge: tuva_last_run <- (none)
with __dbt__cte__semantic_layer__stg_core__patient as (


SELECT 
    p.person_id
  , p.name_suffix
  , p.first_name
  , p.middle_name
  , p.last_name
  , p.sex
  , p.race
  , p.birth_date
  , p.death_date
  , p.death_flag
  , p.address
  , p.city
  , p.state
  , p.zip_code
  , p.county
  , p.latitude
  , p.longitude
  , p.phone
  , p.email
  , p.ethnicity
  , p.data_source
  , p.age
  , p.age_group
  , cast('2026-12-07 10:15:38.378094+00:00' as timestamp) as tuva_last_run
FROM "tuva"."core"."patient" as p
) SELECT 
    p.person_id
  , p.person_id || '|' || p.data_source as person_sk
  , p.name_suffix
  , p.first_name
  , p.middle_name
  , p.last_name
  , p.sex
  , p.race
  , p.birth_date
  , p.death_date
  , p.death_flag
  , p.address
  , p.city
  , p.state
  , p.zip_code
  , p.county
  , p.latitude
  , p.longitude
  , p.phone
  , p.email
  , p.ethnicity
  , p.data_source
  , p.age
  , p.age_group
  , p.tuva_last_run
FROM __dbt__cte__semantic_layer__stg_core__patient as p

-- case: tuva_patient_risk_scores_monthly
-- origin: ../shared/sql-corpus/tuva-health_tuva-1.12.0-compiled model.the_tuva_project.cms_hcc__patient_risk_scores_monthly (verbatim; relations from its catalog)
-- relation: tuva.cms_hcc.patient_risk_scores_monthly_by_factor_type: person_id, payer, factor_type, risk_model_code, enrollment_status, enrollment_status_default, orec_default, v24_risk_score, v28_risk_score, blended_risk_score, normalized_risk_score, payment_risk_score, payment_risk_score_weighted_by_months, member_months, payment_year, collection_start_date, collection_end_date, tuva_last_run
-- note: GROUP BY keys selected as they are stay copies; sum/max aggregate; factor_type is read by nothing (it is summed over).
-- edge: person_id <- tuva.cms_hcc.patient_risk_scores_monthly_by_factor_type.person_id copy
-- edge: payer <- tuva.cms_hcc.patient_risk_scores_monthly_by_factor_type.payer copy
-- edge: risk_model_code <- tuva.cms_hcc.patient_risk_scores_monthly_by_factor_type.risk_model_code copy
-- edge: enrollment_status <- tuva.cms_hcc.patient_risk_scores_monthly_by_factor_type.enrollment_status copy
-- edge: enrollment_status_default <- tuva.cms_hcc.patient_risk_scores_monthly_by_factor_type.enrollment_status_default copy
-- edge: orec_default <- tuva.cms_hcc.patient_risk_scores_monthly_by_factor_type.orec_default copy
-- edge: payment_year <- tuva.cms_hcc.patient_risk_scores_monthly_by_factor_type.payment_year copy
-- edge: collection_start_date <- tuva.cms_hcc.patient_risk_scores_monthly_by_factor_type.collection_start_date copy
-- edge: collection_end_date <- tuva.cms_hcc.patient_risk_scores_monthly_by_factor_type.collection_end_date copy
-- edge: v24_risk_score <- tuva.cms_hcc.patient_risk_scores_monthly_by_factor_type.v24_risk_score aggregated
-- edge: v28_risk_score <- tuva.cms_hcc.patient_risk_scores_monthly_by_factor_type.v28_risk_score aggregated
-- edge: blended_risk_score <- tuva.cms_hcc.patient_risk_scores_monthly_by_factor_type.blended_risk_score aggregated
-- edge: normalized_risk_score <- tuva.cms_hcc.patient_risk_scores_monthly_by_factor_type.normalized_risk_score aggregated
-- edge: payment_risk_score <- tuva.cms_hcc.patient_risk_scores_monthly_by_factor_type.payment_risk_score aggregated
-- edge: payment_risk_score_weighted_by_months <- tuva.cms_hcc.patient_risk_scores_monthly_by_factor_type.payment_risk_score_weighted_by_months aggregated
-- edge: member_months <- tuva.cms_hcc.patient_risk_scores_monthly_by_factor_type.member_months aggregated
-- edge: tuva_last_run <- tuva.cms_hcc.patient_risk_scores_monthly_by_factor_type.tuva_last_run aggregated
select
      person_id
    , payer
    , risk_model_code
    , enrollment_status
    , enrollment_status_default
    , orec_default
    , payment_year
    , collection_start_date
    , collection_end_date
    , sum(v24_risk_score) as v24_risk_score
    , sum(v28_risk_score) as v28_risk_score
    , sum(blended_risk_score) as blended_risk_score
    , sum(normalized_risk_score) as normalized_risk_score
    , sum(payment_risk_score) as payment_risk_score
    , sum(payment_risk_score_weighted_by_months) as payment_risk_score_weighted_by_months
    , max(member_months) as member_months
    , max(tuva_last_run) as tuva_last_run
from "tuva"."cms_hcc"."patient_risk_scores_monthly_by_factor_type"
group by
      person_id
    , payer
    , risk_model_code
    , enrollment_status
    , enrollment_status_default
    , orec_default
    , payment_year
    , collection_start_date
    , collection_end_date

-- case: tuva_dq_age_group_30_39
-- origin: ../shared/sql-corpus/tuva-health_tuva-1.12.0-compiled model.the_tuva_project.data_quality__analytical_key_metric__patient__age_group_30_39 (verbatim; relations from its catalog)
-- relation: tuva.core.patient: person_id, name_suffix, first_name, middle_name, last_name, sex, race, birth_date, death_date, death_flag, social_security_number, address, city, state, zip_code, county, latitude, longitude, phone, email, ethnicity, age, age_group, x_temp_record_origin, x_temp_person_id, x_temp_first_name, data_source, tuva_last_run
-- note: the derived table `sources` is a UNION ALL whose second branch is a null literal; DISTINCT does not aggregate, so data_source is a copy (cast). result is coalesce(count(distinct person_id), 0): aggregated is the strongest step. The WHERE age_group filter, the join key data_source_key and the NOT EXISTS are upstream of nothing.
-- edge: data_source <- tuva.core.patient.data_source copy
-- edge: domain <- (none)
-- edge: metric <- (none)
-- edge: result <- tuva.core.patient.person_id aggregated
    



    
    

    
        
    
    

    
        

        
    select
          cast(sources.data_source as TEXT) as data_source
        , cast('patient demographics' as TEXT) as domain
        , cast('count distinct patients | age_group = 30-39' as TEXT) as metric
        , cast(coalesce(metric_results.result, 0) as numeric(28,6)) as result
    from (
        
    

    
        select distinct
              coalesce(cast(data_source as TEXT), '__dq_null__') as data_source_key
            , cast(data_source as TEXT) as data_source
        from "tuva"."core"."patient"

        union all

        select
              '__dq_null__' as data_source_key
            , cast(null as TEXT) as data_source
        from (
            
    select 1 as _dq_empty_row

        ) as dq_empty_source
        where not exists (
            select 1
            from "tuva"."core"."patient"
        )
    

    ) as sources
    left join (
        
            select
                  coalesce(cast(data_source as TEXT), '__dq_null__') as data_source_key
                , count(distinct person_id) as result
            from "tuva"."core"."patient"
            
            where age_group = '30-39'
            
            group by 1
        
    ) as metric_results
        on sources.data_source_key = metric_results.data_source_key

    


    

-- case: tuva_core_patient
-- origin: ../shared/sql-corpus/tuva-health_tuva-1.12.0-compiled model.the_tuva_project.core__patient (verbatim; relations from its catalog)
-- relation: tuva.core._stg_patient: person_id, name_suffix, first_name, middle_name, last_name, sex, race, birth_date, death_date, death_flag, social_security_number, address, city, state, zip_code, county, latitude, longitude, phone, email, ethnicity, x_temp_record_origin, x_temp_person_id, x_temp_first_name, data_source, file_name, ingest_datetime, tuva_last_run
-- note: tuva_last_run_date is cast(substring(cast(tuva_last_run as TEXT), 1, 10) as date): substring is generalized; age is floor(date_diff('hour', ...)/8760) of birth_date and that date: generalized for both. age_group's CASE returns literals only and tests that age in its conditions, so both columns are filter edges of age_group. file_name and ingest_datetime of _stg_patient are not selected.
-- edge: person_id <- tuva.core._stg_patient.person_id copy
-- edge: name_suffix <- tuva.core._stg_patient.name_suffix copy
-- edge: first_name <- tuva.core._stg_patient.first_name copy
-- edge: middle_name <- tuva.core._stg_patient.middle_name copy
-- edge: last_name <- tuva.core._stg_patient.last_name copy
-- edge: sex <- tuva.core._stg_patient.sex copy
-- edge: race <- tuva.core._stg_patient.race copy
-- edge: birth_date <- tuva.core._stg_patient.birth_date copy
-- edge: death_date <- tuva.core._stg_patient.death_date copy
-- edge: death_flag <- tuva.core._stg_patient.death_flag copy
-- edge: social_security_number <- tuva.core._stg_patient.social_security_number copy
-- edge: address <- tuva.core._stg_patient.address copy
-- edge: city <- tuva.core._stg_patient.city copy
-- edge: state <- tuva.core._stg_patient.state copy
-- edge: zip_code <- tuva.core._stg_patient.zip_code copy
-- edge: county <- tuva.core._stg_patient.county copy
-- edge: latitude <- tuva.core._stg_patient.latitude copy
-- edge: longitude <- tuva.core._stg_patient.longitude copy
-- edge: phone <- tuva.core._stg_patient.phone copy
-- edge: email <- tuva.core._stg_patient.email copy
-- edge: ethnicity <- tuva.core._stg_patient.ethnicity copy
-- edge: age <- tuva.core._stg_patient.birth_date generalized
-- edge: age <- tuva.core._stg_patient.tuva_last_run generalized
-- edge: age_group <- tuva.core._stg_patient.birth_date filter
-- edge: age_group <- tuva.core._stg_patient.tuva_last_run filter
-- edge: x_temp_record_origin <- tuva.core._stg_patient.x_temp_record_origin copy
-- edge: x_temp_person_id <- tuva.core._stg_patient.x_temp_person_id copy
-- edge: x_temp_first_name <- tuva.core._stg_patient.x_temp_first_name copy
-- edge: data_source <- tuva.core._stg_patient.data_source copy
-- edge: tuva_last_run <- tuva.core._stg_patient.tuva_last_run copy
with patient_base as (
    select
          person_id
        , name_suffix
        , first_name
        , middle_name
        , last_name
        , sex
        , race
        , birth_date
        , death_date
        , death_flag
        , social_security_number
        , address
        , city
        , state
        , zip_code
        , county
        , latitude
        , longitude
        , phone
        , email
        , ethnicity
        , data_source
        , tuva_last_run
        

    , x_temp_record_origin
    , x_temp_person_id
    , x_temp_first_name
        , cast(substring(cast(tuva_last_run as TEXT), 1, 10) as date) as tuva_last_run_date
    from "tuva"."core"."_stg_patient"
)

select
    person_id
    , name_suffix
    , first_name
    , middle_name
    , last_name
    , sex
    , race
    , birth_date
    , death_date
    , death_flag
    , social_security_number
    , address
    , city
    , state
    , zip_code
    , county
    , latitude
    , longitude
    , phone
    , email
    , ethnicity
    , cast(floor(
        (date_diff('hour', birth_date::timestamp, tuva_last_run_date::timestamp ))
     / 8760.0) as integer) as age
    , cast(
    case
        when cast(floor(
        (date_diff('hour', birth_date::timestamp, tuva_last_run_date::timestamp ))
     / 8760.0) as integer) < 10 then '0-9'
        when cast(floor(
        (date_diff('hour', birth_date::timestamp, tuva_last_run_date::timestamp ))
     / 8760.0) as integer) < 20 then '10-19'
        when cast(floor(
        (date_diff('hour', birth_date::timestamp, tuva_last_run_date::timestamp ))
     / 8760.0) as integer) < 30 then '20-29'
        when cast(floor(
        (date_diff('hour', birth_date::timestamp, tuva_last_run_date::timestamp ))
     / 8760.0) as integer) < 40 then '30-39'
        when cast(floor(
        (date_diff('hour', birth_date::timestamp, tuva_last_run_date::timestamp ))
     / 8760.0) as integer) < 50 then '40-49'
        when cast(floor(
        (date_diff('hour', birth_date::timestamp, tuva_last_run_date::timestamp ))
     / 8760.0) as integer) < 60 then '50-59'
        when cast(floor(
        (date_diff('hour', birth_date::timestamp, tuva_last_run_date::timestamp ))
     / 8760.0) as integer) < 70 then '60-69'
        when cast(floor(
        (date_diff('hour', birth_date::timestamp, tuva_last_run_date::timestamp ))
     / 8760.0) as integer) < 80 then '70-79'
        when cast(floor(
        (date_diff('hour', birth_date::timestamp, tuva_last_run_date::timestamp ))
     / 8760.0) as integer) < 90 then '80-89'
        else '90+'
    end as TEXT
) as age_group
    

    , patient_base.x_temp_record_origin
    , patient_base.x_temp_person_id
    , patient_base.x_temp_first_name
    , data_source
    , tuva_last_run
from patient_base

-- case: tuva_readmission_crude
-- origin: ../shared/sql-corpus/tuva-health_tuva-1.12.0-compiled model.the_tuva_project.readmissions__readmission_crude (verbatim; relations from its catalog)
-- relation: tuva.readmissions._int_encounter: encounter_id, person_id, admit_date, discharge_date, discharge_disposition_code, facility_npi, drg_code_type, drg_code, paid_amount, primary_diagnosis_code, encounter_source_type, data_source, tuva_last_run
-- relation: tuva.readmissions._int_encounter_overlap: encounter_id, person_id, admit_date, discharge_date, actual_length_of_stay, source_type_priority, completeness_score, overlap_group_id, has_overlaps, encounter_rank_in_group, is_best_encounter, selection_reason
-- note: a self-join of a CTE (aa/bb): had_readmission_flag's CASE returns 1/0 and tests bb.encounter_id (filter); days_to_readmit is a date_diff of bb.admit_date and aa.discharge_date (generalized); readmit_30_flag tests that difference only (filter). encounter_seq (row_number) is used only in the join condition and is not an output; the NOT EXISTS and WHERE are upstream of nothing.
-- edge: encounter_id <- tuva.readmissions._int_encounter.encounter_id copy
-- edge: person_id <- tuva.readmissions._int_encounter.person_id copy
-- edge: admit_date <- tuva.readmissions._int_encounter.admit_date copy
-- edge: discharge_date <- tuva.readmissions._int_encounter.discharge_date copy
-- edge: had_readmission_flag <- tuva.readmissions._int_encounter.encounter_id filter
-- edge: days_to_readmit <- tuva.readmissions._int_encounter.admit_date generalized
-- edge: days_to_readmit <- tuva.readmissions._int_encounter.discharge_date generalized
-- edge: readmit_30_flag <- tuva.readmissions._int_encounter.admit_date filter
-- edge: readmit_30_flag <- tuva.readmissions._int_encounter.discharge_date filter
-- edge: tuva_last_run <- (none)
-- Here we calculate readmissions using all encounters
-- that have valid admit and discharge dates and no overlap.
-- This is meant to give a crude sense of the readmission
-- rate without taking into account all the CMS HWR logic.


with encounter_info as (
select
    enc.encounter_id
    , enc.person_id
    , enc.admit_date
    , enc.discharge_date
from "tuva"."readmissions"."_int_encounter" as enc
where
    admit_date is not null
    and
    discharge_date is not null
    and
    admit_date <= discharge_date
and not exists (select 1 from "tuva"."readmissions"."_int_encounter_overlap" as overlap
                         where overlap.encounter_id = enc.encounter_id and overlap.is_best_encounter = 0)
    )

, encounter_sequence as (
select
    encounter_id
    , person_id
    , admit_date
    , discharge_date
    , row_number() over (
        partition by person_id
order by admit_date, discharge_date
    ) as encounter_seq
from encounter_info
)


, readmission_calc as (
select
    aa.encounter_id
    , aa.person_id
    , aa.admit_date
    , aa.discharge_date
    , case
        when bb.encounter_id is not null then 1
	else 0
    end as had_readmission_flag
    , 
        (date_diff('day', bb.admit_date::timestamp, aa.discharge_date::timestamp ))
     as days_to_readmit
    , case
        when (
        (date_diff('day', bb.admit_date::timestamp, aa.discharge_date::timestamp ))
    ) <= 30 then 1
	else 0
    end as readmit_30_flag
from encounter_sequence as aa left outer join encounter_sequence as bb
     on aa.person_id = bb.person_id
     and aa.encounter_seq + 1 = bb.encounter_seq
)



select *, cast('2026-12-07 10:15:38.378094+00:00' as timestamp) as tuva_last_run
from readmission_calc

-- case: tuva_int_generic_cost
-- origin: ../shared/sql-corpus/tuva-health_tuva-1.12.0-compiled model.the_tuva_project.pharmacy__int_generic_cost (verbatim; relations from its catalog)
-- relation: tuva.value_sets.rxnorm_generic_available: product_tty, product_rxcui, product_name, ndc_product_tty, ndc_product_rxcui, ndc_product_name, ndc, product_startmarketingdate, package_startmarketingdate
-- relation: tuva.pharmacy._int_claims_current_cost: ndc_code, ndc_description, data_source, rxcui, brand_vs_generic, generic_available, paid_amount, claim_count, cost_per_claim, total_units, cost_per_unit, tuva_last_run
-- note: max(case when claim_count > 0 then 1 else 0 end): the CASE returns literals, so claim_count only picks the branch (filter), and aggregating a filter leaves it a filter. In the ratio of sums, paid_amount and total_units are both values (each summed in one branch) and also tested in the conditions: a value wins. The unqualified claim_count/total_units/paid_amount exist only in _int_claims_current_cost.
-- edge: brand_rxcui <- tuva.value_sets.rxnorm_generic_available.product_rxcui copy
-- edge: data_source <- tuva.pharmacy._int_claims_current_cost.data_source copy
-- edge: prescribed_atleast_one_generic_history <- tuva.pharmacy._int_claims_current_cost.claim_count filter
-- edge: generic_average_cost_per_unit <- tuva.pharmacy._int_claims_current_cost.paid_amount aggregated
-- edge: generic_average_cost_per_unit <- tuva.pharmacy._int_claims_current_cost.total_units aggregated
-- edge: tuva_last_run <- (none)
/* for each brand rxcui, what is the average cost/unit of generics available*/

select
    g.product_rxcui as brand_rxcui
  , cl.data_source
  , max(case when claim_count > 0 then 1 else 0 end) as prescribed_atleast_one_generic_history
  , sum(case when total_units > 0 and paid_amount > 0 then paid_amount else null end) / sum(case when total_units > 0 and paid_amount > 0 then total_units else null end) as generic_average_cost_per_unit
  , cast('2026-12-07 10:15:38.378094+00:00' as timestamp) as tuva_last_run
from "tuva"."value_sets"."rxnorm_generic_available" as g
left outer join "tuva"."pharmacy"."_int_claims_current_cost" as cl
  on cl.ndc_code = g.ndc
where cl.brand_vs_generic = 'generic'
group by
    g.product_rxcui
  , cl.data_source

-- case: synthea_dw_hcc_suspecting_summary
-- origin: github saywurdson/synthea_dw @ 943fbfdb41c00b5ee29f4b349fb74c88607c2b3f tuva/target/compiled/the_tuva_project/models/hcc_suspecting/final/hcc_suspecting__summary.sql (compiled by dbt-duckdb 1.7.7; verbatim; relation columns from that commit's target/manifest.json documentation)
-- relation: synthea.core.patient: patient_id, sex, race, birth_date, death_date, death_flag, first_name, last_name, address, city, state, zip_code, county, latitude, longitude, phone, data_source, tuva_last_run
-- relation: synthea.hcc_suspecting.list: patient_id, data_source, hcc_code, hcc_description, reason, contributing_factor, tuva_last_run
-- note: age is floor(((current_date - birth_date) * 24 + date_part(hour, ...) - date_part(hour, ...)) / 8766): a date difference and date parts, all generalized. gaps is count(*): an aggregate of no column, so suspecting_gaps has no upstream. The WHERE death_date filter and the join key are upstream of nothing. Only the patients side reaches patient_id (it is qualified `patients.patient_id`).
-- edge: patient_id <- synthea.core.patient.patient_id copy
-- edge: patient_sex <- synthea.core.patient.sex copy
-- edge: patient_birth_date <- synthea.core.patient.birth_date copy
-- edge: patient_age <- synthea.core.patient.birth_date generalized
-- edge: suspecting_gaps <- (none)
-- edge: tuva_last_run <- (none)
with  __dbt__cte__hcc_suspecting__stg_core__patient as (

select
      patient_id
    , sex
    , birth_date
    , death_date
    , '2024-02-18 20:58:36.138008+00:00' as tuva_last_run
from "synthea"."core"."patient"
), patients as (

    select
          patient_id
        , sex
        , birth_date
        , floor(
        (
        ((current_date)::date - (birth_date)::date)
     * 24 + date_part('hour', (current_date)::timestamp) - date_part('hour', (birth_date)::timestamp))
     / 8766.0) as age
    from __dbt__cte__hcc_suspecting__stg_core__patient
    where death_date is null

)

, suspecting_list as (

      select
          patient_id
        , count(*) as gaps
    from "synthea"."hcc_suspecting"."list"
    group by patient_id

)

, joined as (

    select
          patients.patient_id
        , patients.sex
        , patients.birth_date
        , patients.age
        , suspecting_list.gaps
    from patients
         inner join suspecting_list
         on patients.patient_id = suspecting_list.patient_id

)

, add_data_types as (

    select
          cast(patient_id as TEXT) as patient_id
        , cast(sex as TEXT) as patient_sex
        , cast(birth_date as date) as patient_birth_date
        , cast(age as integer) as patient_age
        , cast(gaps as integer) as suspecting_gaps
    from joined

)

select
      patient_id
    , patient_sex
    , patient_birth_date
    , patient_age
    , suspecting_gaps
    , '2024-02-18 20:58:36.138008+00:00' as tuva_last_run
from add_data_types

-- case: synthea_dw_encounter_overlap
-- origin: github saywurdson/synthea_dw @ 943fbfdb41c00b5ee29f4b349fb74c88607c2b3f tuva/target/compiled/the_tuva_project/models/readmissions/intermediate/readmissions__encounter_overlap.sql (compiled by dbt-duckdb 1.7.7; verbatim; relation columns from that commit's target/manifest.json documentation)
-- relation: synthea.readmissions._int_encounter: encounter_id, patient_id, admit_date, discharge_date, discharge_status_code, facility, ms_drg
-- note: encounter_id_A / encounter_id_B are the same source column through the two sides of a self-join (copies). The window row_num and the CASE overlap are used only in ON and WHERE, so they reach no output. DuckDB keeps the alias spelling (encounter_id_A); names compare case-insensitively.
-- edge: patient_id <- synthea.readmissions._int_encounter.patient_id copy
-- edge: encounter_id_A <- synthea.readmissions._int_encounter.encounter_id copy
-- edge: encounter_id_B <- synthea.readmissions._int_encounter.encounter_id copy
-- edge: tuva_last_run <- (none)
-- Here we give a list of all pairs of encounters
-- that have some date overlap.


with encounters_with_row_num as (
select
    encounter_id,
    patient_id,
    admit_date,
    discharge_date,
    row_number() over (
        partition by patient_id order by encounter_id
	) as row_num
from "synthea"."readmissions"."_int_encounter"
),


cartesian as (
select
    aa.encounter_id as encounter_id_A,
    bb.encounter_id as encounter_id_B,
    aa.patient_id,
    aa.admit_date as Ai,
    aa.discharge_date as Af,
    bb.admit_date as Bi,
    bb.discharge_date as Bf,
    case
        when (aa.admit_date between bb.admit_date and bb.discharge_date) or (aa.discharge_date between bb.admit_date and bb.discharge_date) or
             (bb.admit_date between aa.admit_date and aa.discharge_date) or (bb.discharge_date between aa.admit_date and aa.discharge_date)
        then 1
        else 0
    end as overlap
    from encounters_with_row_num aa
    left join encounters_with_row_num bb
    on aa.patient_id = bb.patient_id and aa.row_num < bb.row_num
),


overlapping_pairs
as
(
    select
        patient_id,
        encounter_id_A,
	encounter_id_B
    from cartesian
    where overlap = 1
)



select *, '2024-02-18 20:58:36.138008+00:00' as tuva_last_run
from overlapping_pairs

-- case: duck_using_join_cte
-- relation: db.ehr.patients: patient_id, ssn, first_name, last_name, birth_date, zip
-- relation: db.ehr.visits: visit_id, patient_id, visit_date, clinic
-- note: the unqualified patient_id of a JOIN USING comes from both sides (copy from each); v is a CTE over visits that renames clinic.
-- edge: patient_id <- db.ehr.patients.patient_id copy
-- edge: patient_id <- db.ehr.visits.patient_id copy
-- edge: first_name <- db.ehr.patients.first_name copy
-- edge: visit_date <- db.ehr.visits.visit_date copy
-- edge: site <- db.ehr.visits.clinic derived
with v as (
    select visit_id, patient_id, visit_date, clinic as site_name from db.ehr.visits
)
select patient_id, p.first_name, v.visit_date, upper(site_name) as site
from db.ehr.patients p
join v using (patient_id)

-- case: duck_struct_list_json
-- relation: db.ehr.encounters: encounter_id, vitals, codes, payload
-- note: vitals.hr is a struct field (derived); list_extract gives an element (derived); len() counts elements (generalized); ->> and json_extract_string are JSON paths (derived).
-- edge: encounter_id <- db.ehr.encounters.encounter_id copy
-- edge: hr <- db.ehr.encounters.vitals derived
-- edge: first_code <- db.ehr.encounters.codes derived
-- edge: n_codes <- db.ehr.encounters.codes generalized
-- edge: mrn <- db.ehr.encounters.payload derived
-- edge: insurer <- db.ehr.encounters.payload derived
select
    e.encounter_id,
    e.vitals.hr as hr,
    list_extract(e.codes, 1) as first_code,
    len(e.codes) as n_codes,
    e.payload ->> '$.patient.mrn' as mrn,
    json_extract_string(e.payload, '$.insurer') as insurer
from db.ehr.encounters e

-- case: duck_running_sum_lead
-- relation: db.ehr.claims: claim_id, patient_id, claim_date, paid
-- note: the running sum aggregates paid with PARTITION BY/ORDER BY columns as filters; lead copies the next row's claim_date (claim_date is both the value and the ORDER BY column: a value wins); md5 of a cast is hashed; date_trunc generalized.
-- edge: claim_id <- db.ehr.claims.claim_id copy
-- edge: patient_key <- db.ehr.claims.patient_id hashed
-- edge: claim_month <- db.ehr.claims.claim_date generalized
-- edge: running_paid <- db.ehr.claims.paid aggregated
-- edge: running_paid <- db.ehr.claims.patient_id filter
-- edge: running_paid <- db.ehr.claims.claim_date filter
-- edge: next_claim_date <- db.ehr.claims.claim_date copy
-- edge: next_claim_date <- db.ehr.claims.patient_id filter
select
    claim_id,
    md5(patient_id::varchar) as patient_key,
    date_trunc('month', claim_date) as claim_month,
    sum(paid) over (partition by patient_id order by claim_date rows between unbounded preceding and current row) as running_paid,
    lead(claim_date) over (partition by patient_id order by claim_date) as next_claim_date
from db.ehr.claims

-- case: duck_union_except_positional
-- relation: db.ehr.patients_a: patient_id, dob, zip
-- relation: db.ehr.members_b: member_id, birth_dt
-- relation: db.ehr.opt_outs: patient_id, dob
-- note: UNION and EXCEPT have the same precedence and associate left, so this is (a UNION b) EXCEPT c; names come from the first branch, b feeds by position, and the right side of EXCEPT is upstream of nothing.
-- edge: patient_id <- db.ehr.patients_a.patient_id copy
-- edge: patient_id <- db.ehr.members_b.member_id copy
-- edge: dob <- db.ehr.patients_a.dob copy
-- edge: dob <- db.ehr.members_b.birth_dt copy
select patient_id, cast(dob as date) as dob from db.ehr.patients_a
union
select member_id, birth_dt from db.ehr.members_b
except
select patient_id, dob from db.ehr.opt_outs

-- case: duck_unpivot
-- relation: db.ehr.vitals_wide: patient_id, systolic, diastolic, pulse
-- note: UNPIVOT turns the three value columns into one: reading copies each of them; measure holds the column names (literals), so it has no upstream column; patient_id stays as it is.
-- edge: patient_id <- db.ehr.vitals_wide.patient_id copy
-- edge: measure <- (none)
-- edge: reading <- db.ehr.vitals_wide.systolic copy
-- edge: reading <- db.ehr.vitals_wide.diastolic copy
-- edge: reading <- db.ehr.vitals_wide.pulse copy
select patient_id, measure, reading
from db.ehr.vitals_wide
unpivot (reading for measure in (systolic, diastolic, pulse))

-- case: duck_scalar_subqueries
-- relation: db.ehr.patients: patient_id, ssn, first_name, last_name, birth_date, zip
-- relation: db.ehr.visits: visit_id, patient_id, visit_date, clinic
-- note: count(*) in a correlated scalar subquery aggregates no column, so visit_count has no upstream; max(visit_date) is aggregated; the subqueries' WHERE columns are upstream of nothing; left(zip, 3) and year() are generalized.
-- edge: patient_id <- db.ehr.patients.patient_id copy
-- edge: visit_count <- (none)
-- edge: last_visit <- db.ehr.visits.visit_date aggregated
-- edge: zip3 <- db.ehr.patients.zip generalized
-- edge: birth_year <- db.ehr.patients.birth_date generalized
select
    p.patient_id,
    (select count(*) from db.ehr.visits v where v.patient_id = p.patient_id) as visit_count,
    (select max(v.visit_date) from db.ehr.visits v where v.patient_id = p.patient_id) as last_visit,
    left(p.zip, 3) as zip3,
    year(p.birth_date) as birth_year
from db.ehr.patients p

-- case: duck_jinja_incremental
-- relation: db.ehr.visits: visit_id, patient_id, visit_date, clinic
-- note: raw model SQL with a Jinja block left in: not compiled SQL.
-- unresolved: jinja
select visit_id, patient_id, visit_date
from db.ehr.visits
{% if is_incremental() %}
where visit_date > (select max(visit_date) from {{ this }})
{% endif %}

-- case: duck_star_unknown_relation
-- relation: db.ehr.patients: patient_id, ssn, first_name, last_name, birth_date, zip
-- relation: db.staging.lab_feed: ?
-- note: the join's second relation has no catalog entry: `l.*` cannot be expanded.
-- unresolved: missing catalog
select p.patient_id, l.*
from db.ehr.patients p
join db.staging.lab_feed l on l.patient_id = p.patient_id
