-- case: synthea_sf_stg_claims_patient
-- origin: ../shared/corpus/saywurdson_synthea_dw-1.3.1 model.the_tuva_project.core__stg_claims_patient (Snowflake; verbatim; relations from its catalog)
-- relation: DEV_SARAH.CLAIMS_PREPROCESSING.NORMALIZED_INPUT_ELIGIBILITY: PATIENT_ID, MEMBER_ID, GENDER, RACE, BIRTH_DATE, DEATH_DATE, DEATH_FLAG, ENROLLMENT_END_DATE, ENROLLMENT_START_DATE, PAYER, PAYER_TYPE, PLAN, ORIGINAL_REASON_ENTITLEMENT_CODE, DUAL_STATUS_CODE, MEDICARE_STATUS_CODE, FIRST_NAME, LAST_NAME, ADDRESS, CITY, STATE, ZIP_CODE, PHONE, DATA_SOURCE, TUVA_LAST_RUN
-- note: the row_number (ORDER BY a CASE over ENROLLMENT_END_DATE) is used only in WHERE, so it reaches no output; casts are copies; COUNTY, LATITUDE and LONGITUDE are typed nulls; the depends_on comment reads nothing.
-- edge: PATIENT_ID <- DEV_SARAH.CLAIMS_PREPROCESSING.NORMALIZED_INPUT_ELIGIBILITY.PATIENT_ID copy
-- edge: FIRST_NAME <- DEV_SARAH.CLAIMS_PREPROCESSING.NORMALIZED_INPUT_ELIGIBILITY.FIRST_NAME copy
-- edge: LAST_NAME <- DEV_SARAH.CLAIMS_PREPROCESSING.NORMALIZED_INPUT_ELIGIBILITY.LAST_NAME copy
-- edge: SEX <- DEV_SARAH.CLAIMS_PREPROCESSING.NORMALIZED_INPUT_ELIGIBILITY.GENDER copy
-- edge: RACE <- DEV_SARAH.CLAIMS_PREPROCESSING.NORMALIZED_INPUT_ELIGIBILITY.RACE copy
-- edge: BIRTH_DATE <- DEV_SARAH.CLAIMS_PREPROCESSING.NORMALIZED_INPUT_ELIGIBILITY.BIRTH_DATE copy
-- edge: DEATH_DATE <- DEV_SARAH.CLAIMS_PREPROCESSING.NORMALIZED_INPUT_ELIGIBILITY.DEATH_DATE copy
-- edge: DEATH_FLAG <- DEV_SARAH.CLAIMS_PREPROCESSING.NORMALIZED_INPUT_ELIGIBILITY.DEATH_FLAG copy
-- edge: ADDRESS <- DEV_SARAH.CLAIMS_PREPROCESSING.NORMALIZED_INPUT_ELIGIBILITY.ADDRESS copy
-- edge: CITY <- DEV_SARAH.CLAIMS_PREPROCESSING.NORMALIZED_INPUT_ELIGIBILITY.CITY copy
-- edge: STATE <- DEV_SARAH.CLAIMS_PREPROCESSING.NORMALIZED_INPUT_ELIGIBILITY.STATE copy
-- edge: ZIP_CODE <- DEV_SARAH.CLAIMS_PREPROCESSING.NORMALIZED_INPUT_ELIGIBILITY.ZIP_CODE copy
-- edge: COUNTY <- (none)
-- edge: LATITUDE <- (none)
-- edge: LONGITUDE <- (none)
-- edge: DATA_SOURCE <- DEV_SARAH.CLAIMS_PREPROCESSING.NORMALIZED_INPUT_ELIGIBILITY.DATA_SOURCE copy
-- edge: TUVA_LAST_RUN <- (none)
-- depends_on: dev_sarah.data_quality.claims_preprocessing_summary



-- *************************************************
-- This dbt model creates the patient table in core.
-- *************************************************




with patient_stage as(
    select
        patient_id
        ,gender
        ,race
        ,birth_date
        ,death_date
        ,death_flag
        ,first_name
        ,last_name
        ,address
        ,city
        ,state
        ,zip_code
        ,phone
        ,data_source
        ,row_number() over (
	        partition by patient_id
	        order by case when enrollment_end_date is null
                then cast ('2050-01-01' as date)
                else enrollment_end_date end DESC)
            as row_sequence
    from dev_sarah.claims_preprocessing.normalized_input_eligibility
)

select
    cast(patient_id as TEXT) as patient_id
    , cast(first_name as TEXT) as first_name
    , cast(last_name as TEXT) as last_name
    , cast(gender as TEXT) as sex
    , cast(race as TEXT) as race
    , cast(birth_date as date) as birth_date
    , cast(death_date as date) as death_date
    , cast(death_flag as int) as death_flag
    , cast(address as TEXT) as address
    , cast(city as TEXT) as city
    , cast(state as TEXT) as state
    , cast(zip_code as TEXT) as zip_code
    , cast(null as TEXT) as county
    , cast(null as FLOAT) as latitude 
    , cast(null as FLOAT) as longitude
    , cast(data_source as TEXT) as data_source
    , cast('2023-12-20 16:17:53.554865+00:00' as TIMESTAMP) as tuva_last_run
from patient_stage
where row_sequence = 1


-- case: synthea_sf_ed_classification_summary
-- origin: ../shared/corpus/saywurdson_synthea_dw-1.3.1 model.the_tuva_project.ed_classification__summary (Snowflake; verbatim; relations from its catalog)
-- relation: DEV_SARAH.ED_CLASSIFICATION._INT_FILTER_ENCOUNTER_WITH_CLASSIFICATION: ENCOUNTER_ID, ENCOUNTER_TYPE, PATIENT_ID, ENCOUNTER_END_DATE, FACILITY_NPI, PRIMARY_DIAGNOSIS_CODE_TYPE, PRIMARY_DIAGNOSIS_CODE, PRIMARY_DIAGNOSIS_DESCRIPTION, PAID_AMOUNT, ALLOWED_AMOUNT, CHARGE_AMOUNT, EDCNNPA, EDCNPA, EPCT, NONER, INJURY, PSYCH, ALCOHOL, DRUG, ED_CLASSIFICATION_CAPTURE, CLASSIFICATION
-- relation: DEV_SARAH.ED_CLASSIFICATION._VALUE_SET_CATEGORIES: CLASSIFICATION, CLASSIFICATION_NAME, CLASSIFICATION_ORDER, CLASSIFICATION_COLUMN
-- relation: DEV_SARAH.TERMINOLOGY.PROVIDER: NPI, ENTITY_TYPE_CODE, ENTITY_TYPE_DESCRIPTION, PRIMARY_TAXONOMY_CODE, PRIMARY_SPECIALTY_DESCRIPTION, PROVIDER_FIRST_NAME, PROVIDER_LAST_NAME, PROVIDER_ORGANIZATION_NAME, PARENT_ORGANIZATION_NAME, PRACTICE_ADDRESS_LINE_1, PRACTICE_ADDRESS_LINE_2, PRACTICE_CITY, PRACTICE_STATE, PRACTICE_ZIP_CODE, LAST_UPDATED, DEACTIVATION_DATE, DEACTIVATION_FLAG
-- relation: DEV_SARAH.CORE.PATIENT: PATIENT_ID, FIRST_NAME, LAST_NAME, SEX, RACE, BIRTH_DATE, DEATH_DATE, DEATH_FLAG, ADDRESS, CITY, STATE, ZIP_CODE, COUNTY, LATITUDE, LONGITUDE, DATA_SOURCE, TUVA_LAST_RUN
-- relation: DEV_SARAH.CCSR.LONG_CONDITION_CATEGORY: ENCOUNTER_ID, CLAIM_ID, PATIENT_ID, NORMALIZED_CODE, CODE_DESCRIPTION, CONDITION_RANK, CCSR_PARENT_CATEGORY, BODY_SYSTEM, PARENT_CATEGORY_DESCRIPTION, CCSR_CATEGORY, CCSR_CATEGORY_DESCRIPTION, CCSR_CATEGORY_RANK, IS_IP_DEFAULT_CATEGORY, IS_OP_DEFAULT_CATEGORY, DXCCSR_VERSION, TUVA_LAST_RUN
-- note: five relations, one of them an inlined ephemeral patient CTE; `using(classification)` is only a join key. The unqualified practice_state/practice_city/practice_zip_code exist only in PROVIDER, and zip_code/latitude/longitude/race only in the patient CTE. YEAR_MONTH is date_part of ENCOUNTER_END_DATE (generalized); PATIENT_AGE is floor(datediff(hour, birth_date, current_date)/8766) (generalized); the two null literals have no upstream.
-- edge: ENCOUNTER_ID <- DEV_SARAH.ED_CLASSIFICATION._INT_FILTER_ENCOUNTER_WITH_CLASSIFICATION.ENCOUNTER_ID copy
-- edge: ED_CLASSIFICATION_DESCRIPTION <- DEV_SARAH.ED_CLASSIFICATION._VALUE_SET_CATEGORIES.CLASSIFICATION_NAME copy
-- edge: ED_CLASSIFICATION_ORDER <- DEV_SARAH.ED_CLASSIFICATION._VALUE_SET_CATEGORIES.CLASSIFICATION_ORDER copy
-- edge: PATIENT_ID <- DEV_SARAH.ED_CLASSIFICATION._INT_FILTER_ENCOUNTER_WITH_CLASSIFICATION.PATIENT_ID copy
-- edge: ENCOUNTER_END_DATE <- DEV_SARAH.ED_CLASSIFICATION._INT_FILTER_ENCOUNTER_WITH_CLASSIFICATION.ENCOUNTER_END_DATE copy
-- edge: YEAR_MONTH <- DEV_SARAH.ED_CLASSIFICATION._INT_FILTER_ENCOUNTER_WITH_CLASSIFICATION.ENCOUNTER_END_DATE generalized
-- edge: PRIMARY_DIAGNOSIS_CODE <- DEV_SARAH.ED_CLASSIFICATION._INT_FILTER_ENCOUNTER_WITH_CLASSIFICATION.PRIMARY_DIAGNOSIS_CODE copy
-- edge: PRIMARY_DIAGNOSIS_DESCRIPTION <- DEV_SARAH.ED_CLASSIFICATION._INT_FILTER_ENCOUNTER_WITH_CLASSIFICATION.PRIMARY_DIAGNOSIS_DESCRIPTION copy
-- edge: PRIMARY_CCSR_CODE <- DEV_SARAH.CCSR.LONG_CONDITION_CATEGORY.CCSR_CATEGORY copy
-- edge: PRIMARY_CCSR_DESCRIPTION <- DEV_SARAH.CCSR.LONG_CONDITION_CATEGORY.CCSR_CATEGORY_DESCRIPTION copy
-- edge: PAID_AMOUNT <- DEV_SARAH.ED_CLASSIFICATION._INT_FILTER_ENCOUNTER_WITH_CLASSIFICATION.PAID_AMOUNT copy
-- edge: ALLOWED_AMOUNT <- DEV_SARAH.ED_CLASSIFICATION._INT_FILTER_ENCOUNTER_WITH_CLASSIFICATION.ALLOWED_AMOUNT copy
-- edge: CHARGE_AMOUNT <- DEV_SARAH.ED_CLASSIFICATION._INT_FILTER_ENCOUNTER_WITH_CLASSIFICATION.CHARGE_AMOUNT copy
-- edge: FACILITY_NPI <- DEV_SARAH.ED_CLASSIFICATION._INT_FILTER_ENCOUNTER_WITH_CLASSIFICATION.FACILITY_NPI copy
-- edge: FACILITY_NAME <- DEV_SARAH.TERMINOLOGY.PROVIDER.PROVIDER_ORGANIZATION_NAME copy
-- edge: FACILITY_STATE <- DEV_SARAH.TERMINOLOGY.PROVIDER.PRACTICE_STATE copy
-- edge: FACILITY_CITY <- DEV_SARAH.TERMINOLOGY.PROVIDER.PRACTICE_CITY copy
-- edge: FACILITY_ZIP_CODE <- DEV_SARAH.TERMINOLOGY.PROVIDER.PRACTICE_ZIP_CODE copy
-- edge: FACILITY_LATITUDE <- (none)
-- edge: FACILITY_LONGITUDE <- (none)
-- edge: PATIENT_SEX <- DEV_SARAH.CORE.PATIENT.SEX copy
-- edge: PATIENT_AGE <- DEV_SARAH.CORE.PATIENT.BIRTH_DATE generalized
-- edge: PATIENT_ZIP_CODE <- DEV_SARAH.CORE.PATIENT.ZIP_CODE copy
-- edge: PATIENT_LATITUDE <- DEV_SARAH.CORE.PATIENT.LATITUDE copy
-- edge: PATIENT_LONGITUDE <- DEV_SARAH.CORE.PATIENT.LONGITUDE copy
-- edge: PATIENT_RACE <- DEV_SARAH.CORE.PATIENT.RACE copy



with __dbt__cte__ed_classification__stg_patient as (


select
    patient_id
    , sex
    , birth_date
    , race
    , state
    , zip_code
    , latitude
    , longitude
from dev_sarah.core.patient
)select
    class.encounter_id
    , cat.classification_name as ed_classification_description
    , cat.classification_order as ed_classification_order
    , class.patient_id
    , class.encounter_end_date
    , cast(date_part('year', class.encounter_end_date) as TEXT) 
        || right('0'||cast(date_part('month', class.encounter_end_date) as TEXT),2) 
    as year_month
    , class.primary_diagnosis_code
    , class.primary_diagnosis_description
    , ccsr.ccsr_category as primary_ccsr_code
    , ccsr.ccsr_category_description as primary_ccsr_description
    , class.paid_amount
    , class.allowed_amount
    , class.charge_amount
    , class.facility_npi
    , fac_prov.provider_organization_name as facility_name
    , practice_state as facility_state
    , practice_city as facility_city
    , practice_zip_code as facility_zip_code
    , null as facility_latitude
    , null as facility_longitude
    , pat.sex as patient_sex
    , floor(datediff(
        hour,
        pat.birth_date,
        current_date
        ) / 8766.0) as patient_age
    , zip_code as patient_zip_code
    , latitude as patient_latitude
    , longitude as patient_longitude
    , race as patient_race
from dev_sarah.ed_classification._int_filter_encounter_with_classification class
inner join dev_sarah.ed_classification._value_set_categories cat
    using(classification)
left join dev_sarah.terminology.provider fac_prov 
    on class.facility_npi = fac_prov.npi
left join __dbt__cte__ed_classification__stg_patient pat
    on class.patient_id = pat.patient_id
left join dev_sarah.ccsr.long_condition_category ccsr
    on class.encounter_id = ccsr.encounter_id
    and class.primary_diagnosis_code = ccsr.normalized_code


-- case: synthea_sf_quality_summary_wide
-- origin: ../shared/corpus/saywurdson_synthea_dw-1.3.1 model.the_tuva_project.quality_measures__summary_wide (Snowflake; verbatim; relations from its catalog)
-- relation: DEV_SARAH.QUALITY_MEASURES.SUMMARY_LONG: PATIENT_ID, DENOMINATOR_FLAG, NUMERATOR_FLAG, EXCLUSION_FLAG, EVIDENCE_DATE, EXCLUSION_DATE, EXCLUSION_REASON, PERFORMANCE_PERIOD_BEGIN, PERFORMANCE_PERIOD_END, MEASURE_ID, MEASURE_NAME, MEASURE_VERSION, TUVA_LAST_RUN
-- note: a nested CASE: NUMERATOR_FLAG is the one value branch (a CASE result: derived); DENOMINATOR_FLAG and EXCLUSION_FLAG are only tested (filter). The nqf_0034 CTE is joined but none of its columns is selected; MEASURE_ID (WHERE) is upstream of nothing.
-- edge: PATIENT_ID <- DEV_SARAH.QUALITY_MEASURES.SUMMARY_LONG.PATIENT_ID copy
-- edge: NQF_2372 <- DEV_SARAH.QUALITY_MEASURES.SUMMARY_LONG.NUMERATOR_FLAG derived
-- edge: NQF_2372 <- DEV_SARAH.QUALITY_MEASURES.SUMMARY_LONG.DENOMINATOR_FLAG filter
-- edge: NQF_2372 <- DEV_SARAH.QUALITY_MEASURES.SUMMARY_LONG.EXCLUSION_FLAG filter
-- edge: TUVA_LAST_RUN <- (none)


/*
    Each measure is pivoted into a boolean column by evaluating the
    denominator, numerator, and exclusion flags.
*/
with measures_long as (

        select
          patient_id
        , denominator_flag
        , numerator_flag
        , exclusion_flag
        , measure_id
    from dev_sarah.quality_measures.summary_long

)

, nqf_2372 as (

    select
          patient_id
        , case
            when denominator_flag = 1
            then
                case
                    when exclusion_flag = 1 then null
                    when exclusion_flag = 0  then numerator_flag
            else null
                end
          end as flag
    from measures_long
    where measure_id = 'NQF2372'

)
, nqf_0034 as (

    select
          patient_id
        , case
            when denominator_flag = 1
            then
                case
                    when exclusion_flag = 1 then null
                    when exclusion_flag = 0  then numerator_flag
            else null
                end
          end as flag
    from measures_long
    where measure_id = 'NQF0034'

)
, joined as (

    select
          measures_long.patient_id
        , nqf_2372.flag as nqf_2372
    from measures_long
    left join nqf_2372
         on measures_long.patient_id = nqf_2372.patient_id
    left join nqf_0034
         on measures_long.patient_id = nqf_0034.patient_id

)

, add_data_types as (

    select
          cast(patient_id as TEXT) as patient_id
        , cast(nqf_2372 as integer) as nqf_2372
    from joined

)

select
      patient_id
    , nqf_2372
    , '2023-12-20 16:17:53.554865+00:00' as tuva_last_run
from add_data_types


-- case: andrewstaus_sf_stg_accounts
-- origin: ../shared/corpus/andrewstaus_dbt_analytics-1.9.8 model.analytics.stg_accounts_db__accounts (verbatim; relations from its catalog)
-- relation: RAW.ACCOUNTS_DB.ACCOUNTS: LOADED_AT, ID, PARTY_KEY, FIRST_NAME, LAST_NAME
-- relation: ANALYTICS.ACCOUNTS_DB.ACCOUNTS: ACCOUNT_ID, INDIVIDUAL_PARTY_KEY, FIRST_NAME, LAST_NAME, LOADED_AT
-- note: the ephemeral source model is inlined as a nested WITH; sha2(lower(trim(x))) is hashed. The max() over the model's own table in WHERE and the QUALIFY are upstream of nothing.
-- edge: ACCOUNT_ID <- RAW.ACCOUNTS_DB.ACCOUNTS.ID copy
-- edge: INDIVIDUAL_PARTY_KEY <- RAW.ACCOUNTS_DB.ACCOUNTS.PARTY_KEY copy
-- edge: FIRST_NAME <- RAW.ACCOUNTS_DB.ACCOUNTS.FIRST_NAME hashed
-- edge: LAST_NAME <- RAW.ACCOUNTS_DB.ACCOUNTS.LAST_NAME hashed
-- edge: LOADED_AT <- RAW.ACCOUNTS_DB.ACCOUNTS.LOADED_AT copy
with  __dbt__cte__src_accounts_db_accounts as (
with accounts as (
    select * from raw.accounts_db.accounts
)

select
    id         ::string    account_id,
    party_key  ::string    individual_party_key,
    first_name ::string    first_name,
    last_name  ::string    last_name,
    loaded_at  ::timestamp loaded_at
from accounts
), accounts as (
    select * from __dbt__cte__src_accounts_db_accounts
)

select
    account_id,
    individual_party_key,
    (sha2(lower(trim(first_name :: string)), 256)) first_name,
    (sha2(lower(trim(last_name :: string)), 256)) last_name,
    loaded_at
from accounts

where loaded_at >= (select max(loaded_at) from analytics.accounts_db.accounts )
qualify row_number() over (partition by account_id order by loaded_at desc) = 1


-- case: andrewstaus_sf_stg_csparc_transactions
-- origin: ../shared/corpus/andrewstaus_dbt_analytics-1.9.8 model.analytics.stg_csparc__transactions (verbatim; relations from its catalog)
-- relation: RAW.CSPARC.TRANSACTIONS: LOADED_AT, CHANNEL, DATE_TIME, PARTY_KEY, ORDER_ID, PRODUCT_ID, REVENUE, MARGIN
-- relation: ANALYTICS.CSPARC.TRANSACTIONS: TRANSACTED_AT, SALES_CHANNEL, INDIVIDUAL_PARTY_KEY, TRANSACTION_ID, PRODUCT_ID, REVENUE, MARGIN, LOADED_AT
-- note: `* exclude(transacted_at_pst)` after a computed column expands the CTE's other seven columns in order. convert_timezone is a conversion (derived); revenue/100 and margin/100 are arithmetic on the value (derived), then casts.
-- edge: TRANSACTED_AT <- RAW.CSPARC.TRANSACTIONS.DATE_TIME derived
-- edge: SALES_CHANNEL <- RAW.CSPARC.TRANSACTIONS.CHANNEL copy
-- edge: INDIVIDUAL_PARTY_KEY <- RAW.CSPARC.TRANSACTIONS.PARTY_KEY copy
-- edge: TRANSACTION_ID <- RAW.CSPARC.TRANSACTIONS.ORDER_ID copy
-- edge: PRODUCT_ID <- RAW.CSPARC.TRANSACTIONS.PRODUCT_ID copy
-- edge: REVENUE <- RAW.CSPARC.TRANSACTIONS.REVENUE derived
-- edge: MARGIN <- RAW.CSPARC.TRANSACTIONS.MARGIN derived
-- edge: LOADED_AT <- RAW.CSPARC.TRANSACTIONS.LOADED_AT copy
with orders as (
    select * from raw.csparc.transactions
),

conformed as (
select
    channel      ::string        sales_channel,
    date_time    ::timestamp     transacted_at_pst,
    party_key    ::string        individual_party_key,
    order_id     ::int           transaction_id,
    product_id   ::string        product_id,
    revenue/100  ::decimal(12,2) revenue,
    margin/100   ::decimal(12,2) margin,
    loaded_at    ::timestamp     loaded_at
from orders
)

select
    (convert_timezone('America/Vancouver', 'UTC', transacted_at_pst :: timestamp)) transacted_at,
    * exclude(transacted_at_pst)
from conformed

where loaded_at >= (select max(loaded_at) from analytics.csparc.transactions)
qualify row_number() over (partition by transaction_id order by loaded_at desc) = 1


-- case: flipside_sf_nft_fifa_collect_secondary
-- origin: ../shared/corpus/flipsidecrypto_algorand-models-1.2.0 model.algorand_models.silver__nft_fifa_collect_secondary (verbatim; relations from its catalog)
-- relation: ALGORAND_DEV.BRONZE_API.NFT_FIFA_COLLECT_SECONDARY: NFT_ASSET_ID, BLOCK_ID, DATA, _INSERTED_TIMESTAMP
-- relation: ALGORAND_DEV.SILVER.NFT_FIFA_COLLECT_SECONDARY: NFT_ASSET_ID, AMOUNT, PURCHASE_TIMESTAMP, RECIPIENT_ADDRESS, RECIPIENT_USERNAME, SENDER_ADDRESS, SENDER_USERNAME, _INSERTED_TIMESTAMP
-- note: LATERAL FLATTEN over PARSE_JSON(DATA):data: every `b.value :x :y` path (spaces before the colons) is a path on the flattened element of DATA (derived), then a cast. QUALIFY uses the output alias purchase_timestamp and picks rows only; the WHERE on b.value:type and the incremental max() are upstream of nothing.
-- edge: NFT_ASSET_ID <- ALGORAND_DEV.BRONZE_API.NFT_FIFA_COLLECT_SECONDARY.NFT_ASSET_ID copy
-- edge: AMOUNT <- ALGORAND_DEV.BRONZE_API.NFT_FIFA_COLLECT_SECONDARY.DATA derived
-- edge: PURCHASE_TIMESTAMP <- ALGORAND_DEV.BRONZE_API.NFT_FIFA_COLLECT_SECONDARY.DATA derived
-- edge: RECIPIENT_ADDRESS <- ALGORAND_DEV.BRONZE_API.NFT_FIFA_COLLECT_SECONDARY.DATA derived
-- edge: RECIPIENT_USERNAME <- ALGORAND_DEV.BRONZE_API.NFT_FIFA_COLLECT_SECONDARY.DATA derived
-- edge: SENDER_ADDRESS <- ALGORAND_DEV.BRONZE_API.NFT_FIFA_COLLECT_SECONDARY.DATA derived
-- edge: SENDER_USERNAME <- ALGORAND_DEV.BRONZE_API.NFT_FIFA_COLLECT_SECONDARY.DATA derived
-- edge: _INSERTED_TIMESTAMP <- ALGORAND_DEV.BRONZE_API.NFT_FIFA_COLLECT_SECONDARY._INSERTED_TIMESTAMP copy


WITH base AS (

    SELECT
        nft_asset_id,
        block_id,
        DATA,
        _INSERTED_TIMESTAMP
    FROM
        ALGORAND_DEV.bronze_api.nft_fifa_collect_secondary


WHERE
    _INSERTED_TIMESTAMP >= (
        SELECT
            MAX(
                _INSERTED_TIMESTAMP
            )
        FROM
            ALGORAND_DEV.silver.nft_fifa_collect_secondary
    )

)
SELECT
    nft_asset_id,
    b.value :amount :: INT AS amount,
    b.value :date :: datetime AS purchase_timestamp,
    b.value :recipient :address :: STRING AS recipient_address,
    b.value :recipient :username :: STRING AS recipient_username,
    b.value :sender :address :: STRING AS sender_address,
    b.value :sender :username :: STRING AS sender_username,
    _inserted_timestamp
FROM
    base A,
    LATERAL FLATTEN (PARSE_JSON(A.data) :data) b
WHERE
    b.value :type = 'purchase' qualify(ROW_NUMBER() over(PARTITION BY nft_asset_id, purchase_timestamp
ORDER BY
    _inserted_timestamp DESC) = 1)


-- case: metricsdao_sf_delegators
-- origin: ../shared/corpus/metricsdao_harmony_dbt-0.21.1 model.harmony.delegators (verbatim; relations from its catalog)
-- relation: HARMONY.DEV.STG_DELEGATORS: INGEST_TIMESTAMP, DAY_DATE, VALIDATOR_ADDRESS, VALIDATOR_IDENTITY, ACTIVE_STATUS, BOOTED_STATUS, DELEGATIONS, TOTAL_DELEGATION, TOTAL_DELEGATOR_COUNT
-- relation: HARMONY.DEV.DELEGATORS: U_KEY, DAY_DATE, DELEGATOR_ADDRESS, TOTAL_AMOUNT_DELEGATED, TOTAL_AMOUNT_UNDELEGATED, DELEGATOR_REWARD
-- note: two chained LATERAL FLATTENs (the second over a path of the first's element): every value comes from DELEGATIONS. d.value:"delegator-address" is a quoted JSON key (derived). The sums are aggregated (the strongest step). In `final`, concat_ws of to_char(day_date) (a conversion) and the address is derived, and `*` expands delegator's five columns; GROUP BY 1,2 and the incremental WHERE are upstream of nothing.
-- edge: U_KEY <- HARMONY.DEV.STG_DELEGATORS.DAY_DATE derived
-- edge: U_KEY <- HARMONY.DEV.STG_DELEGATORS.DELEGATIONS derived
-- edge: DAY_DATE <- HARMONY.DEV.STG_DELEGATORS.DAY_DATE copy
-- edge: DELEGATOR_ADDRESS <- HARMONY.DEV.STG_DELEGATORS.DELEGATIONS derived
-- edge: TOTAL_AMOUNT_DELEGATED <- HARMONY.DEV.STG_DELEGATORS.DELEGATIONS aggregated
-- edge: TOTAL_AMOUNT_UNDELEGATED <- HARMONY.DEV.STG_DELEGATORS.DELEGATIONS aggregated
-- edge: DELEGATOR_REWARD <- HARMONY.DEV.STG_DELEGATORS.DELEGATIONS aggregated


with delegators_incremental as (
    select
        *
    from HARMONY.DEV.stg_delegators
    where -- dbt makes it easy to query your target table by using the "HARMONY.DEV.delegators" variable.
    
      ingest_timestamp > (select max(day_date) from HARMONY.DEV.delegators)
    
),


delegator as (
    select 
       day_date,
       d.value:"delegator-address"::variant as delegator_address,
       sum(d.value:amount::int)/ pow(10, 18) as total_amount_delegated,
       sum(u.value:amount::int) as total_amount_undelegated,
       sum(d.value:reward::int) as delegator_reward
from delegators_incremental,
lateral flatten(input => delegators_incremental.delegations) as d,
lateral flatten(input => d.value:undelegations) as u
group by 1,2

),

final as (
    select
        concat_ws('-', to_char(day_date, '%Y%m%d'), delegator_address) as u_key,
        *
    from delegator
)

select * from final


-- case: sf_flatten_outer_aggregates_quoted
-- relation: RAW.EHR."Admissions": "MemberId", "SSN", "AdmitTs", "Dx"
-- note: quoted mixed-case names keep their case; the unquoted aliases fold to upper. FLATTEN(..., outer => true) keeps members without diagnoses; f.value:code and f.value:primary are paths on the element of "Dx". array_agg ... within group and count_if aggregate; md5_hex(max("SSN")) and date_trunc(min(...)) are aggregated (the strongest step). GROUP BY "MemberId" keeps MEMBER_ID a copy.
-- edge: MEMBER_ID <- RAW.EHR.Admissions.MemberId copy
-- edge: DX_CODES <- RAW.EHR.Admissions.Dx aggregated
-- edge: SSN_KEY <- RAW.EHR.Admissions.SSN aggregated
-- edge: FIRST_QUARTER <- RAW.EHR.Admissions.AdmitTs aggregated
-- edge: PRIMARY_DX_COUNT <- RAW.EHR.Admissions.Dx aggregated
select
    adm."MemberId" as member_id,
    array_agg(distinct f.value:code::string) within group (order by f.value:code::string) as dx_codes,
    md5_hex(max(adm."SSN")) as ssn_key,
    date_trunc('quarter', min(adm."AdmitTs")) as first_quarter,
    count_if(f.value:primary::boolean) as primary_dx_count
from raw.ehr."Admissions" adm,
    lateral flatten(input => adm."Dx", outer => true) f
group by adm."MemberId"

-- case: sf_table_function_star
-- relation: RAW.EHR.PATIENTS: PATIENT_ID, MRN, SSN, FIRST_NAME, LAST_NAME, DOB, ZIP
-- note: a user table function's output columns are in no catalog: `*` over TABLE(...) cannot be expanded.
-- unresolved: missing catalog
select * from table(raw.ehr.patients_as_of('2024-01-01'::date))

-- case: sf_ambiguous_join_column
-- relation: RAW.EHR.PATIENTS: PATIENT_ID, MRN, SSN, FIRST_NAME, LAST_NAME, DOB, ZIP
-- relation: RAW.EHR.CLAIMS: CLAIM_ID, PATIENT_ID, PAID_AMOUNT, CLAIM_DATE
-- note: an inner join with ON (not USING) exposes PATIENT_ID on both sides: the unqualified name is ambiguous (Snowflake raises "ambiguous column name").
-- unresolved: ambiguous column
select patient_id, mrn, paid_amount
from raw.ehr.patients p
join raw.ehr.claims c on c.patient_id = p.patient_id
