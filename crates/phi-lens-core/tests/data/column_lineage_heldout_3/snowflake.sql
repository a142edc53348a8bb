-- case: flow_silver_events_flatten
-- origin: ../shared/corpus/flipsidecrypto_flow-models-1.1.0 model.flow_models.silver__events (verbatim compiled_sql, dbt 1.1; relations from its catalog)
-- relation: FLOW_DEV.silver.transactions: TX_ID, BLOCK_TIMESTAMP, BLOCK_HEIGHT, CHAIN_ID, TX_INDEX, PROPOSER, PAYER, AUTHORIZERS, COUNT_AUTHORIZERS, GAS_LIMIT, TRANSACTION_RESULT, TX_SUCCEEDED, ERROR_MSG, _INGESTED_AT
-- note: LATERAL FLATTEN(input => transaction_result:events): VALUE is an element of TRANSACTION_RESULT, and every VALUE:path is derived from it. type_split and event_index are lateral column aliases (Snowflake lets a later item use an earlier alias): event_id = concat_ws(tx_id, event_index) is derived from TX_ID and TRANSACTION_RESULT. EVENT_CONTRACT is ARRAY_TO_STRING(ARRAY_SLICE(...)): a slice keeps part of the value, labelled generalized like substr; EVENT_TYPE is one element of the split (derived) whose index is computed with ARRAY_SIZE: the count only positions the element, so derived. The WHERE on _ingested_at reaches nothing.
-- edge: EVENT_ID <- FLOW_DEV.silver.transactions.TX_ID derived
-- edge: EVENT_ID <- FLOW_DEV.silver.transactions.TRANSACTION_RESULT derived
-- edge: TX_ID <- FLOW_DEV.silver.transactions.TX_ID copy
-- edge: BLOCK_TIMESTAMP <- FLOW_DEV.silver.transactions.BLOCK_TIMESTAMP copy
-- edge: BLOCK_HEIGHT <- FLOW_DEV.silver.transactions.BLOCK_HEIGHT copy
-- edge: TX_SUCCEEDED <- FLOW_DEV.silver.transactions.TX_SUCCEEDED copy
-- edge: EVENT_INDEX <- FLOW_DEV.silver.transactions.TRANSACTION_RESULT derived
-- edge: EVENT_CONTRACT <- FLOW_DEV.silver.transactions.TRANSACTION_RESULT generalized
-- edge: EVENT_TYPE <- FLOW_DEV.silver.transactions.TRANSACTION_RESULT derived
-- edge: EVENT_DATA <- FLOW_DEV.silver.transactions.TRANSACTION_RESULT derived
-- edge: _EVENT_DATA_TYPE <- FLOW_DEV.silver.transactions.TRANSACTION_RESULT derived
-- edge: _EVENT_DATA_FIELDS <- FLOW_DEV.silver.transactions.TRANSACTION_RESULT derived
-- edge: _INGESTED_AT <- FLOW_DEV.silver.transactions._INGESTED_AT copy
WITH transactions AS (

  SELECT
    *
  FROM
    FLOW_DEV.silver.transactions


WHERE
  _ingested_at :: DATE >= CURRENT_DATE - 2

),
events AS (
  SELECT
    tx_id,
    block_timestamp,
    block_height,
    tx_succeeded,
    COALESCE(
      VALUE :event_index,
      VALUE :eventIndex
    ) :: NUMBER AS event_index,
    SPLIT(
      VALUE :type,
      '.'
    ) AS type_split,
    ARRAY_TO_STRING(ARRAY_SLICE(type_split, 0, ARRAY_SIZE(type_split) -1), '.') AS event_contract,
    type_split [array_size(type_split)-1] :: STRING AS event_type,
    VALUE :value :: variant AS event_data,
    COALESCE(
      VALUE :value :EventType,
      VALUE :value :eventType
    ) :: variant AS event_data_type,
    COALESCE(
      VALUE :value :Fields,
      VALUE :value :fields
    ) :: variant AS event_data_fields,
    concat_ws(
      '-',
      tx_id,
      event_index
    ) AS event_id,
    _ingested_at
  FROM
    transactions,
    LATERAL FLATTEN(
      input => transaction_result :events
    )
),
FINAL AS (
  SELECT
    event_id,
    tx_id,
    block_timestamp,
    block_height,
    tx_succeeded,
    event_index,
    event_contract,
    event_type,
    event_data,
    event_data_type AS _event_data_type,
    event_data_fields AS _event_data_fields,
    _ingested_at
  FROM
    events
)
SELECT
  *
FROM
  FINAL

-- case: flow_silver_blocks_qualify_variant
-- origin: ../shared/corpus/flipsidecrypto_flow-models-1.1.0 model.flow_models.silver__blocks (verbatim compiled_sql; relations from its catalog)
-- relation: FLOW_DEV.bronze.blocks: RECORD_ID, OFFSET_ID, BLOCK_ID, BLOCK_TIMESTAMP, NETWORK, CHAIN_ID, TX_COUNT, HEADER, _INGESTED_AT
-- note: QUALIFY inside the first CTE only picks rows; COALESCE of three VARIANT paths of HEADER, then ::STRING, is derived; `select *` twice.
-- edge: BLOCK_HEIGHT <- FLOW_DEV.bronze.blocks.BLOCK_ID copy
-- edge: BLOCK_TIMESTAMP <- FLOW_DEV.bronze.blocks.BLOCK_TIMESTAMP copy
-- edge: NETWORK <- FLOW_DEV.bronze.blocks.NETWORK copy
-- edge: CHAIN_ID <- FLOW_DEV.bronze.blocks.CHAIN_ID copy
-- edge: TX_COUNT <- FLOW_DEV.bronze.blocks.TX_COUNT copy
-- edge: ID <- FLOW_DEV.bronze.blocks.HEADER derived
-- edge: PARENT_ID <- FLOW_DEV.bronze.blocks.HEADER derived
-- edge: _INGESTED_AT <- FLOW_DEV.bronze.blocks._INGESTED_AT copy
WITH bronze_blocks AS (

  SELECT
    *
  FROM
    FLOW_DEV.bronze.blocks


WHERE
  _ingested_at :: DATE >= CURRENT_DATE - 2


qualify ROW_NUMBER() over (
  PARTITION BY block_id
  ORDER BY
    _ingested_at DESC
) = 1
),
silver_blocks AS (
  SELECT
    block_id AS block_height,
    block_timestamp,
    network,
    chain_id,
    tx_count,
    COALESCE(
      header :block_id,
      header :block_header :block_id,
      header :id
    ) :: STRING AS id,
    COALESCE(
      header :parent_id,
      header :parentId,
      header :block_header :parent_id
    ) :: STRING AS parent_id,
    _ingested_at
  FROM
    bronze_blocks
)
SELECT
  *
FROM
  silver_blocks

-- case: flow_gold_events_union_object_agg
-- origin: ../shared/corpus/flipsidecrypto_flow-models-1.1.0 model.flow_models.gold__events (verbatim compiled_sql; relations from its catalog)
-- relation: FLOW_DEV.silver.events: EVENT_ID, TX_ID, BLOCK_TIMESTAMP, BLOCK_HEIGHT, TX_SUCCEEDED, EVENT_INDEX, EVENT_CONTRACT, EVENT_TYPE, EVENT_DATA, _EVENT_DATA_TYPE, _EVENT_DATA_FIELDS, _INGESTED_AT
-- relation: FLOW_DEV.silver.event_attributes: ATTRIBUTE_ID, EVENT_ID, TX_ID, BLOCK_TIMESTAMP, EVENT_INDEX, ATTRIBUTE_INDEX, EVENT_CONTRACT, EVENT_TYPE, ATTRIBUTE_KEY, DECODED_ADDRESS, ATTRIBUTE_VALUE, ATTRIBUTE_VALUE_ADJ, _INGESTED_AT
-- note: a UNION (distinct, positional) of two CTEs. First branch: e.* columns of silver events through a LEFT JOIN USING (event_id), and A.event_data = OBJECT_AGG(attribute_key, attribute_value_adj::variant) grouped by event_id (aggregated, both columns). Second branch: the same silver columns and COALESCE of two paths of _EVENT_DATA_TYPE (derived). silver.events own EVENT_DATA is never read. WHERE/GROUP BY/USING columns reach nothing.
-- edge: TX_ID <- FLOW_DEV.silver.events.TX_ID copy
-- edge: BLOCK_TIMESTAMP <- FLOW_DEV.silver.events.BLOCK_TIMESTAMP copy
-- edge: BLOCK_HEIGHT <- FLOW_DEV.silver.events.BLOCK_HEIGHT copy
-- edge: TX_SUCCEEDED <- FLOW_DEV.silver.events.TX_SUCCEEDED copy
-- edge: EVENT_INDEX <- FLOW_DEV.silver.events.EVENT_INDEX copy
-- edge: EVENT_CONTRACT <- FLOW_DEV.silver.events.EVENT_CONTRACT copy
-- edge: EVENT_TYPE <- FLOW_DEV.silver.events.EVENT_TYPE copy
-- edge: EVENT_DATA <- FLOW_DEV.silver.event_attributes.ATTRIBUTE_KEY aggregated
-- edge: EVENT_DATA <- FLOW_DEV.silver.event_attributes.ATTRIBUTE_VALUE_ADJ aggregated
-- edge: EVENT_DATA <- FLOW_DEV.silver.events._EVENT_DATA_TYPE derived
WITH silver_events AS (

    SELECT
        *
    FROM
        FLOW_DEV.silver.events
    WHERE
        block_timestamp >= '2022-05-09'


AND _ingested_at :: DATE >= CURRENT_DATE -2

),
silver_event_attributes AS (
    SELECT
        *
    FROM
        FLOW_DEV.silver.event_attributes
    WHERE
        block_timestamp >= '2022-05-09'


AND _ingested_at :: DATE >= CURRENT_DATE -2

),
objs AS (
    SELECT
        event_id,
        OBJECT_AGG(
            attribute_key,
            attribute_value_adj :: variant
        ) AS event_data
    FROM
        silver_event_attributes
    GROUP BY
        1
),
location_object AS (
    SELECT
        event_id,
        tx_id,
        block_timestamp,
        block_height,
        tx_succeeded,
        event_index,
        event_contract,
        event_type,
        COALESCE(
            _event_data_type :location,
            _event_data_type :Location
        ) AS event_data
    FROM
        silver_events
    WHERE
        _event_data_fields = '[]'
),
gold_events AS (
    SELECT
        e.event_id,
        e.tx_id,
        e.block_timestamp,
        e.block_height,
        e.tx_succeeded,
        e.event_index,
        e.event_contract,
        e.event_type,
        A.event_data
    FROM
        objs A
        LEFT JOIN silver_events e USING (event_id)
),
FINAL AS (
    SELECT
        tx_id,
        block_timestamp,
        block_height,
        tx_succeeded,
        event_index,
        event_contract,
        event_type,
        event_data
    FROM
        gold_events
    UNION
    SELECT
        tx_id,
        block_timestamp,
        block_height,
        tx_succeeded,
        event_index,
        event_contract,
        event_type,
        event_data
    FROM
        location_object
)
SELECT
    *
FROM
    FINAL

-- case: synthea_nqf2372_performance_period
-- origin: ../shared/corpus/saywurdson_synthea_dw-1.4.5 model.the_tuva_project.quality_measures__int_nqf2372__performance_period (Snowflake; verbatim; relations from its catalog)
-- relation: devforrest.quality_measures._value_set_measures: ID, NAME, DESCRIPTION, VERSION, STEWARD, COMPATIBLE_MEASURE
-- note: three uncorrelated scalar subqueries each return one seed column as it is (no aggregate), then a cast: copy; their WHERE id = ... reaches nothing. The period dates are dateadd/date_trunc of current_timestamp(): no upstream column.
-- edge: measure_id <- devforrest.quality_measures._value_set_measures.ID copy
-- edge: measure_name <- devforrest.quality_measures._value_set_measures.NAME copy
-- edge: measure_version <- devforrest.quality_measures._value_set_measures.VERSION copy
-- edge: performance_period_end <- (none)
-- edge: performance_period_begin <- (none)
-- edge: performance_period_lookback <- (none)
/*
    set performance period end to the end of the current calendar year
    or use the quality_measures_period_end variable if provided
*/
with period_end as (

    select
        cast(
        

    dateadd(
        day,
        -1,
        

    dateadd(
        year,
        1,
        date_trunc('year', convert_timezone('UTC', current_timestamp()))
        )


        )


        as date)
        
         as performance_period_end
)

/*
    set performance period begin to a year and a day prior
    for a complete calendar year
*/
, period_begin as (

    select
          performance_period_end
        , 

    dateadd(
        day,
        1,
        

    dateadd(
        year,
        -1,
        performance_period_end
        )


        )

 as performance_period_begin
    from period_end

)

/*
    set performance lookback period to 27 months prior to the end of the
    performance period
*/
, period_lookback as (

    select
          performance_period_end
        , performance_period_begin
        , 

    dateadd(
        month,
        -27,
        performance_period_end
        )

 as performance_period_lookback
    from period_begin


)

select
      cast((select id
from devforrest.quality_measures._value_set_measures
where id = 'NQF2372') as TEXT) as measure_id
    , cast((select name
from devforrest.quality_measures._value_set_measures
where id = 'NQF2372') as TEXT) as measure_name
    , cast((select version
from devforrest.quality_measures._value_set_measures
where id = 'NQF2372') as TEXT) as measure_version
    , cast(performance_period_end as date) as performance_period_end
    , cast(performance_period_begin as date) as performance_period_begin
    , cast(performance_period_lookback as date) as performance_period_lookback
from period_lookback

-- case: synthea_nqf0034_exclude_institutional_snp
-- origin: ../shared/corpus/saywurdson_synthea_dw-1.4.5 model.the_tuva_project.quality_measures__int_nqf0034_exclude_institutional_snp (Snowflake; verbatim; relations from its catalog)
-- relation: devforrest.core.medical_claim: CLAIM_ID, CLAIM_LINE_NUMBER, ENCOUNTER_ID, CLAIM_TYPE, PATIENT_ID, MEMBER_ID, PAYER, PLAN, CLAIM_START_DATE, CLAIM_END_DATE, CLAIM_LINE_START_DATE, CLAIM_LINE_END_DATE, ADMISSION_DATE, DISCHARGE_DATE, SERVICE_CATEGORY_1, SERVICE_CATEGORY_2, ADMIT_SOURCE_CODE, ADMIT_TYPE_CODE, DISCHARGE_DISPOSITION_CODE, PLACE_OF_SERVICE_CODE, BILL_TYPE_CODE, MS_DRG_CODE, APR_DRG_CODE, REVENUE_CENTER_CODE, SERVICE_UNIT_QUANTITY, HCPCS_CODE, HCPCS_MODIFIER_1, HCPCS_MODIFIER_2, HCPCS_MODIFIER_3, HCPCS_MODIFIER_4, HCPCS_MODIFIER_5, RENDERING_NPI, BILLING_NPI, FACILITY_NPI, PAID_DATE, PAID_AMOUNT, ALLOWED_AMOUNT, CHARGE_AMOUNT, COINSURANCE_AMOUNT, COPAYMENT_AMOUNT, DEDUCTIBLE_AMOUNT, TOTAL_COST_AMOUNT, DATA_SOURCE, TUVA_LAST_RUN
-- relation: devforrest.quality_measures._int_nqf0034_denominator: PATIENT_ID, MIN_AGE, MAX_AGE, QUALIFYING_TYPES
-- relation: devforrest.quality_measures._int_nqf0034__performance_period: PERFORMANCE_PERIOD_BEGIN, PERFORMANCE_PERIOD_END, PERFORMANCE_PERIOD_BEGIN_1YP, PERFORMANCE_PERIOD_BEGIN_2YP, PERFORMANCE_PERIOD_BEGIN_4YP, PERFORMANCE_PERIOD_BEGIN_9YP
-- note: patient_id is aged_patients.patient_id (SELECT DISTINCT of the denominator: copy); exclusion_date is coalesce of two claim dates (derived). The join on a coalesce BETWEEN the performance period, the place-of-service IN list and the datediff >= 90 in WHERE reach nothing. The CTE literal tuva_last_run shadows nothing read.
-- edge: patient_id <- devforrest.quality_measures._int_nqf0034_denominator.PATIENT_ID copy
-- edge: exclusion_date <- devforrest.core.medical_claim.CLAIM_START_DATE derived
-- edge: exclusion_date <- devforrest.core.medical_claim.CLAIM_END_DATE derived
-- edge: exclusion_reason <- (none)
-- edge: tuva_last_run <- (none)
/*
    Patients greater than or equal to 66 in Institutional Special Needs Plans (SNP)
    or residing in long term care

    Future enhancement: group claims into encounters
*/

with  __dbt__cte__quality_measures__stg_medical_claim as (


select
      patient_id
    , claim_id
    , claim_start_date
    , claim_end_date
    , place_of_service_code
    , hcpcs_code
    , '2024-02-14 21:09:03.691024+00:00' as tuva_last_run
from devforrest.core.medical_claim


),aged_patients as (
    select distinct patient_id
    from devforrest.quality_measures._int_nqf0034_denominator
    where max_age >=66

)

, medical_claim as (

    select
          patient_id
        , claim_start_date
        , claim_end_date
        , hcpcs_code
        , place_of_service_code
    from __dbt__cte__quality_measures__stg_medical_claim

)

, exclusions as (

    select
          aged_patients.patient_id
        , coalesce(
              medical_claim.claim_start_date
            , medical_claim.claim_end_date
          ) as exclusion_date
        , 'Institutional or Long Term Care' as exclusion_reason
    from aged_patients
         inner join medical_claim
         on aged_patients.patient_id = medical_claim.patient_id

    inner join devforrest.quality_measures._int_nqf0034__performance_period pp
        on coalesce(
              medical_claim.claim_start_date
            , medical_claim.claim_end_date
          ) between pp.performance_period_begin and pp.performance_period_end

    where place_of_service_code in ('32', '33', '34', '54', '56')
    and datediff(
        day,
        medical_claim.claim_start_date,
        medical_claim.claim_end_date
        ) >= 90
)

select
      patient_id
    , exclusion_date
    , exclusion_reason
    , '2024-02-14 21:09:03.691024+00:00' as tuva_last_run
from exclusions

-- case: flow_silver_blocks_raw_jinja
-- origin: ../shared/corpus/flipsidecrypto_flow-models-1.1.0 model.flow_models.silver__blocks raw_sql (the uncompiled model, verbatim)
-- relation: FLOW_DEV.bronze.blocks: RECORD_ID, OFFSET_ID, BLOCK_ID, BLOCK_TIMESTAMP, NETWORK, CHAIN_ID, TX_COUNT, HEADER, _INGESTED_AT
-- note: config(), ref() and an is_incremental() block are left in.
-- unresolved: jinja
{{ config(
  materialized = 'incremental',
  cluster_by = ['_ingested_at::DATE', 'block_timestamp::DATE'],
  unique_key = 'block_height',
  incremental_strategy = 'delete+insert'
) }}

WITH bronze_blocks AS (

  SELECT
    *
  FROM
    {{ ref('bronze__blocks') }}

{% if is_incremental() %}
WHERE
  _ingested_at :: DATE >= CURRENT_DATE - 2
{% endif %}

qualify ROW_NUMBER() over (
  PARTITION BY block_id
  ORDER BY
    _ingested_at DESC
) = 1
),
silver_blocks AS (
  SELECT
    block_id AS block_height,
    block_timestamp,
    network,
    chain_id,
    tx_count,
    COALESCE(
      header :block_id,
      header :block_header :block_id,
      header :id
    ) :: STRING AS id,
    COALESCE(
      header :parent_id,
      header :parentId,
      header :block_header :parent_id
    ) :: STRING AS parent_id,
    _ingested_at
  FROM
    bronze_blocks
)
SELECT
  *
FROM
  silver_blocks

-- case: sf_flatten_quoted_mixed_case
-- relation: EHR.RAW."Encounters": "EncounterId", "PatientId", PAYLOAD, LOADED_AT
-- note: a quoted mixed-case table and columns keep their case; unquoted payload and loaded_at fold to PAYLOAD and LOADED_AT. The quoted output "PatientId" keeps its name. f.value:code is a path on a flattened element of PAYLOAD (derived); f.index has no upstream; datediff of two paths is generalized; sha2 of a salted concatenation is hashed; QUALIFY picks rows only.
-- edge: encounter_id <- EHR.RAW.Encounters.EncounterId copy
-- edge: PatientId <- EHR.RAW.Encounters.PatientId copy
-- edge: dx_code <- EHR.RAW.Encounters.PAYLOAD derived
-- edge: dx_position <- (none)
-- edge: started_at <- EHR.RAW.Encounters.PAYLOAD derived
-- edge: los_days <- EHR.RAW.Encounters.PAYLOAD generalized
-- edge: patient_hash <- EHR.RAW.Encounters.PatientId hashed
select
    e."EncounterId" as encounter_id,
    e."PatientId",
    f.value:code::string as dx_code,
    f.index as dx_position,
    e.payload:period.start::timestamp_ntz as started_at,
    datediff('day', e.payload:period.start::date, e.payload:period."end"::date) as los_days,
    sha2(e."PatientId" || 'pepper', 256) as patient_hash
from EHR.RAW."Encounters" e,
     lateral flatten(input => e.payload:diagnoses) f
qualify row_number() over (partition by e."EncounterId" order by e.loaded_at desc) = 1

-- case: sf_unpivot_exclude_rename
-- relation: EHR.MART.VITALS_WIDE: PATIENT_ID, MEASURED_ON, HR, SBP, DBP, SSN
-- note: * EXCLUDE drops SSN in the derived table; UNPIVOT keeps the unlisted columns, adds VITAL (the listed column names: literals, no upstream) and READING (a copy of each listed column); the outer * RENAME renames PATIENT_ID.
-- edge: PID <- EHR.MART.VITALS_WIDE.PATIENT_ID copy
-- edge: MEASURED_ON <- EHR.MART.VITALS_WIDE.MEASURED_ON copy
-- edge: VITAL <- (none)
-- edge: READING <- EHR.MART.VITALS_WIDE.HR copy
-- edge: READING <- EHR.MART.VITALS_WIDE.SBP copy
-- edge: READING <- EHR.MART.VITALS_WIDE.DBP copy
select * rename (PATIENT_ID as PID)
from (
    select * exclude (SSN) from EHR.MART.VITALS_WIDE
) unpivot (READING for VITAL in (HR, SBP, DBP))

-- case: sf_incremental_exists_not_in_iff
-- relation: EHR.CORE.CLAIMS: CLAIM_ID, MEMBER_ID, SERVICE_DATE, PAID_AMOUNT, UPDATED_AT, DENIED_FLAG
-- relation: EHR.CORE.MEMBERS: MEMBER_ID, BIRTH_DATE, ZIP, PLAN_CODE
-- relation: EHR.MART.CLAIMS_ENRICHED: CLAIM_ID, MEMBER_ID, SERVICE_MONTH, AGE_AT_SERVICE, ZIP3, PAID_BAND, MEMBER_TOTAL_PAID, UPDATED_AT
-- note: the incremental filter max(UPDATED_AT) over the model's own table, the EXISTS and the NOT IN subqueries are in WHERE: upstream of nothing. IFF returns literals and tests PAID_AMOUNT (filter). The correlated scalar subquery sums PAID_AMOUNT (aggregated); its WHERE reaches nothing.
-- edge: CLAIM_ID <- EHR.CORE.CLAIMS.CLAIM_ID copy
-- edge: MEMBER_ID <- EHR.CORE.CLAIMS.MEMBER_ID copy
-- edge: SERVICE_MONTH <- EHR.CORE.CLAIMS.SERVICE_DATE generalized
-- edge: AGE_AT_SERVICE <- EHR.CORE.MEMBERS.BIRTH_DATE generalized
-- edge: AGE_AT_SERVICE <- EHR.CORE.CLAIMS.SERVICE_DATE generalized
-- edge: ZIP3 <- EHR.CORE.MEMBERS.ZIP generalized
-- edge: PAID_BAND <- EHR.CORE.CLAIMS.PAID_AMOUNT filter
-- edge: MEMBER_TOTAL_PAID <- EHR.CORE.CLAIMS.PAID_AMOUNT aggregated
-- edge: UPDATED_AT <- EHR.CORE.CLAIMS.UPDATED_AT copy
select
    c.CLAIM_ID,
    c.MEMBER_ID,
    date_trunc('month', c.SERVICE_DATE) as SERVICE_MONTH,
    datediff('year', m.BIRTH_DATE, c.SERVICE_DATE) as AGE_AT_SERVICE,
    left(m.ZIP, 3) as ZIP3,
    iff(c.PAID_AMOUNT > 1000, 'high', 'low') as PAID_BAND,
    (select sum(c2.PAID_AMOUNT) from EHR.CORE.CLAIMS c2 where c2.MEMBER_ID = c.MEMBER_ID) as MEMBER_TOTAL_PAID,
    c.UPDATED_AT
from EHR.CORE.CLAIMS c
join EHR.CORE.MEMBERS m on m.MEMBER_ID = c.MEMBER_ID
where c.UPDATED_AT > (select max(UPDATED_AT) from EHR.MART.CLAIMS_ENRICHED)
  and exists (select 1 from EHR.CORE.MEMBERS m2 where m2.MEMBER_ID = c.MEMBER_ID and m2.PLAN_CODE in ('A', 'B'))
  and c.MEMBER_ID not in (select MEMBER_ID from EHR.CORE.CLAIMS where DENIED_FLAG)

-- case: sf_star_except_not_snowflake
-- relation: EHR.MART.VITALS_WIDE: PATIENT_ID, MEASURED_ON, HR, SBP, DBP, SSN
-- note: `* EXCEPT (...)` is BigQuery/Databricks; Snowflake spells it `* EXCLUDE`, and `EXCEPT` after the select list starts a set operation whose operand `(SSN) from ...` is not a query: the SQL is not valid Snowflake.
-- unresolved: syntax error
select * except (SSN) from EHR.MART.VITALS_WIDE
