-- case: tuva_pqi_15_denom
-- origin: ../shared/sql-corpus/tuva-health_tuva-1.12.0-compiled model.the_tuva_project.ahrq_measures__int_pqi_15_denom (verbatim; relations from its catalog)
-- relation: tuva.ahrq_measures._stg_pqi_member_months: data_source, person_id, first_day_of_month, year_month
-- relation: tuva.core.patient: person_id, name_suffix, first_name, middle_name, last_name, sex, race, birth_date, death_date, death_flag, social_security_number, address, city, state, zip_code, county, latitude, longitude, phone, email, ethnicity, age, age_group, x_temp_record_origin, x_temp_person_id, x_temp_first_name, data_source, tuva_last_run
-- note: the ephemeral _stg_pqi_patient is inlined as a CTE over core.patient. year_number is cast(substring(year_month, 1, 4) as int): substring is generalized. age is a date_diff of birth_date and first_day_of_month (generalized for both); the same date_diff in WHERE and the join keys are upstream of nothing; SELECT DISTINCT does not aggregate.
-- edge: year_number <- tuva.ahrq_measures._stg_pqi_member_months.year_month generalized
-- edge: person_id <- tuva.ahrq_measures._stg_pqi_member_months.person_id copy
-- edge: data_source <- tuva.ahrq_measures._stg_pqi_member_months.data_source copy
-- edge: age <- tuva.core.patient.birth_date generalized
-- edge: age <- tuva.ahrq_measures._stg_pqi_member_months.first_day_of_month generalized
-- edge: tuva_last_run <- (none)


with __dbt__cte___stg_pqi_patient as (


select
    data_source
  , birth_date
  , person_id
  , sex
from
    "tuva"."core"."patient"
) select distinct
    cast(substring(e.year_month, 1, 4) as int) as year_number
  , e.person_id
  , e.data_source
  , 
        (date_diff('year', p.birth_date::timestamp, e.first_day_of_month::timestamp ))
     as age
  , cast('2026-12-07 10:15:38.378094+00:00' as timestamp) as tuva_last_run
from "tuva"."ahrq_measures"."_stg_pqi_member_months" as e
inner join __dbt__cte___stg_pqi_patient as p
  on e.person_id = p.person_id
  and p.data_source = e.data_source
where
  
        (date_diff('year', p.birth_date::timestamp, e.first_day_of_month::timestamp ))
     >= 18
  and
  
        (date_diff('year', p.birth_date::timestamp, e.first_day_of_month::timestamp ))
     <= 39


-- case: tuva_recapture_rates_monthly
-- origin: ../shared/sql-corpus/tuva-health_tuva-1.12.0-compiled model.the_tuva_project.hcc_recapture__recapture_rates_monthly (verbatim; relations from its catalog)
-- relation: tuva.hcc_recapture.hcc_status: person_id, payer, data_source, payment_year, recorded_date, claim_id, rendering_npi, model_version, hcc_code, hcc_description, hcc_hierarchy_group, hcc_hierarchy_group_rank, suspect_hcc_flag, risk_model_code, eligible_claim_indicator, eligible_bene, reason, gap_status, recapture_flag
-- note: payment_year_month concatenates payment_year (derived) with date_part('month', recorded_date) (generalized), then a cast (copy). closed_hccs/open_hccs are sum(case when <test on gap_status> then 1 else 0 end): the CASE returns literals, so gap_status only picks the branch (filter), and summing a filter leaves it a filter. total_hccs is count(*) (no column). recapture_rate divides the two: only the filter edge. The row_number earliest_hcc_code is used only in WHERE.
-- edge: payer <- tuva.hcc_recapture.hcc_status.payer copy
-- edge: payment_year <- tuva.hcc_recapture.hcc_status.payment_year copy
-- edge: payment_year_month <- tuva.hcc_recapture.hcc_status.payment_year derived
-- edge: payment_year_month <- tuva.hcc_recapture.hcc_status.recorded_date generalized
-- edge: closed_hccs <- tuva.hcc_recapture.hcc_status.gap_status filter
-- edge: open_hccs <- tuva.hcc_recapture.hcc_status.gap_status filter
-- edge: total_hccs <- (none)
-- edge: recapture_rate <- tuva.hcc_recapture.hcc_status.gap_status filter


with flatten_hccs as (
-- Remove claim ID and rendering NPI
select distinct
      person_id
    , payer
    , payment_year
    , cast(payment_year || '-' || date_part('month', recorded_date) || '-' || '1' as date) as payment_year_month
    , recorded_date
    , model_version
    , hcc_code
    , gap_status
    , recapture_flag
    , row_number() over (partition by person_id, payer, payment_year, model_version, hcc_code order by recorded_date asc) as earliest_hcc_code
from "tuva"."hcc_recapture"."hcc_status"
where gap_status not in ('inappropriate for recapture', 'new')
  and gap_status is not null
  and suspect_hcc_flag = 0
)

, monthly_hcc_counts as (
select
      payer
    , payment_year
    , payment_year_month
    , sum(case when lower(gap_status) like '%closed%' then 1 else 0 end) as closed_hccs
    , sum(case when gap_status = 'open' then 1 else 0 end) as open_hccs
    , count(*) as total_hccs
from flatten_hccs
where earliest_hcc_code = 1
group by
      payer
    , payment_year
    , payment_year_month
)

select
      payer
    , payment_year
    , payment_year_month
    , closed_hccs
    , open_hccs
    , total_hccs
    , closed_hccs / total_hccs as recapture_rate
from monthly_hcc_counts


-- case: tuva_dim_data_source
-- origin: ../shared/sql-corpus/tuva-health_tuva-1.12.0-compiled model.the_tuva_project.semantic_layer__dim_data_source (verbatim; relations from its catalog)
-- relation: tuva.core.eligibility: eligibility_id, person_id, member_id, subscriber_id, birth_date, death_date, enrollment_start_date, enrollment_end_date, payer, payer_type, plan, original_reason_entitlement_code, dual_status_code, medicare_status_code, enrollment_status, hospice_flag, institutional_snp_flag, long_term_institutional_flag, subscriber_relation, group_id, group_name, normalized_state_name, fips_state_code, fips_state_abbreviation, x_temp_record_origin, x_temp_person_id, x_temp_first_name, data_source, file_date, ingest_datetime, file_name, tuva_last_run
-- relation: tuva.core.medical_claim: medical_claim_id, claim_id, claim_line_number, encounter_id, encounter_type, encounter_group, claim_type, person_id, member_id, payer, plan, claim_start_date, claim_end_date, claim_line_start_date, claim_line_end_date, admission_date, discharge_date, service_category_1, service_category_2, service_category_3, admit_source_code, admit_source_description, admit_type_code, admit_type_description, discharge_disposition_code, discharge_disposition_description, place_of_service_code, place_of_service_description, bill_type_code, bill_type_description, drg_code_type, drg_code, drg_description, revenue_center_code, revenue_center_description, service_unit_quantity, hcpcs_code, hcpcs_modifier_1, hcpcs_modifier_2, hcpcs_modifier_3, hcpcs_modifier_4, hcpcs_modifier_5, rendering_npi, rendering_tin, rendering_name, billing_npi, billing_tin, billing_name, facility_npi, facility_name, paid_date, paid_amount, allowed_amount, charge_amount, coinsurance_amount, copayment_amount, deductible_amount, total_cost_amount, in_network_flag, enrollment_flag, member_month_key, x_temp_claim_id, x_temp_payer, data_source, file_date, ingest_datetime, file_name, tuva_last_run
-- relation: tuva.core.pharmacy_claim: pharmacy_claim_id, claim_id, claim_line_number, person_id, member_id, payer, plan, prescribing_provider_id, prescribing_provider_name, dispensing_provider_id, dispensing_provider_name, dispensing_date, ndc_code, ndc_description, quantity, days_supply, refills, paid_date, paid_amount, allowed_amount, charge_amount, coinsurance_amount, copayment_amount, deductible_amount, in_network_flag, enrollment_flag, member_month_key, x_temp_ndc_code, data_source, file_date, ingest_datetime, file_name, tuva_last_run
-- note: three ephemeral models inlined as CTEs; a three-branch UNION ALL of SELECT DISTINCT data_source; the surrogate key is md5 over it (hashed from each branch's column).
-- edge: data_source_sk <- tuva.core.eligibility.data_source hashed
-- edge: data_source_sk <- tuva.core.medical_claim.data_source hashed
-- edge: data_source_sk <- tuva.core.pharmacy_claim.data_source hashed
-- edge: data_source <- tuva.core.eligibility.data_source copy
-- edge: data_source <- tuva.core.medical_claim.data_source copy
-- edge: data_source <- tuva.core.pharmacy_claim.data_source copy
-- edge: tuva_last_run <- (none)


with  __dbt__cte__semantic_layer__stg_core__eligibility as (


SELECT DISTINCT
  e.data_source
  , cast('2026-12-07 10:15:38.378094+00:00' as timestamp) as tuva_last_run
FROM "tuva"."core"."eligibility" as e
),  __dbt__cte__semantic_layer__stg_core__medical_claim as (


select
    mc.medical_claim_id
  , mc.encounter_id
  , mc.person_id
  , mc.claim_id
  , mc.claim_line_number
  , mc.claim_type
  , mc.payer
  , mc.plan
  , mc.claim_start_date
  , mc.claim_end_date
  , mc.claim_line_start_date
  , mc.claim_line_end_date
  , mc.admission_date
  , mc.discharge_date
  , mc.admit_source_code
  , mc.admit_source_description
  , mc.admit_type_code
  , mc.admit_type_description
  , mc.discharge_disposition_code
  , mc.discharge_disposition_description
  , mc.place_of_service_code
  , mc.place_of_service_description
  , mc.bill_type_code
  , mc.bill_type_description
  , mc.drg_code_type
  , mc.drg_code
  , mc.drg_description
  , mc.revenue_center_code
  , mc.revenue_center_description
  , mc.service_unit_quantity
  , mc.hcpcs_code
  , mc.hcpcs_modifier_1
  , mc.hcpcs_modifier_2
  , mc.hcpcs_modifier_3
  , mc.hcpcs_modifier_4
  , mc.hcpcs_modifier_5
  , mc.rendering_npi
  , mc.rendering_tin
  , mc.rendering_name
  , mc.billing_npi
  , mc.billing_tin
  , mc.billing_name
  , mc.facility_npi
  , mc.facility_name
  , mc.paid_date
  , mc.paid_amount
  , mc.allowed_amount
  , mc.charge_amount
  , mc.coinsurance_amount
  , mc.copayment_amount
  , mc.deductible_amount
  , mc.total_cost_amount
  , mc.in_network_flag
  , mc.data_source
  , mc.service_category_1
  , mc.service_category_2
  , mc.service_category_3
  , mc.enrollment_flag
  , cast('2026-12-07 10:15:38.378094+00:00' as timestamp) as tuva_last_run
from "tuva"."core"."medical_claim" as mc
),  __dbt__cte__semantic_layer__stg_core__pharmacy_claim as (


select
    p.claim_id
  , p.claim_line_number
  , p.person_id
  , p.data_source
  , p.ndc_code
  , p.paid_amount
  , p.allowed_amount
  , p.prescribing_provider_id
  , p.prescribing_provider_name
  , p.dispensing_provider_id
  , p.dispensing_provider_name
  , p.paid_date
  , p.dispensing_date
  , p.days_supply
  , p.quantity
  , cast('2026-12-07 10:15:38.378094+00:00' as timestamp) as tuva_last_run
from "tuva"."core"."pharmacy_claim" as p
), data_sources as (
SELECT DISTINCT 
  data_source
FROM __dbt__cte__semantic_layer__stg_core__eligibility

UNION ALL

SELECT DISTINCT 
  data_source
FROM __dbt__cte__semantic_layer__stg_core__medical_claim

UNION ALL

SELECT DISTINCT 
  data_source
FROM __dbt__cte__semantic_layer__stg_core__pharmacy_claim

)

SELECT DISTINCT
    md5(cast(coalesce(cast(data_source as TEXT), '_dbt_utils_surrogate_key_null_') as TEXT)) as data_source_sk
  , data_source
  , '2026-12-07 10:15:38.378094+00:00' as tuva_last_run
from data_sources


-- case: tuva_flag_claims_with_enrollment
-- origin: ../shared/sql-corpus/tuva-health_tuva-1.12.0-compiled model.the_tuva_project.claims_enrollment__flag_claims_with_enrollment (verbatim; relations from its catalog)
-- relation: tuva.claims_preprocessing.normalized_input_medical_claim: claim_id, claim_line_number, claim_type, person_id, member_id, payer, plan, claim_start_date, claim_end_date, claim_line_start_date, claim_line_end_date, admission_date, discharge_date, admit_source_code, admit_source_description, admit_type_code, admit_type_description, discharge_disposition_code, discharge_disposition_description, place_of_service_code, place_of_service_description, bill_type_code, bill_type_description, drg_code_type, drg_code, drg_description, revenue_center_code, revenue_center_description, service_unit_quantity, hcpcs_code, hcpcs_modifier_1, hcpcs_modifier_2, hcpcs_modifier_3, hcpcs_modifier_4, hcpcs_modifier_5, rendering_npi, rendering_tin, rendering_name, billing_npi, billing_tin, billing_name, facility_npi, facility_name, paid_date, paid_amount, allowed_amount, charge_amount, coinsurance_amount, copayment_amount, deductible_amount, total_cost_amount, diagnosis_code_type, diagnosis_code_1, diagnosis_code_2, diagnosis_code_3, diagnosis_code_4, diagnosis_code_5, diagnosis_code_6, diagnosis_code_7, diagnosis_code_8, diagnosis_code_9, diagnosis_code_10, diagnosis_code_11, diagnosis_code_12, diagnosis_code_13, diagnosis_code_14, diagnosis_code_15, diagnosis_code_16, diagnosis_code_17, diagnosis_code_18, diagnosis_code_19, diagnosis_code_20, diagnosis_code_21, diagnosis_code_22, diagnosis_code_23, diagnosis_code_24, diagnosis_code_25, diagnosis_poa_1, diagnosis_poa_2, diagnosis_poa_3, diagnosis_poa_4, diagnosis_poa_5, diagnosis_poa_6, diagnosis_poa_7, diagnosis_poa_8, diagnosis_poa_9, diagnosis_poa_10, diagnosis_poa_11, diagnosis_poa_12, diagnosis_poa_13, diagnosis_poa_14, diagnosis_poa_15, diagnosis_poa_16, diagnosis_poa_17, diagnosis_poa_18, diagnosis_poa_19, diagnosis_poa_20, diagnosis_poa_21, diagnosis_poa_22, diagnosis_poa_23, diagnosis_poa_24, diagnosis_poa_25, procedure_code_type, procedure_code_1, procedure_code_2, procedure_code_3, procedure_code_4, procedure_code_5, procedure_code_6, procedure_code_7, procedure_code_8, procedure_code_9, procedure_code_10, procedure_code_11, procedure_code_12, procedure_code_13, procedure_code_14, procedure_code_15, procedure_code_16, procedure_code_17, procedure_code_18, procedure_code_19, procedure_code_20, procedure_code_21, procedure_code_22, procedure_code_23, procedure_code_24, procedure_code_25, procedure_date_1, procedure_date_2, procedure_date_3, procedure_date_4, procedure_date_5, procedure_date_6, procedure_date_7, procedure_date_8, procedure_date_9, procedure_date_10, procedure_date_11, procedure_date_12, procedure_date_13, procedure_date_14, procedure_date_15, procedure_date_16, procedure_date_17, procedure_date_18, procedure_date_19, procedure_date_20, procedure_date_21, procedure_date_22, procedure_date_23, procedure_date_24, procedure_date_25, data_source, in_network_flag, file_date, ingest_datetime, file_name, tuva_last_run, x_temp_claim_id, x_temp_payer
-- relation: tuva.claims_preprocessing.member_months: member_month_key, person_id, member_id, year_month, payer, plan, data_source, tuva_last_run, x_temp_record_origin, x_temp_person_id, x_temp_first_name
-- note: inferred_claim_start_year_month is date_part('year'/'month') and right() of a coalesce of three dates: generalized for all three. inferred_claim_start_column_used is a CASE returning literals whose conditions test the three dates: filter edges only. The six-column join to member_months is upstream of nothing; only member_month_key comes from it.
-- edge: claim_id <- tuva.claims_preprocessing.normalized_input_medical_claim.claim_id copy
-- edge: claim_line_number <- tuva.claims_preprocessing.normalized_input_medical_claim.claim_line_number copy
-- edge: person_id <- tuva.claims_preprocessing.normalized_input_medical_claim.person_id copy
-- edge: member_id <- tuva.claims_preprocessing.normalized_input_medical_claim.member_id copy
-- edge: payer <- tuva.claims_preprocessing.normalized_input_medical_claim.payer copy
-- edge: plan <- tuva.claims_preprocessing.normalized_input_medical_claim.plan copy
-- edge: data_source <- tuva.claims_preprocessing.normalized_input_medical_claim.data_source copy
-- edge: member_month_key <- tuva.claims_preprocessing.member_months.member_month_key copy
-- edge: inferred_claim_start_year_month <- tuva.claims_preprocessing.normalized_input_medical_claim.claim_line_start_date generalized
-- edge: inferred_claim_start_year_month <- tuva.claims_preprocessing.normalized_input_medical_claim.claim_start_date generalized
-- edge: inferred_claim_start_year_month <- tuva.claims_preprocessing.normalized_input_medical_claim.admission_date generalized
-- edge: inferred_claim_start_column_used <- tuva.claims_preprocessing.normalized_input_medical_claim.claim_line_start_date filter
-- edge: inferred_claim_start_column_used <- tuva.claims_preprocessing.normalized_input_medical_claim.claim_start_date filter
-- edge: inferred_claim_start_column_used <- tuva.claims_preprocessing.normalized_input_medical_claim.admission_date filter
-- edge: tuva_last_run <- (none)



with claim_dates as (
    select
        claim_id
        , claim_line_number
        , person_id
        , member_id
        , payer
        , plan
        , data_source
        , coalesce(claim_line_start_date, claim_start_date, admission_date) as inferred_claim_start_date
        , case
            when claim_line_start_date is not null then 'claim_line_start_date'
            when claim_line_start_date is null and claim_start_date is not null then 'claim_start_date'
            when claim_line_start_date is null and claim_start_date is null and admission_date is not null then 'admission_date'
        end as inferred_claim_start_column_used
    from "tuva"."claims_preprocessing"."normalized_input_medical_claim"
)

, claim_year_month as (
    select
          claim_id
        , claim_line_number
        , person_id
        , member_id
        , payer
        , plan
        , data_source
        , inferred_claim_start_date
        , inferred_claim_start_column_used
        , date_part('year', inferred_claim_start_date) || 

    right(
        '0' || date_part('month', inferred_claim_start_date),
        2
    ) as inferred_claim_start_year_month
from claim_dates
)

select distinct
     claim.claim_id
    , claim.claim_line_number
    , claim.person_id
    , claim.member_id
    , claim.payer
    , claim.plan
    , claim.data_source
    , mm.member_month_key
    , claim.inferred_claim_start_year_month
    , claim.inferred_claim_start_column_used
    , cast('2026-12-07 10:15:38.378094+00:00' as timestamp) as tuva_last_run
from claim_year_month as claim
inner join "tuva"."claims_preprocessing"."member_months" as mm
    on mm.person_id = claim.person_id
    and mm.member_id = claim.member_id
    and mm.payer = claim.payer
    and mm.plan = claim.plan
    and mm.year_month = claim.inferred_claim_start_year_month
    and mm.data_source = claim.data_source


-- case: tuva_readmission_summary
-- origin: ../shared/sql-corpus/tuva-health_tuva-1.12.0-compiled model.the_tuva_project.readmissions__readmission_summary (verbatim; relations from its catalog)
-- relation: tuva.readmissions.encounter_augmented: encounter_id, person_id, admit_date, discharge_date, discharge_disposition_code, facility_npi, drg_code_type, drg_code, paid_amount, length_of_stay, index_admission_flag, planned_flag, specialty_cohort, died_flag, diagnosis_ccs, disqualified_encounter_flag, missing_admit_date_flag, missing_discharge_date_flag, admit_after_discharge_flag, missing_discharge_disposition_code_flag, invalid_discharge_disposition_code_flag, missing_primary_diagnosis_flag, invalid_primary_diagnosis_code_flag, no_diagnosis_ccs_flag, overlaps_with_another_encounter_flag, missing_drg_flag, invalid_drg_flag, data_source, tuva_last_run
-- note: `select *` plus a row_number in the first CTE, then a self-join (aa/bb) of it; the final `select *` expands readmission_calc's 33 columns. The bb.* columns are copies of the same source columns. had_readmission_flag, readmit_30_flag and unplanned_readmit_30_flag are CASEs returning 1/0 (filter edges of what they test); days_to_readmit is a date_diff (generalized). encounter_augmented's own tuva_last_run is not read: the output's is a literal.
-- edge: encounter_id <- tuva.readmissions.encounter_augmented.encounter_id copy
-- edge: person_id <- tuva.readmissions.encounter_augmented.person_id copy
-- edge: admit_date <- tuva.readmissions.encounter_augmented.admit_date copy
-- edge: discharge_date <- tuva.readmissions.encounter_augmented.discharge_date copy
-- edge: discharge_disposition_code <- tuva.readmissions.encounter_augmented.discharge_disposition_code copy
-- edge: facility_npi <- tuva.readmissions.encounter_augmented.facility_npi copy
-- edge: drg_code_type <- tuva.readmissions.encounter_augmented.drg_code_type copy
-- edge: drg_code <- tuva.readmissions.encounter_augmented.drg_code copy
-- edge: paid_amount <- tuva.readmissions.encounter_augmented.paid_amount copy
-- edge: length_of_stay <- tuva.readmissions.encounter_augmented.length_of_stay copy
-- edge: index_admission_flag <- tuva.readmissions.encounter_augmented.index_admission_flag copy
-- edge: planned_flag <- tuva.readmissions.encounter_augmented.planned_flag copy
-- edge: specialty_cohort <- tuva.readmissions.encounter_augmented.specialty_cohort copy
-- edge: died_flag <- tuva.readmissions.encounter_augmented.died_flag copy
-- edge: diagnosis_ccs <- tuva.readmissions.encounter_augmented.diagnosis_ccs copy
-- edge: had_readmission_flag <- tuva.readmissions.encounter_augmented.encounter_id filter
-- edge: days_to_readmit <- tuva.readmissions.encounter_augmented.discharge_date generalized
-- edge: days_to_readmit <- tuva.readmissions.encounter_augmented.admit_date generalized
-- edge: readmit_30_flag <- tuva.readmissions.encounter_augmented.discharge_date filter
-- edge: readmit_30_flag <- tuva.readmissions.encounter_augmented.admit_date filter
-- edge: unplanned_readmit_30_flag <- tuva.readmissions.encounter_augmented.discharge_date filter
-- edge: unplanned_readmit_30_flag <- tuva.readmissions.encounter_augmented.admit_date filter
-- edge: unplanned_readmit_30_flag <- tuva.readmissions.encounter_augmented.planned_flag filter
-- edge: readmission_encounter_id <- tuva.readmissions.encounter_augmented.encounter_id copy
-- edge: readmission_admit_date <- tuva.readmissions.encounter_augmented.admit_date copy
-- edge: readmission_discharge_date <- tuva.readmissions.encounter_augmented.discharge_date copy
-- edge: readmission_discharge_disposition_code <- tuva.readmissions.encounter_augmented.discharge_disposition_code copy
-- edge: readmission_facility <- tuva.readmissions.encounter_augmented.facility_npi copy
-- edge: readmission_drg_code_type <- tuva.readmissions.encounter_augmented.drg_code_type copy
-- edge: readmission_drg <- tuva.readmissions.encounter_augmented.drg_code copy
-- edge: readmission_length_of_stay <- tuva.readmissions.encounter_augmented.length_of_stay copy
-- edge: readmission_index_admission_flag <- tuva.readmissions.encounter_augmented.index_admission_flag copy
-- edge: readmission_planned_flag <- tuva.readmissions.encounter_augmented.planned_flag copy
-- edge: readmission_specialty_cohort <- tuva.readmissions.encounter_augmented.specialty_cohort copy
-- edge: readmission_died_flag <- tuva.readmissions.encounter_augmented.died_flag copy
-- edge: readmission_diagnosis_ccs <- tuva.readmissions.encounter_augmented.diagnosis_ccs copy
-- edge: tuva_last_run <- (none)


-- Here calculate days to readmission for encounters
-- that had a readmission and create readmission flags


-- We create the encounter_sequence integer count
-- which keeps track of what number of encounter each
-- encounter is for a given patient
with encounter_sequence as (
select
    *
    , row_number() over (
        partition by person_id
order by admit_date, discharge_date
    ) as encounter_seq
from "tuva"."readmissions"."encounter_augmented"
where disqualified_encounter_flag = 0
)


, readmission_calc as (
select
    aa.encounter_id
    , aa.person_id
    , aa.admit_date
    , aa.discharge_date
    , aa.discharge_disposition_code
    , aa.facility_npi
    , aa.drg_code_type
    , aa.drg_code
    , aa.paid_amount
    , aa.length_of_stay
    , aa.index_admission_flag
    , aa.planned_flag
    , aa.specialty_cohort
    , aa.died_flag
    , aa.diagnosis_ccs
    , case
        when bb.encounter_id is not null then 1
	    else 0
    end as had_readmission_flag
    , 
        (date_diff('day', aa.discharge_date::timestamp, bb.admit_date::timestamp ))
     as days_to_readmit
    , case
        when (
        (date_diff('day', aa.discharge_date::timestamp, bb.admit_date::timestamp ))
    ) <= 30 then 1
	    else 0
    end as readmit_30_flag
    , case
        when
	    ((
        (date_diff('day', aa.discharge_date::timestamp, bb.admit_date::timestamp ))
    ) <= 30) and (bb.planned_flag = 0) then 1
	    else 0
    end as unplanned_readmit_30_flag
    , bb.encounter_id as readmission_encounter_id
    , bb.admit_date as readmission_admit_date
    , bb.discharge_date as readmission_discharge_date
    , bb.discharge_disposition_code as readmission_discharge_disposition_code
    , bb.facility_npi as readmission_facility
    , bb.drg_code_type as readmission_drg_code_type
    , bb.drg_code as readmission_drg
    , bb.length_of_stay as readmission_length_of_stay
    , bb.index_admission_flag as readmission_index_admission_flag
    , bb.planned_flag as readmission_planned_flag
    , bb.specialty_cohort as readmission_specialty_cohort
    , bb.died_flag as readmission_died_flag
    , bb.diagnosis_ccs as readmission_diagnosis_ccs
    , cast('2026-12-07 10:15:38.378094+00:00' as timestamp) as tuva_last_run
from
    encounter_sequence as aa
    left outer join encounter_sequence as bb
    on aa.person_id = bb.person_id
    and aa.encounter_seq + 1 = bb.encounter_seq
)

select *
from readmission_calc


-- case: tuva_provider_classification
-- origin: ../shared/sql-corpus/tuva-health_tuva-1.12.0-compiled model.the_tuva_project.provider_attribution__provider_classification (verbatim; relations from its catalog)
-- relation: tuva.provider_attribution._stg_terminology__provider: npi, primary_taxonomy_code, primary_specialty_description, entity_type_description
-- relation: tuva.provider_data.medicare_provider_and_supplier_taxonomy_crosswalk: medicare_specialty_code, medicare_provider_supplier_type_description, provider_taxonomy_code, provider_taxonomy_description
-- relation: tuva.value_sets._provider_specialty_assignment_codes: specialty_code, description, primary_care_physician_step1, specialist_physician_step_2, physician
-- note: cast(npi as TEXT) is a copy. provider_bucket is a CASE returning literals whose conditions read the assignment codes' primary_care_physician_step1, specialist_physician_step_2 and physician: filter edges. `mapped.*` in the derived table and the row_number (bucket_rank, used only in WHERE) add nothing; the join keys and entity_type (WHERE) are upstream of nothing.
-- edge: provider_id <- tuva.provider_attribution._stg_terminology__provider.npi copy
-- edge: prov_specialty <- tuva.provider_attribution._stg_terminology__provider.primary_specialty_description copy
-- edge: provider_bucket <- tuva.value_sets._provider_specialty_assignment_codes.primary_care_physician_step1 filter
-- edge: provider_bucket <- tuva.value_sets._provider_specialty_assignment_codes.specialist_physician_step_2 filter
-- edge: provider_bucket <- tuva.value_sets._provider_specialty_assignment_codes.physician filter


-- Map NPI to specialty description and CMS assignment bucket (pcp/specialist/npp)
with base as (
  select
      cast(p.npi as TEXT) as provider_id
    , p.primary_taxonomy_code
    , p.primary_specialty_description as prov_specialty
    , lower(trim(p.entity_type_description)) as entity_type
  from "tuva"."provider_attribution"."_stg_terminology__provider" as p
)

, mapped as (
  select
      b.provider_id
    , b.prov_specialty
    , case
        when lower(a.primary_care_physician_step1) = 'yes' and a.physician = 1 then 'pcp'
        when lower(a.specialist_physician_step_2) = 'yes' and a.physician = 1 then 'specialist'
        when a.physician = 0 then 'npp'
        else 'unknown'
      end as provider_bucket
  from base as b
  inner join "tuva"."provider_data"."medicare_provider_and_supplier_taxonomy_crosswalk" as x
    on trim(cast(b.primary_taxonomy_code as TEXT)) = trim(cast(x.provider_taxonomy_code as TEXT))
  inner join "tuva"."value_sets"."_provider_specialty_assignment_codes" as a
  
    on right(concat('00', trim(x.medicare_specialty_code)), 2)
     = right(concat('00', trim(a.specialty_code)), 2)
  
  where b.entity_type = 'individual'
)

, rnk as (
  select
      provider_id
    , prov_specialty
    , provider_bucket
    , row_number() over (partition by provider_id
order by bucket_priority) as bucket_rank
  from (
    select
        mapped.*
      , case provider_bucket
          when 'pcp' then 1
          when 'npp' then 2
          when 'specialist' then 3
          else 4
        end as bucket_priority
    from mapped
  ) as prioritized
)

select
    provider_id
  , prov_specialty
  , provider_bucket
from rnk
where bucket_rank = 1


-- case: tuva_pqi_15_exclusions
-- origin: ../shared/sql-corpus/tuva-health_tuva-1.12.0-compiled model.the_tuva_project.ahrq_measures__int_pqi_15_exclusions (verbatim; relations from its catalog)
-- relation: tuva.core.condition: condition_id, payer, person_id, member_id, patient_id, encounter_id, claim_id, recorded_date, onset_date, resolved_date, status, condition_type, source_code_type, source_code, source_description, normalized_code_type, normalized_code, normalized_description, mapping_method, condition_rank, present_on_admit_code, present_on_admit_description, data_source, tuva_last_run
-- relation: tuva.value_sets._value_set_pqi: code, value_set_name, pqi_number
-- relation: tuva.ahrq_measures._int_pqi_shared_exclusion_union: encounter_id, data_source, exclusion_reason, tuva_last_run
-- note: a UNION ALL of a table and a CTE over the inlined ephemeral condition model; the second branch's exclusion_reason is a literal. exclusion_number is a row_number: its PARTITION BY (encounter_id, data_source) and ORDER BY (exclusion_reason) are filter edges from both branches (the literal branch gives no column).
-- edge: encounter_id <- tuva.ahrq_measures._int_pqi_shared_exclusion_union.encounter_id copy
-- edge: encounter_id <- tuva.core.condition.encounter_id copy
-- edge: data_source <- tuva.ahrq_measures._int_pqi_shared_exclusion_union.data_source copy
-- edge: data_source <- tuva.core.condition.data_source copy
-- edge: exclusion_reason <- tuva.ahrq_measures._int_pqi_shared_exclusion_union.exclusion_reason copy
-- edge: exclusion_number <- tuva.ahrq_measures._int_pqi_shared_exclusion_union.encounter_id filter
-- edge: exclusion_number <- tuva.ahrq_measures._int_pqi_shared_exclusion_union.data_source filter
-- edge: exclusion_number <- tuva.ahrq_measures._int_pqi_shared_exclusion_union.exclusion_reason filter
-- edge: exclusion_number <- tuva.core.condition.encounter_id filter
-- edge: exclusion_number <- tuva.core.condition.data_source filter
-- edge: tuva_last_run <- (none)


with  __dbt__cte___stg_pqi_condition as (


select
    normalized_code_type
  , normalized_code
  , encounter_id
  , data_source
from
    "tuva"."core"."condition"
), resp_an as (
    select distinct
        encounter_id
      , data_source
      , 'cystic fibrosis' as exclusion_reason
    from __dbt__cte___stg_pqi_condition as c
    inner join "tuva"."value_sets"."_value_set_pqi" as pqi
      on c.normalized_code = pqi.code
      and c.normalized_code_type = 'icd-10-cm'
      and pqi.value_set_name = 'cystic_fibrosis_and_anomalies_of_the_respiratory_system_diagnosis_codes'
      and pqi.pqi_number = '15'
    where c.encounter_id is not null
)

, union_cte as (
    select
        encounter_id
      , data_source
      , exclusion_reason
    from "tuva"."ahrq_measures"."_int_pqi_shared_exclusion_union"

    union all

    select
        encounter_id
      , data_source
      , exclusion_reason
    from resp_an
)

select
    encounter_id
  , data_source
  , exclusion_reason
  , row_number() over (
      partition by encounter_id, data_source
      order by exclusion_reason
    ) as exclusion_number
  , cast('2026-12-07 10:15:38.378094+00:00' as timestamp) as tuva_last_run
from union_cte


-- case: tuva_supd_denominator
-- origin: ../shared/sql-corpus/tuva-health_tuva-1.12.0-compiled model.the_tuva_project.quality_measures__int_supd_denominator (verbatim; relations from its catalog)
-- relation: tuva.value_sets._value_set_codes: concept_name, concept_oid, code, code_system
-- relation: tuva.quality_measures._stg_pharmacy_claim: person_id, dispensing_date, ndc_code, days_supply, paid_date, tuva_last_run
-- relation: tuva.quality_measures._int_supd__performance_period: measure_id, measure_name, measure_version, performance_period_begin, performance_period_end
-- relation: tuva.quality_measures._stg_patient: person_id, sex, birth_date, death_date, tuva_last_run
-- note: the pharmacy CTEs only pick patients (join, dense_rank in WHERE): upstream of nothing. age is floor(date_diff('hour', birth_date, performance_period_begin) / 8760): generalized for both; the performance-period columns come from the cross-joined pp (copies through casts); denominator_flag is a literal.
-- edge: person_id <- tuva.quality_measures._stg_patient.person_id copy
-- edge: age <- tuva.quality_measures._stg_patient.birth_date generalized
-- edge: age <- tuva.quality_measures._int_supd__performance_period.performance_period_begin generalized
-- edge: performance_period_begin <- tuva.quality_measures._int_supd__performance_period.performance_period_begin copy
-- edge: performance_period_end <- tuva.quality_measures._int_supd__performance_period.performance_period_end copy
-- edge: measure_id <- tuva.quality_measures._int_supd__performance_period.measure_id copy
-- edge: measure_name <- tuva.quality_measures._int_supd__performance_period.measure_name copy
-- edge: measure_version <- tuva.quality_measures._int_supd__performance_period.measure_version copy
-- edge: denominator_flag <- (none)
-- edge: tuva_last_run <- (none)


with diabetics_codes as (

    select
          code
        , code_system
    from "tuva"."value_sets"."_value_set_codes"
    where lower(concept_name) in (
          'pqa antidiabetics medications'
        )

)

, rx_diabetes as (

    select
        person_id
      , dispensing_date
      , ndc_code
    from "tuva"."quality_measures"."_stg_pharmacy_claim" as pharmacy_claims
    inner join diabetics_codes
        on pharmacy_claims.ndc_code = diabetics_codes.code
            and lower(diabetics_codes.code_system) = 'ndc'

)

, rx_diabetes_in_measurement_period as (

    select
          person_id
        , dispensing_date
    from rx_diabetes
    inner join "tuva"."quality_measures"."_int_supd__performance_period" as pp
        on dispensing_date between pp.performance_period_begin and pp.performance_period_end

)

/*
    These patients need to pass a check
    - Should have at least two distinct Date of Service (FillDate) for rx
*/

, rx_fill_order as (

    select
          person_id
        , dispensing_date
        , dense_rank() over (
            partition by
                  person_id
            order by dispensing_date
        ) as dr
    from rx_diabetes_in_measurement_period

)

, check_passed_patients as (

    select
          person_id
    from rx_fill_order
    where dr = 2

)

, qualifying_patients_with_age as (

    select
          patients.person_id
        , floor(
        (date_diff('hour', birth_date::timestamp, pp.performance_period_begin::timestamp ))
     / 8760.0) as age
        , performance_period_begin
        , performance_period_end
        , measure_id
        , measure_name
        , measure_version
    from "tuva"."quality_measures"."_stg_patient" as patients
    inner join check_passed_patients
        on patients.person_id = check_passed_patients.person_id
    cross join "tuva"."quality_measures"."_int_supd__performance_period" as pp
    where patients.death_date is null

)

, denominator as (

    select
          person_id
        , age
        , performance_period_begin
        , performance_period_end
        , measure_id
        , measure_name
        , measure_version
        , 1 as denominator_flag
    from qualifying_patients_with_age
    where age > 39 and age < 76

)

, add_data_types as (

    select
          cast(person_id as TEXT) as person_id
        , cast(age as integer) as age
        , cast(performance_period_begin as date) as performance_period_begin
        , cast(performance_period_end as date) as performance_period_end
        , cast(measure_id as TEXT) as measure_id
        , cast(measure_name as TEXT) as measure_name
        , cast(measure_version as TEXT) as measure_version
        , cast(denominator_flag as integer) as denominator_flag
    from denominator

)

select
      person_id
    , age
    , performance_period_begin
    , performance_period_end
    , measure_id
    , measure_name
    , measure_version
    , denominator_flag
    , cast('2026-12-07 10:15:38.378094+00:00' as timestamp) as tuva_last_run
from add_data_types


-- case: tuva_patient_data_source_id
-- origin: ../shared/sql-corpus/tuva-health_tuva-1.12.0-compiled model.the_tuva_project.encounters__patient_data_source_id (verbatim; relations from its catalog)
-- relation: tuva.claims_preprocessing.normalized_input_medical_claim: claim_id, claim_line_number, claim_type, person_id, member_id, payer, plan, claim_start_date, claim_end_date, claim_line_start_date, claim_line_end_date, admission_date, discharge_date, admit_source_code, admit_source_description, admit_type_code, admit_type_description, discharge_disposition_code, discharge_disposition_description, place_of_service_code, place_of_service_description, bill_type_code, bill_type_description, drg_code_type, drg_code, drg_description, revenue_center_code, revenue_center_description, service_unit_quantity, hcpcs_code, hcpcs_modifier_1, hcpcs_modifier_2, hcpcs_modifier_3, hcpcs_modifier_4, hcpcs_modifier_5, rendering_npi, rendering_tin, rendering_name, billing_npi, billing_tin, billing_name, facility_npi, facility_name, paid_date, paid_amount, allowed_amount, charge_amount, coinsurance_amount, copayment_amount, deductible_amount, total_cost_amount, diagnosis_code_type, diagnosis_code_1, diagnosis_code_2, diagnosis_code_3, diagnosis_code_4, diagnosis_code_5, diagnosis_code_6, diagnosis_code_7, diagnosis_code_8, diagnosis_code_9, diagnosis_code_10, diagnosis_code_11, diagnosis_code_12, diagnosis_code_13, diagnosis_code_14, diagnosis_code_15, diagnosis_code_16, diagnosis_code_17, diagnosis_code_18, diagnosis_code_19, diagnosis_code_20, diagnosis_code_21, diagnosis_code_22, diagnosis_code_23, diagnosis_code_24, diagnosis_code_25, diagnosis_poa_1, diagnosis_poa_2, diagnosis_poa_3, diagnosis_poa_4, diagnosis_poa_5, diagnosis_poa_6, diagnosis_poa_7, diagnosis_poa_8, diagnosis_poa_9, diagnosis_poa_10, diagnosis_poa_11, diagnosis_poa_12, diagnosis_poa_13, diagnosis_poa_14, diagnosis_poa_15, diagnosis_poa_16, diagnosis_poa_17, diagnosis_poa_18, diagnosis_poa_19, diagnosis_poa_20, diagnosis_poa_21, diagnosis_poa_22, diagnosis_poa_23, diagnosis_poa_24, diagnosis_poa_25, procedure_code_type, procedure_code_1, procedure_code_2, procedure_code_3, procedure_code_4, procedure_code_5, procedure_code_6, procedure_code_7, procedure_code_8, procedure_code_9, procedure_code_10, procedure_code_11, procedure_code_12, procedure_code_13, procedure_code_14, procedure_code_15, procedure_code_16, procedure_code_17, procedure_code_18, procedure_code_19, procedure_code_20, procedure_code_21, procedure_code_22, procedure_code_23, procedure_code_24, procedure_code_25, procedure_date_1, procedure_date_2, procedure_date_3, procedure_date_4, procedure_date_5, procedure_date_6, procedure_date_7, procedure_date_8, procedure_date_9, procedure_date_10, procedure_date_11, procedure_date_12, procedure_date_13, procedure_date_14, procedure_date_15, procedure_date_16, procedure_date_17, procedure_date_18, procedure_date_19, procedure_date_20, procedure_date_21, procedure_date_22, procedure_date_23, procedure_date_24, procedure_date_25, data_source, in_network_flag, file_date, ingest_datetime, file_name, tuva_last_run, x_temp_claim_id, x_temp_payer
-- relation: tuva.claims_preprocessing.normalized_input_eligibility: person_id, member_id, subscriber_id, gender, race, birth_date, death_date, death_flag, enrollment_start_date, enrollment_end_date, payer, payer_type, plan, original_reason_entitlement_code, dual_status_code, medicare_status_code, enrollment_status, hospice_flag, institutional_snp_flag, long_term_institutional_flag, group_id, group_name, name_suffix, first_name, middle_name, last_name, social_security_number, subscriber_relation, address, city, state, zip_code, fips_state_code, normalized_state_name, fips_state_abbreviation, phone, email, ethnicity, data_source, file_date, file_name, ingest_datetime, tuva_last_run, x_temp_record_origin, x_temp_person_id, x_temp_first_name
-- note: UNION DISTINCT of two SELECT DISTINCTs (copies from both); dense_rank() over (order by concat(person_id, data_source)) has only ORDER BY columns: filter edges from both branches.
-- edge: person_id <- tuva.claims_preprocessing.normalized_input_medical_claim.person_id copy
-- edge: person_id <- tuva.claims_preprocessing.normalized_input_eligibility.person_id copy
-- edge: data_source <- tuva.claims_preprocessing.normalized_input_medical_claim.data_source copy
-- edge: data_source <- tuva.claims_preprocessing.normalized_input_eligibility.data_source copy
-- edge: patient_data_source_id <- tuva.claims_preprocessing.normalized_input_medical_claim.person_id filter
-- edge: patient_data_source_id <- tuva.claims_preprocessing.normalized_input_medical_claim.data_source filter
-- edge: patient_data_source_id <- tuva.claims_preprocessing.normalized_input_eligibility.person_id filter
-- edge: patient_data_source_id <- tuva.claims_preprocessing.normalized_input_eligibility.data_source filter


with multiple_sources as (
select distinct person_id
, data_source
from "tuva"."claims_preprocessing"."normalized_input_medical_claim"


union distinct


select distinct person_id
, data_source
from "tuva"."claims_preprocessing"."normalized_input_eligibility"
)

select
person_id
, data_source
, dense_rank() over (
order by concat(person_id, data_source)) as patient_data_source_id
from multiple_sources


-- case: tuva_office_visits_encounter_ranking
-- origin: ../shared/sql-corpus/tuva-health_tuva-1.12.0-compiled model.the_tuva_project.office_visits__int_office_visits_encounter_ranking (verbatim; relations from its catalog)
-- relation: tuva.claims_preprocessing.office_visits__int_office_visits_union: claim_id, claim_line_number, old_encounter_id, encounter_type, priority_number
-- note: `select *` in a CTE, then SELECT DISTINCT of three columns; row_number's PARTITION BY/ORDER BY columns are its filter edges.
-- edge: old_encounter_id <- tuva.claims_preprocessing.office_visits__int_office_visits_union.old_encounter_id copy
-- edge: encounter_type <- tuva.claims_preprocessing.office_visits__int_office_visits_union.encounter_type copy
-- edge: priority_number <- tuva.claims_preprocessing.office_visits__int_office_visits_union.priority_number copy
-- edge: relative_rank <- tuva.claims_preprocessing.office_visits__int_office_visits_union.old_encounter_id filter
-- edge: relative_rank <- tuva.claims_preprocessing.office_visits__int_office_visits_union.priority_number filter


with rank_cte as (
select *
from "tuva"."claims_preprocessing"."office_visits__int_office_visits_union"
)

, dist_encounter as (
select distinct old_encounter_id
, encounter_type
, priority_number
from rank_cte
)

select
old_encounter_id
, encounter_type
, priority_number
, row_number() over (partition by old_encounter_id
order by priority_number) as relative_rank
from dist_encounter


-- case: pharma_int_sales_incremental
-- origin: ../shared/corpus/isac9_pharma-pipeline-dbt-1.11.11 model.pharma_pipeline.int_sales_incremental (verbatim; relations from its catalog)
-- relation: dev.main.stg_sales: week, territory, product, cumulative_units, cumulative_revenue_usd, loaded_at
-- note: x - lag(x, 1, 0) over (partition by territory, product order by week): arithmetic on the value and its lag (derived), with the window's columns as filter edges; the WHERE on the result is upstream of nothing.
-- edge: week <- dev.main.stg_sales.week copy
-- edge: territory <- dev.main.stg_sales.territory copy
-- edge: product <- dev.main.stg_sales.product copy
-- edge: cumulative_units <- dev.main.stg_sales.cumulative_units copy
-- edge: cumulative_revenue_usd <- dev.main.stg_sales.cumulative_revenue_usd copy
-- edge: weekly_units <- dev.main.stg_sales.cumulative_units derived
-- edge: weekly_units <- dev.main.stg_sales.territory filter
-- edge: weekly_units <- dev.main.stg_sales.product filter
-- edge: weekly_units <- dev.main.stg_sales.week filter
-- edge: weekly_revenue_usd <- dev.main.stg_sales.cumulative_revenue_usd derived
-- edge: weekly_revenue_usd <- dev.main.stg_sales.territory filter
-- edge: weekly_revenue_usd <- dev.main.stg_sales.product filter
-- edge: weekly_revenue_usd <- dev.main.stg_sales.week filter
with base as (
    select * from "dev"."main"."stg_sales"
),

incremental as (
    select
        week,
        territory,
        product,
        cumulative_units,
        cumulative_revenue_usd,

        -- Logique Week N = Cumul N - Cumul N-1
        cumulative_units - lag(cumulative_units, 1, 0) over (
            partition by territory, product
            order by week
        ) as weekly_units,

        cumulative_revenue_usd - lag(cumulative_revenue_usd, 1, 0) over (
            partition by territory, product
            order by week
        ) as weekly_revenue_usd

    from base
)

select * from incremental
where weekly_units >= 0


-- case: pharma_mart_sales_by_territory
-- origin: ../shared/corpus/isac9_pharma-pipeline-dbt-1.11.11 model.pharma_pipeline.mart_sales_by_territory (verbatim; relations from its catalog)
-- relation: dev.main.int_sales_incremental: week, territory, product, cumulative_units, cumulative_revenue_usd, weekly_units, weekly_revenue_usd
-- note: running sums over (partition by territory, product order by week): aggregated with three filter edges. The share is round(100 * x / nullif(sum(x) over (partition by week, product), 0), 2): the value and its windowed sum, aggregated the strongest; week and product are its window's filters (territory is not in that window). The final ORDER BY is upstream of nothing.
-- edge: territory <- dev.main.int_sales_incremental.territory copy
-- edge: product <- dev.main.int_sales_incremental.product copy
-- edge: week <- dev.main.int_sales_incremental.week copy
-- edge: weekly_units <- dev.main.int_sales_incremental.weekly_units copy
-- edge: weekly_revenue_usd <- dev.main.int_sales_incremental.weekly_revenue_usd copy
-- edge: running_units <- dev.main.int_sales_incremental.weekly_units aggregated
-- edge: running_units <- dev.main.int_sales_incremental.territory filter
-- edge: running_units <- dev.main.int_sales_incremental.product filter
-- edge: running_units <- dev.main.int_sales_incremental.week filter
-- edge: running_revenue_usd <- dev.main.int_sales_incremental.weekly_revenue_usd aggregated
-- edge: running_revenue_usd <- dev.main.int_sales_incremental.territory filter
-- edge: running_revenue_usd <- dev.main.int_sales_incremental.product filter
-- edge: running_revenue_usd <- dev.main.int_sales_incremental.week filter
-- edge: territory_revenue_share_pct <- dev.main.int_sales_incremental.weekly_revenue_usd aggregated
-- edge: territory_revenue_share_pct <- dev.main.int_sales_incremental.week filter
-- edge: territory_revenue_share_pct <- dev.main.int_sales_incremental.product filter
with base as (
    select * from "dev"."main"."int_sales_incremental"
),

final as (
    select
        territory,
        product,
        week,
        weekly_units,
        weekly_revenue_usd,

        -- Cumuls reconstruits
        sum(weekly_units) over (
            partition by territory, product
            order by week
        ) as running_units,

        sum(weekly_revenue_usd) over (
            partition by territory, product
            order by week
        ) as running_revenue_usd,

        -- Part de chaque territoire par semaine
        round(
            100.0 * weekly_revenue_usd / nullif(
                sum(weekly_revenue_usd) over (partition by week, product), 0
            ), 2
        ) as territory_revenue_share_pct

    from base
)

select * from final
order by product, territory, week


-- case: duck_asof_group_by_all
-- relation: db.ehr.visits: visit_id, patient_id, visit_ts, clinic
-- relation: db.ehr.weights: patient_id, measured_at, weight_kg
-- relation: db.ehr.patients: patient_id, ssn, first_name, last_name, birth_date, zip
-- note: ASOF JOIN picks, for each visit, the latest weight at or before it: its ON columns are upstream of nothing. GROUP BY ALL groups by the three non-aggregate items (their own edges stay copy/generalized/hashed); count(*) reads no column.
-- edge: patient_id <- db.ehr.visits.patient_id copy
-- edge: visit_year <- db.ehr.visits.visit_ts generalized
-- edge: ssn_hash <- db.ehr.patients.ssn hashed
-- edge: n_visits <- (none)
-- edge: max_weight <- db.ehr.weights.weight_kg aggregated
select
    v.patient_id,
    year(v.visit_ts) as visit_year,
    sha256(p.ssn) as ssn_hash,
    count(*) as n_visits,
    max(w.weight_kg) as max_weight
from db.ehr.visits v
asof join db.ehr.weights w
    on v.patient_id = w.patient_id and v.visit_ts >= w.measured_at
join db.ehr.patients p on p.patient_id = v.patient_id
group by all

-- case: duck_lateral_unnest_struct_age
-- relation: db.ehr.notes: note_id, patient_id, written_at, meds
-- relation: db.ehr.patients: patient_id, ssn, first_name, last_name, birth_date, zip
-- note: meds is a list of structs; the LATERAL subquery unnests it (an element: derived from meds) and m.med.name / m.med.dose_mg are struct fields of the element (derived; arithmetic stays derived). age() of two dates is generalized; left(zip, 3) generalized. The USING column is not selected.
-- edge: note_id <- db.ehr.notes.note_id copy
-- edge: med_name <- db.ehr.notes.meds derived
-- edge: double_dose <- db.ehr.notes.meds derived
-- edge: age_at_note <- db.ehr.notes.written_at generalized
-- edge: age_at_note <- db.ehr.patients.birth_date generalized
-- edge: zip3 <- db.ehr.patients.zip generalized
select
    n.note_id,
    m.med.name as med_name,
    m.med.dose_mg * 2 as double_dose,
    age(n.written_at::date, p.birth_date) as age_at_note,
    left(p.zip, 3) as zip3
from db.ehr.notes n
join db.ehr.patients p using (patient_id)
cross join lateral (select unnest(n.meds) as med) m

-- case: duck_read_parquet_star
-- relation: db.ehr.patients: patient_id, ssn, first_name, last_name, birth_date, zip
-- note: a table function over files: its columns are known only when the files are read, so `*` cannot be expanded from any catalog.
-- unresolved: missing catalog
select * from read_parquet('s3://ehr-landing/claims/*.parquet')

-- case: duck_double_comma
-- relation: db.ehr.patients: patient_id, ssn, first_name, last_name, birth_date, zip
-- note: DuckDB allows one trailing comma in a select list, but not an empty item between two commas.
-- unresolved: syntax error
select patient_id,, ssn from db.ehr.patients
