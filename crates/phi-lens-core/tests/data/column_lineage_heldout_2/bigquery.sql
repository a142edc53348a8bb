-- case: a7med_stg_sales
-- origin: ../shared/corpus/a7med-3laa227_dbt_bigquery_project-2.0.0-beta.46 model.sales_analytics.stg_sales (verbatim; raw_sales is a source with no catalog here: its columns assumed from the select list)
-- relation: sales-analytics-453721.sales_dataset.raw_sales: order_id, product_name, amount, country, order_date
-- note: the FROM names the project unquoted with dashes (BigQuery accepts `sales-analytics-453721.sales_dataset.raw_sales` without backticks). The CASE returns literals only: order_date is a filter edge of partition_group.
-- edge: order_id <- sales-analytics-453721.sales_dataset.raw_sales.order_id copy
-- edge: product_name <- sales-analytics-453721.sales_dataset.raw_sales.product_name copy
-- edge: amount <- sales-analytics-453721.sales_dataset.raw_sales.amount copy
-- edge: country <- sales-analytics-453721.sales_dataset.raw_sales.country copy
-- edge: order_date <- sales-analytics-453721.sales_dataset.raw_sales.order_date copy
-- edge: partition_group <- sales-analytics-453721.sales_dataset.raw_sales.order_date filter


SELECT
    order_id,
    product_name,
    amount,
    country,
    order_date,
    
    CASE 
        WHEN DATE(order_date) >= DATE_SUB(CURRENT_DATE(), INTERVAL 1 MONTH) THEN 'recent'
        ELSE 'historical'
    END AS partition_group
  -- Dynamic partitioning
FROM sales-analytics-453721.sales_dataset.raw_sales 

-- case: airbyte_bq_double_array_data
-- origin: github airbytehq/airbyte @ 47ed5366c3153fd086492e66c9e6c5e715016fbb airbyte-integrations/bases/base-normalization/integration_tests/normalization_test_output/bigquery/test_nested_streams/first_output/airbyte_incremental/test_normalization/nested_stream_with_complex_columns_resulting_into_long_names_partition_double_array_data.sql (dbt-bigquery compiled output committed as a test fixture; the `create or replace table ... as (` wrapper and its closing `);` dropped, the SELECT verbatim; the partition table's columns assumed from the partition model's outputs in the same fixtures)
-- relation: dataline-integration-testing.test_normalization.nested_stream_with_complex_columns_resulting_into_long_names_partition: _airbyte_nested_stream_with_complex_columns_resulting_into_long_names_hashid, double_array_data, DATA, _airbyte_ab_id, _airbyte_emitted_at, _airbyte_normalized_at, _airbyte_partition_hashid
-- note: `cross join unnest(double_array_data) as double_array_data` names the element like the array column; either way id is a JSON path on an element of double_array_data (derived). Three chained ephemeral CTEs; `tmp.*` expands ab2's five columns; the hash is to_hex(md5(concat(...))) of the partition hashid and id (hashed from both source columns). CURRENT_TIMESTAMP() has no upstream.
-- edge: _airbyte_partition_hashid <- dataline-integration-testing.test_normalization.nested_stream_with_complex_columns_resulting_into_long_names_partition._airbyte_partition_hashid copy
-- edge: id <- dataline-integration-testing.test_normalization.nested_stream_with_complex_columns_resulting_into_long_names_partition.double_array_data derived
-- edge: _airbyte_ab_id <- dataline-integration-testing.test_normalization.nested_stream_with_complex_columns_resulting_into_long_names_partition._airbyte_ab_id copy
-- edge: _airbyte_emitted_at <- dataline-integration-testing.test_normalization.nested_stream_with_complex_columns_resulting_into_long_names_partition._airbyte_emitted_at copy
-- edge: _airbyte_normalized_at <- (none)
-- edge: _airbyte_double_array_data_hashid <- dataline-integration-testing.test_normalization.nested_stream_with_complex_columns_resulting_into_long_names_partition._airbyte_partition_hashid hashed
-- edge: _airbyte_double_array_data_hashid <- dataline-integration-testing.test_normalization.nested_stream_with_complex_columns_resulting_into_long_names_partition.double_array_data hashed
with __dbt__cte__nested_stream_with_complex_columns_resulting_into_long_names_partition_double_array_data_ab1 as (

-- SQL model to parse JSON blob stored in a single column and extract into separated field columns as described by the JSON Schema
-- depends_on: `dataline-integration-testing`.test_normalization.`nested_stream_with_complex_columns_resulting_into_long_names_partition`

select
    _airbyte_partition_hashid,
    json_extract_scalar(double_array_data, "$['id']") as id,
    _airbyte_ab_id,
    _airbyte_emitted_at,
    CURRENT_TIMESTAMP() as _airbyte_normalized_at
from `dataline-integration-testing`.test_normalization.`nested_stream_with_complex_columns_resulting_into_long_names_partition` as table_alias
-- double_array_data at nested_stream_with_complex_columns_resulting_into_long_names/partition/double_array_data
cross join unnest(double_array_data) as double_array_data
where 1 = 1
and double_array_data is not null

),  __dbt__cte__nested_stream_with_complex_columns_resulting_into_long_names_partition_double_array_data_ab2 as (

-- SQL model to cast each column to its adequate SQL type converted from the JSON schema type
-- depends_on: __dbt__cte__nested_stream_with_complex_columns_resulting_into_long_names_partition_double_array_data_ab1
select
    _airbyte_partition_hashid,
    cast(id as 
    string
) as id,
    _airbyte_ab_id,
    _airbyte_emitted_at,
    CURRENT_TIMESTAMP() as _airbyte_normalized_at
from __dbt__cte__nested_stream_with_complex_columns_resulting_into_long_names_partition_double_array_data_ab1
-- double_array_data at nested_stream_with_complex_columns_resulting_into_long_names/partition/double_array_data
where 1 = 1

),  __dbt__cte__nested_stream_with_complex_columns_resulting_into_long_names_partition_double_array_data_ab3 as (

-- SQL model to build a hash column based on the values of this record
-- depends_on: __dbt__cte__nested_stream_with_complex_columns_resulting_into_long_names_partition_double_array_data_ab2
select
    to_hex(md5(cast(concat(coalesce(cast(_airbyte_partition_hashid as 
    string
), ''), '-', coalesce(cast(id as 
    string
), '')) as 
    string
))) as _airbyte_double_array_data_hashid,
    tmp.*
from __dbt__cte__nested_stream_with_complex_columns_resulting_into_long_names_partition_double_array_data_ab2 tmp
-- double_array_data at nested_stream_with_complex_columns_resulting_into_long_names/partition/double_array_data
where 1 = 1

)-- Final base SQL model
-- depends_on: __dbt__cte__nested_stream_with_complex_columns_resulting_into_long_names_partition_double_array_data_ab3
select
    _airbyte_partition_hashid,
    id,
    _airbyte_ab_id,
    _airbyte_emitted_at,
    CURRENT_TIMESTAMP() as _airbyte_normalized_at,
    _airbyte_double_array_data_hashid
from __dbt__cte__nested_stream_with_complex_columns_resulting_into_long_names_partition_double_array_data_ab3
-- double_array_data at nested_stream_with_complex_columns_resulting_into_long_names/partition/double_array_data from `dataline-integration-testing`.test_normalization.`nested_stream_with_complex_columns_resulting_into_long_names_partition`
where 1 = 1


-- case: airbyte_bq_dedup_exchange_rate_scd
-- origin: github airbytehq/airbyte @ 05c560c0a60a8898f0e335f8f8eb13928a459bf7 airbyte-integrations/bases/base-normalization/integration_tests/normalization_test_output/bigquery/test_simple_streams/first_output/airbyte_incremental/scd/test_normalization/dedup_exchange_rate_scd.sql (dbt-bigquery compiled output committed as a test fixture; the `create or replace table ... as (` wrapper and its closing `);` dropped, the SELECT verbatim; the stg view's columns assumed from its select list)
-- relation: dataline-integration-testing._airbyte_test_normalization.dedup_exchange_rate_stg: _airbyte_dedup_exchange_rate_hashid, id, currency, date, timestamp_col, HKD_special___characters, HKD_special___characters_1, NZD, USD, _airbyte_ab_id, _airbyte_emitted_at, _airbyte_normalized_at
-- note: a Type-2 SCD: _airbyte_unique_key hashes id, currency, NZD; _airbyte_unique_key_scd hashes that key, _airbyte_start_at (= date) and _airbyte_emitted_at, so all five are hashed edges. lag(date) copies date (also its ORDER BY: a value wins) with id, currency, NZD (PARTITION BY) and _airbyte_emitted_at (ORDER BY) as filters. _airbyte_active_row is a CASE over a row_number returning 1/0: filter edges only. `scd_data.*` then an explicit list; the dedup row_number is used only in WHERE. BigQuery names are case-insensitive (NZD).
-- edge: _airbyte_unique_key <- dataline-integration-testing._airbyte_test_normalization.dedup_exchange_rate_stg.id hashed
-- edge: _airbyte_unique_key <- dataline-integration-testing._airbyte_test_normalization.dedup_exchange_rate_stg.currency hashed
-- edge: _airbyte_unique_key <- dataline-integration-testing._airbyte_test_normalization.dedup_exchange_rate_stg.NZD hashed
-- edge: _airbyte_unique_key_scd <- dataline-integration-testing._airbyte_test_normalization.dedup_exchange_rate_stg.id hashed
-- edge: _airbyte_unique_key_scd <- dataline-integration-testing._airbyte_test_normalization.dedup_exchange_rate_stg.currency hashed
-- edge: _airbyte_unique_key_scd <- dataline-integration-testing._airbyte_test_normalization.dedup_exchange_rate_stg.NZD hashed
-- edge: _airbyte_unique_key_scd <- dataline-integration-testing._airbyte_test_normalization.dedup_exchange_rate_stg.date hashed
-- edge: _airbyte_unique_key_scd <- dataline-integration-testing._airbyte_test_normalization.dedup_exchange_rate_stg._airbyte_emitted_at hashed
-- edge: id <- dataline-integration-testing._airbyte_test_normalization.dedup_exchange_rate_stg.id copy
-- edge: currency <- dataline-integration-testing._airbyte_test_normalization.dedup_exchange_rate_stg.currency copy
-- edge: date <- dataline-integration-testing._airbyte_test_normalization.dedup_exchange_rate_stg.date copy
-- edge: timestamp_col <- dataline-integration-testing._airbyte_test_normalization.dedup_exchange_rate_stg.timestamp_col copy
-- edge: HKD_special___characters <- dataline-integration-testing._airbyte_test_normalization.dedup_exchange_rate_stg.HKD_special___characters copy
-- edge: HKD_special___characters_1 <- dataline-integration-testing._airbyte_test_normalization.dedup_exchange_rate_stg.HKD_special___characters_1 copy
-- edge: NZD <- dataline-integration-testing._airbyte_test_normalization.dedup_exchange_rate_stg.NZD copy
-- edge: USD <- dataline-integration-testing._airbyte_test_normalization.dedup_exchange_rate_stg.USD copy
-- edge: _airbyte_start_at <- dataline-integration-testing._airbyte_test_normalization.dedup_exchange_rate_stg.date copy
-- edge: _airbyte_end_at <- dataline-integration-testing._airbyte_test_normalization.dedup_exchange_rate_stg.date copy
-- edge: _airbyte_end_at <- dataline-integration-testing._airbyte_test_normalization.dedup_exchange_rate_stg.id filter
-- edge: _airbyte_end_at <- dataline-integration-testing._airbyte_test_normalization.dedup_exchange_rate_stg.currency filter
-- edge: _airbyte_end_at <- dataline-integration-testing._airbyte_test_normalization.dedup_exchange_rate_stg.NZD filter
-- edge: _airbyte_end_at <- dataline-integration-testing._airbyte_test_normalization.dedup_exchange_rate_stg._airbyte_emitted_at filter
-- edge: _airbyte_active_row <- dataline-integration-testing._airbyte_test_normalization.dedup_exchange_rate_stg.id filter
-- edge: _airbyte_active_row <- dataline-integration-testing._airbyte_test_normalization.dedup_exchange_rate_stg.currency filter
-- edge: _airbyte_active_row <- dataline-integration-testing._airbyte_test_normalization.dedup_exchange_rate_stg.NZD filter
-- edge: _airbyte_active_row <- dataline-integration-testing._airbyte_test_normalization.dedup_exchange_rate_stg.date filter
-- edge: _airbyte_active_row <- dataline-integration-testing._airbyte_test_normalization.dedup_exchange_rate_stg._airbyte_emitted_at filter
-- edge: _airbyte_ab_id <- dataline-integration-testing._airbyte_test_normalization.dedup_exchange_rate_stg._airbyte_ab_id copy
-- edge: _airbyte_emitted_at <- dataline-integration-testing._airbyte_test_normalization.dedup_exchange_rate_stg._airbyte_emitted_at copy
-- edge: _airbyte_normalized_at <- (none)
-- edge: _airbyte_dedup_exchange_rate_hashid <- dataline-integration-testing._airbyte_test_normalization.dedup_exchange_rate_stg._airbyte_dedup_exchange_rate_hashid copy
-- depends on: ref('dedup_exchange_rate_stg')
with

input_data as (
    select *
    from `dataline-integration-testing`._airbyte_test_normalization.`dedup_exchange_rate_stg`
    -- dedup_exchange_rate from `dataline-integration-testing`.test_normalization._airbyte_raw_dedup_exchange_rate
),

scd_data as (
    -- SQL model to build a Type 2 Slowly Changing Dimension (SCD) table for each record identified by their primary key
    select
      to_hex(md5(cast(concat(coalesce(cast(id as 
    string
), ''), '-', coalesce(cast(currency as 
    string
), ''), '-', coalesce(cast(NZD as 
    string
), '')) as 
    string
))) as _airbyte_unique_key,
      id,
      currency,
      date,
      timestamp_col,
      HKD_special___characters,
      HKD_special___characters_1,
      NZD,
      USD,
      date as _airbyte_start_at,
      lag(date) over (
        partition by id, currency, cast(NZD as 
    string
)
        order by
            date is null asc,
            date desc,
            _airbyte_emitted_at desc
      ) as _airbyte_end_at,
      case when row_number() over (
        partition by id, currency, cast(NZD as 
    string
)
        order by
            date is null asc,
            date desc,
            _airbyte_emitted_at desc
      ) = 1 then 1 else 0 end as _airbyte_active_row,
      _airbyte_ab_id,
      _airbyte_emitted_at,
      _airbyte_dedup_exchange_rate_hashid
    from input_data
),
dedup_data as (
    select
        -- we need to ensure de-duplicated rows for merge/update queries
        -- additionally, we generate a unique key for the scd table
        row_number() over (
            partition by
                _airbyte_unique_key,
                _airbyte_start_at,
                _airbyte_emitted_at
            order by _airbyte_active_row desc, _airbyte_ab_id
        ) as _airbyte_row_num,
        to_hex(md5(cast(concat(coalesce(cast(_airbyte_unique_key as 
    string
), ''), '-', coalesce(cast(_airbyte_start_at as 
    string
), ''), '-', coalesce(cast(_airbyte_emitted_at as 
    string
), '')) as 
    string
))) as _airbyte_unique_key_scd,
        scd_data.*
    from scd_data
)
select
    _airbyte_unique_key,
    _airbyte_unique_key_scd,
    id,
    currency,
    date,
    timestamp_col,
    HKD_special___characters,
    HKD_special___characters_1,
    NZD,
    USD,
    _airbyte_start_at,
    _airbyte_end_at,
    _airbyte_active_row,
    _airbyte_ab_id,
    _airbyte_emitted_at,
    CURRENT_TIMESTAMP() as _airbyte_normalized_at,
    _airbyte_dedup_exchange_rate_hashid
from dedup_data where _airbyte_row_num = 1

-- case: bq_unnest_scalar_subqueries
-- relation: proj.ehr.patients: patient_id, mrn, birth_date, zip, diagnoses
-- note: diagnoses is an ARRAY<STRUCT<code STRING, ...>>. count(1) over an UNNEST in a scalar subquery reads no column (its WHERE on d.code is upstream of nothing); string_agg of the elements' code aggregates diagnoses; ARRAY_LENGTH counts elements (generalized); EXTRACT(YEAR) generalized; TO_HEX(SHA1()) hashed; SAFE_CAST is a cast (copy).
-- edge: patient_id <- proj.ehr.patients.patient_id copy
-- edge: diabetes_codes <- (none)
-- edge: all_codes <- proj.ehr.patients.diagnoses aggregated
-- edge: n_dx <- proj.ehr.patients.diagnoses generalized
-- edge: birth_year <- proj.ehr.patients.birth_date generalized
-- edge: mrn_hash <- proj.ehr.patients.mrn hashed
-- edge: zip_num <- proj.ehr.patients.zip copy
select
  p.patient_id,
  (select count(1) from unnest(p.diagnoses) d where d.code like 'E11%') as diabetes_codes,
  (select string_agg(d.code, ',') from unnest(p.diagnoses) d) as all_codes,
  array_length(p.diagnoses) as n_dx,
  extract(year from p.birth_date) as birth_year,
  to_hex(sha1(p.mrn)) as mrn_hash,
  safe_cast(p.zip as int64) as zip_num
from `proj.ehr.patients` p

-- case: bq_union_distinct_except_replace
-- relation: proj.ehr.patients_2023: patient_id, ssn, birth_date, zip
-- relation: proj.ehr.patients_2024: patient_id, ssn, birth_date, zip
-- note: each branch drops ssn and replaces birth_date with FORMAT_DATE('%Y', ...) (a conversion: derived); UNION DISTINCT matches by position; DISTINCT does not aggregate.
-- edge: patient_id <- proj.ehr.patients_2023.patient_id copy
-- edge: patient_id <- proj.ehr.patients_2024.patient_id copy
-- edge: birth_date <- proj.ehr.patients_2023.birth_date derived
-- edge: birth_date <- proj.ehr.patients_2024.birth_date derived
-- edge: zip <- proj.ehr.patients_2023.zip copy
-- edge: zip <- proj.ehr.patients_2024.zip copy
select * except (ssn) replace (format_date('%Y', birth_date) as birth_date)
from `proj.ehr.patients_2023`
union distinct
select * except (ssn) replace (format_date('%Y', birth_date) as birth_date)
from `proj.ehr.patients_2024`

-- case: bq_except_over_unknown_columns
-- relation: proj.ehr.raw_events: ?
-- note: `* EXCEPT` needs the relation's columns, which no catalog gives.
-- unresolved: missing catalog
select * except (payload) from `proj.ehr.raw_events`

-- case: bq_jinja_config_block
-- relation: proj.ehr.patients: patient_id, mrn, birth_date, zip, diagnoses
-- note: a dbt config() call left at the top of the model: not compiled SQL.
-- unresolved: jinja
{{ config(materialized='view') }}
select patient_id, zip from `proj.ehr.patients`
