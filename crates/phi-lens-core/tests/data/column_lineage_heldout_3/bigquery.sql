-- case: airbyte_bq_dedup_cdc_excluded_scd
-- origin: github airbytehq/airbyte @ f199c2226705ed8d795f8bd22a78047fa13121c7 airbyte-integrations/bases/base-normalization/integration_tests/normalization_test_output/bigquery/test_simple_streams/first_output/airbyte_incremental/scd/test_normalization/dedup_cdc_excluded_scd.sql (dbt-bigquery compiled output committed as a test fixture; the `create or replace table ... as (` wrapper and its closing `);` dropped, the SELECT verbatim; the ab3 view's columns assumed from the ab3 pattern: its hash, then ab2's columns)
-- relation: dataline-integration-testing._airbyte_test_normalization.dedup_cdc_excluded_ab3: _airbyte_dedup_cdc_excluded_hashid, id, name, _ab_cdc_lsn, _ab_cdc_updated_at, _ab_cdc_deleted_at, _airbyte_ab_id, _airbyte_emitted_at, _airbyte_normalized_at
-- note: a CDC Type-2 SCD: _airbyte_unique_key hashes id; _airbyte_unique_key_scd hashes that key, _airbyte_start_at (= _airbyte_emitted_at), _airbyte_emitted_at, _ab_cdc_deleted_at and _ab_cdc_updated_at. lag(_airbyte_emitted_at) copies it (also its ORDER BY: a value wins) with id (PARTITION BY) and _ab_cdc_updated_at (ORDER BY) as filters. _airbyte_active_row is a CASE returning 1/0 that tests that lag and _ab_cdc_deleted_at: filter edges only. `scd_data.*` after a row_number used only in WHERE.
-- edge: _airbyte_unique_key <- dataline-integration-testing._airbyte_test_normalization.dedup_cdc_excluded_ab3.id hashed
-- edge: _airbyte_unique_key_scd <- dataline-integration-testing._airbyte_test_normalization.dedup_cdc_excluded_ab3.id hashed
-- edge: _airbyte_unique_key_scd <- dataline-integration-testing._airbyte_test_normalization.dedup_cdc_excluded_ab3._airbyte_emitted_at hashed
-- edge: _airbyte_unique_key_scd <- dataline-integration-testing._airbyte_test_normalization.dedup_cdc_excluded_ab3._ab_cdc_deleted_at hashed
-- edge: _airbyte_unique_key_scd <- dataline-integration-testing._airbyte_test_normalization.dedup_cdc_excluded_ab3._ab_cdc_updated_at hashed
-- edge: id <- dataline-integration-testing._airbyte_test_normalization.dedup_cdc_excluded_ab3.id copy
-- edge: name <- dataline-integration-testing._airbyte_test_normalization.dedup_cdc_excluded_ab3.name copy
-- edge: _ab_cdc_lsn <- dataline-integration-testing._airbyte_test_normalization.dedup_cdc_excluded_ab3._ab_cdc_lsn copy
-- edge: _ab_cdc_updated_at <- dataline-integration-testing._airbyte_test_normalization.dedup_cdc_excluded_ab3._ab_cdc_updated_at copy
-- edge: _ab_cdc_deleted_at <- dataline-integration-testing._airbyte_test_normalization.dedup_cdc_excluded_ab3._ab_cdc_deleted_at copy
-- edge: _airbyte_start_at <- dataline-integration-testing._airbyte_test_normalization.dedup_cdc_excluded_ab3._airbyte_emitted_at copy
-- edge: _airbyte_end_at <- dataline-integration-testing._airbyte_test_normalization.dedup_cdc_excluded_ab3._airbyte_emitted_at copy
-- edge: _airbyte_end_at <- dataline-integration-testing._airbyte_test_normalization.dedup_cdc_excluded_ab3.id filter
-- edge: _airbyte_end_at <- dataline-integration-testing._airbyte_test_normalization.dedup_cdc_excluded_ab3._ab_cdc_updated_at filter
-- edge: _airbyte_active_row <- dataline-integration-testing._airbyte_test_normalization.dedup_cdc_excluded_ab3._airbyte_emitted_at filter
-- edge: _airbyte_active_row <- dataline-integration-testing._airbyte_test_normalization.dedup_cdc_excluded_ab3.id filter
-- edge: _airbyte_active_row <- dataline-integration-testing._airbyte_test_normalization.dedup_cdc_excluded_ab3._ab_cdc_updated_at filter
-- edge: _airbyte_active_row <- dataline-integration-testing._airbyte_test_normalization.dedup_cdc_excluded_ab3._ab_cdc_deleted_at filter
-- edge: _airbyte_ab_id <- dataline-integration-testing._airbyte_test_normalization.dedup_cdc_excluded_ab3._airbyte_ab_id copy
-- edge: _airbyte_emitted_at <- dataline-integration-testing._airbyte_test_normalization.dedup_cdc_excluded_ab3._airbyte_emitted_at copy
-- edge: _airbyte_normalized_at <- (none)
-- edge: _airbyte_dedup_cdc_excluded_hashid <- dataline-integration-testing._airbyte_test_normalization.dedup_cdc_excluded_ab3._airbyte_dedup_cdc_excluded_hashid copy
with

input_data as (
    select *
    from `dataline-integration-testing`._airbyte_test_normalization.`dedup_cdc_excluded_ab3`
    -- dedup_cdc_excluded from `dataline-integration-testing`.test_normalization._airbyte_raw_dedup_cdc_excluded
),

scd_data as (
    -- SQL model to build a Type 2 Slowly Changing Dimension (SCD) table for each record identified by their primary key
    select
      to_hex(md5(cast(concat(coalesce(cast(id as 
    string
), '')) as 
    string
))) as _airbyte_unique_key,
        id,
        name,
        _ab_cdc_lsn,
        _ab_cdc_updated_at,
        _ab_cdc_deleted_at,
      _airbyte_emitted_at as _airbyte_start_at,
      lag(_airbyte_emitted_at) over (
        partition by id
        order by
            _airbyte_emitted_at is null asc,
            _airbyte_emitted_at desc,
            _airbyte_emitted_at desc, _ab_cdc_updated_at desc
      ) as _airbyte_end_at,
      case when lag(_airbyte_emitted_at) over (
        partition by id
        order by
            _airbyte_emitted_at is null asc,
            _airbyte_emitted_at desc,
            _airbyte_emitted_at desc, _ab_cdc_updated_at desc
      ) is null and _ab_cdc_deleted_at is null  then 1 else 0 end as _airbyte_active_row,
      _airbyte_ab_id,
      _airbyte_emitted_at,
      _airbyte_dedup_cdc_excluded_hashid
    from input_data
),
dedup_data as (
    select
        -- we need to ensure de-duplicated rows for merge/update queries
        -- additionally, we generate a unique key for the scd table
        row_number() over (
            partition by _airbyte_unique_key, _airbyte_start_at, _airbyte_emitted_at, cast(_ab_cdc_deleted_at as 
    string
), cast(_ab_cdc_updated_at as 
    string
)
            order by _airbyte_ab_id
        ) as _airbyte_row_num,
        to_hex(md5(cast(concat(coalesce(cast(_airbyte_unique_key as 
    string
), ''), '-', coalesce(cast(_airbyte_start_at as 
    string
), ''), '-', coalesce(cast(_airbyte_emitted_at as 
    string
), ''), '-', coalesce(cast(_ab_cdc_deleted_at as 
    string
), ''), '-', coalesce(cast(_ab_cdc_updated_at as 
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
        name,
        _ab_cdc_lsn,
        _ab_cdc_updated_at,
        _ab_cdc_deleted_at,
    _airbyte_start_at,
    _airbyte_end_at,
    _airbyte_active_row,
    _airbyte_ab_id,
    _airbyte_emitted_at,
    CURRENT_TIMESTAMP() as _airbyte_normalized_at,
    _airbyte_dedup_cdc_excluded_hashid
from dedup_data where _airbyte_row_num = 1

-- case: airbyte_bq_partition_DATA_unnest_shadow
-- origin: github airbytehq/airbyte @ 0e17eada01b8ffac212e8fdb088449e9a3e1c98d airbyte-integrations/bases/base-normalization/integration_tests/normalization_test_output/bigquery/test_nested_streams/first_output/airbyte_incremental/test_normalization/nested_stream_with_complex_columns_resulting_into_long_names_partition_DATA.sql (dbt-bigquery compiled output committed as a test fixture; wrapper dropped, the SELECT verbatim; the partition table's columns assumed from the partition model's outputs in the same fixtures)
-- relation: dataline-integration-testing.test_normalization.nested_stream_with_complex_columns_resulting_into_long_names_partition: _airbyte_nested_stream_with_complex_columns_resulting_into_long_names_hashid, double_array_data, DATA, _airbyte_ab_id, _airbyte_emitted_at, _airbyte_normalized_at, _airbyte_partition_hashid
-- note: `cross join unnest(DATA) as DATA` names the element like the array column; json_extract_scalar(DATA, ...) reads the element either way (derived from DATA). The hash is to_hex(md5(concat(...))) of the partition hashid and currency: hashed from both source columns. The output _airbyte_DATA_hashid keeps its mixed case (names compare case-insensitively).
-- edge: _airbyte_partition_hashid <- dataline-integration-testing.test_normalization.nested_stream_with_complex_columns_resulting_into_long_names_partition._airbyte_partition_hashid copy
-- edge: currency <- dataline-integration-testing.test_normalization.nested_stream_with_complex_columns_resulting_into_long_names_partition.DATA derived
-- edge: _airbyte_ab_id <- dataline-integration-testing.test_normalization.nested_stream_with_complex_columns_resulting_into_long_names_partition._airbyte_ab_id copy
-- edge: _airbyte_emitted_at <- dataline-integration-testing.test_normalization.nested_stream_with_complex_columns_resulting_into_long_names_partition._airbyte_emitted_at copy
-- edge: _airbyte_normalized_at <- (none)
-- edge: _airbyte_DATA_hashid <- dataline-integration-testing.test_normalization.nested_stream_with_complex_columns_resulting_into_long_names_partition._airbyte_partition_hashid hashed
-- edge: _airbyte_DATA_hashid <- dataline-integration-testing.test_normalization.nested_stream_with_complex_columns_resulting_into_long_names_partition.DATA hashed
with __dbt__cte__nested_stream_with_complex_columns_resulting_into_long_names_partition_DATA_ab1 as (

-- SQL model to parse JSON blob stored in a single column and extract into separated field columns as described by the JSON Schema
-- depends_on: `dataline-integration-testing`.test_normalization.`nested_stream_with_complex_columns_resulting_into_long_names_partition`

select
    _airbyte_partition_hashid,
    json_extract_scalar(DATA, "$['currency']") as currency,
    _airbyte_ab_id,
    _airbyte_emitted_at,
    CURRENT_TIMESTAMP() as _airbyte_normalized_at
from `dataline-integration-testing`.test_normalization.`nested_stream_with_complex_columns_resulting_into_long_names_partition` as table_alias
-- DATA at nested_stream_with_complex_columns_resulting_into_long_names/partition/DATA
cross join unnest(DATA) as DATA
where 1 = 1
and DATA is not null

),  __dbt__cte__nested_stream_with_complex_columns_resulting_into_long_names_partition_DATA_ab2 as (

-- SQL model to cast each column to its adequate SQL type converted from the JSON schema type
-- depends_on: __dbt__cte__nested_stream_with_complex_columns_resulting_into_long_names_partition_DATA_ab1
select
    _airbyte_partition_hashid,
    cast(currency as 
    string
) as currency,
    _airbyte_ab_id,
    _airbyte_emitted_at,
    CURRENT_TIMESTAMP() as _airbyte_normalized_at
from __dbt__cte__nested_stream_with_complex_columns_resulting_into_long_names_partition_DATA_ab1
-- DATA at nested_stream_with_complex_columns_resulting_into_long_names/partition/DATA
where 1 = 1

),  __dbt__cte__nested_stream_with_complex_columns_resulting_into_long_names_partition_DATA_ab3 as (

-- SQL model to build a hash column based on the values of this record
-- depends_on: __dbt__cte__nested_stream_with_complex_columns_resulting_into_long_names_partition_DATA_ab2
select
    to_hex(md5(cast(concat(coalesce(cast(_airbyte_partition_hashid as 
    string
), ''), '-', coalesce(cast(currency as 
    string
), '')) as 
    string
))) as _airbyte_DATA_hashid,
    tmp.*
from __dbt__cte__nested_stream_with_complex_columns_resulting_into_long_names_partition_DATA_ab2 tmp
-- DATA at nested_stream_with_complex_columns_resulting_into_long_names/partition/DATA
where 1 = 1

)-- Final base SQL model
-- depends_on: __dbt__cte__nested_stream_with_complex_columns_resulting_into_long_names_partition_DATA_ab3
select
    _airbyte_partition_hashid,
    currency,
    _airbyte_ab_id,
    _airbyte_emitted_at,
    CURRENT_TIMESTAMP() as _airbyte_normalized_at,
    _airbyte_DATA_hashid
from __dbt__cte__nested_stream_with_complex_columns_resulting_into_long_names_partition_DATA_ab3
-- DATA at nested_stream_with_complex_columns_resulting_into_long_names/partition/DATA from `dataline-integration-testing`.test_normalization.`nested_stream_with_complex_columns_resulting_into_long_names_partition`
where 1 = 1

-- case: fhir_table_list_information_schema
-- origin: github mark-velez/fhir-dbt-analytics @ 9f4ec9146c728e46dd8a2c49fc4e6fb31b55a5ae compiled/fhir_dbt_analytics/models/metadata/fhir_table_list.sql (compiled, verbatim; the INFORMATION_SCHEMA.TABLES columns from BigQuery's documentation)
-- relation: aou-datawarehouse-sandbox.ppi_001.INFORMATION_SCHEMA.TABLES: table_catalog, table_schema, table_name, table_type, is_insertable_into, is_typed, creation_time, base_table_catalog, base_table_schema, base_table_name, snapshot_time_ms, ddl, default_collation_name
-- note: a four-part name: a backquoted project with dashes, a dataset, then INFORMATION_SCHEMA.TABLES. CONCAT of three columns is derived; table_name feeds two outputs; NULL and 1 have no upstream.
-- edge: bq_project <- aou-datawarehouse-sandbox.ppi_001.INFORMATION_SCHEMA.TABLES.table_catalog copy
-- edge: bq_dataset <- aou-datawarehouse-sandbox.ppi_001.INFORMATION_SCHEMA.TABLES.table_schema copy
-- edge: bq_table <- aou-datawarehouse-sandbox.ppi_001.INFORMATION_SCHEMA.TABLES.table_name copy
-- edge: fully_qualified_bq_table <- aou-datawarehouse-sandbox.ppi_001.INFORMATION_SCHEMA.TABLES.table_catalog derived
-- edge: fully_qualified_bq_table <- aou-datawarehouse-sandbox.ppi_001.INFORMATION_SCHEMA.TABLES.table_schema derived
-- edge: fully_qualified_bq_table <- aou-datawarehouse-sandbox.ppi_001.INFORMATION_SCHEMA.TABLES.table_name derived
-- edge: fhir_resource <- aou-datawarehouse-sandbox.ppi_001.INFORMATION_SCHEMA.TABLES.table_name copy
-- edge: map_name <- (none)
-- edge: latest_version <- (none)
-- edge: creation_time <- aou-datawarehouse-sandbox.ppi_001.INFORMATION_SCHEMA.TABLES.creation_time copy
SELECT
  table_catalog as bq_project,
  table_schema as bq_dataset,
  table_name as bq_table,
  CONCAT('`', table_catalog, '`.`', table_schema, '`.`', table_name, '`') AS fully_qualified_bq_table,
  table_name AS fhir_resource,
  NULL AS map_name,
  1 AS latest_version,
  creation_time
FROM `aou-datawarehouse-sandbox`.`ppi_001`.INFORMATION_SCHEMA.TABLES

-- case: fhir_unioned_thresholds_parenthesized
-- origin: github mark-velez/fhir-dbt-analytics @ 9f4ec9146c728e46dd8a2c49fc4e6fb31b55a5ae compiled/fhir_dbt_analytics/models/metadata/unioned_thresholds.sql (compiled dbt_utils.union_relations over one relation, verbatim; the thresholds seed's columns assumed from the select list)
-- relation: aou-datawarehouse-sandbox.mv2451_ppi_001.thresholds: metric_name, threshold_low, threshold_high, time_grain, dimension, validation_feature, severity
-- note: the whole query is one parenthesized SELECT (a one-relation union_relations); backquoted column names; casts are copies; the source-name string literal has no upstream.
-- edge: thresholds_source <- (none)
-- edge: metric_name <- aou-datawarehouse-sandbox.mv2451_ppi_001.thresholds.metric_name copy
-- edge: threshold_low <- aou-datawarehouse-sandbox.mv2451_ppi_001.thresholds.threshold_low copy
-- edge: threshold_high <- aou-datawarehouse-sandbox.mv2451_ppi_001.thresholds.threshold_high copy
-- edge: time_grain <- aou-datawarehouse-sandbox.mv2451_ppi_001.thresholds.time_grain copy
-- edge: dimension <- aou-datawarehouse-sandbox.mv2451_ppi_001.thresholds.dimension copy
-- edge: validation_feature <- aou-datawarehouse-sandbox.mv2451_ppi_001.thresholds.validation_feature copy
-- edge: severity <- aou-datawarehouse-sandbox.mv2451_ppi_001.thresholds.severity copy
        (
            select
                cast('`aou-datawarehouse-sandbox`.`mv2451_ppi_001`.`thresholds`' as STRING) as thresholds_source,

                
                    cast(`metric_name` as STRING) as `metric_name` ,
                    cast(`threshold_low` as FLOAT64) as `threshold_low` ,
                    cast(`threshold_high` as FLOAT64) as `threshold_high` ,
                    cast(`time_grain` as STRING) as `time_grain` ,
                    cast(`dimension` as STRING) as `dimension` ,
                    cast(`validation_feature` as STRING) as `validation_feature` ,
                    cast(`severity` as STRING) as `severity` 

            from `aou-datawarehouse-sandbox`.`mv2451_ppi_001`.`thresholds`

            
        )

-- case: bq_struct_array_offset_subquery
-- relation: proj.ehr.encounters: encounter_id, patient, diagnoses, admitted_at, discharged_at
-- note: patient is a STRUCT<id, zip, dob>, diagnoses an ARRAY<STRUCT<code, rank>>; the table name is one backquoted dotted path. Struct fields are derived from the top-level column; substr generalized; date_diff/timestamp_diff generalized for both dates; the unnested element d.code derived; WITH OFFSET has no upstream; count(*) over an UNNEST in a scalar subquery reads no column; farm_fingerprint hashes.
-- edge: encounter_id <- proj.ehr.encounters.encounter_id copy
-- edge: patient_id <- proj.ehr.encounters.patient derived
-- edge: zip3 <- proj.ehr.encounters.patient generalized
-- edge: age_at_admit <- proj.ehr.encounters.admitted_at generalized
-- edge: age_at_admit <- proj.ehr.encounters.patient generalized
-- edge: dx_code <- proj.ehr.encounters.diagnoses derived
-- edge: dx_offset <- (none)
-- edge: los_hours <- proj.ehr.encounters.discharged_at generalized
-- edge: los_hours <- proj.ehr.encounters.admitted_at generalized
-- edge: n_primary <- (none)
-- edge: patient_fp <- proj.ehr.encounters.patient hashed
select
  e.encounter_id,
  e.patient.id as patient_id,
  substr(e.patient.zip, 1, 3) as zip3,
  date_diff(date(e.admitted_at), e.patient.dob, year) as age_at_admit,
  d.code as dx_code,
  off as dx_offset,
  timestamp_diff(e.discharged_at, e.admitted_at, hour) as los_hours,
  (select count(*) from unnest(e.diagnoses) x where x.rank = 1) as n_primary,
  farm_fingerprint(e.patient.id) as patient_fp
from `proj.ehr.encounters` e
cross join unnest(e.diagnoses) as d with offset as off
where d.rank <= 5

-- case: bq_intersect_except_group_ordinal
-- relation: proj.ehr.claims: claim_id, member_id, service_date, paid, payer
-- relation: proj.ehr.active_members: member_id, plan
-- relation: proj.ehr.opt_outs: member_id, opted_out_at
-- note: (claims INTERSECT DISTINCT active_members) EXCEPT DISTINCT opt_outs: only the leftmost branch feeds member_id; the right sides only remove rows. e.member_id is qualified (the eligible side of the USING join). FORMAT_DATE is a conversion (derived); COUNTIF aggregates its predicate's column; an element of APPROX_QUANTILES is aggregated. GROUP BY 1, 2 and HAVING reach nothing.
-- edge: service_ym <- proj.ehr.claims.service_date derived
-- edge: member_id <- proj.ehr.claims.member_id copy
-- edge: medicare_claims <- proj.ehr.claims.payer aggregated
-- edge: total_paid <- proj.ehr.claims.paid aggregated
-- edge: median_paid <- proj.ehr.claims.paid aggregated
with eligible as (
  (
    select member_id from proj.ehr.claims
    intersect distinct
    select member_id from proj.ehr.active_members
  )
  except distinct
  select member_id from proj.ehr.opt_outs
)
select
  format_date('%Y-%m', c.service_date) as service_ym,
  e.member_id,
  countif(c.payer = 'medicare') as medicare_claims,
  sum(c.paid) as total_paid,
  approx_quantiles(c.paid, 4)[offset(2)] as median_paid
from eligible e
join proj.ehr.claims c using (member_id)
group by 1, 2
having sum(c.paid) > 0

-- case: bq_unknown_column_in_join
-- relation: proj.ehr.claims: claim_id, member_id, service_date, paid, payer
-- relation: proj.ehr.opt_outs: member_id, opted_out_at
-- note: c.plan is not a column of claims (plan lives in active_members, which the query does not read).
-- unresolved: unknown column
select e.member_id, c.plan
from proj.ehr.opt_outs e
join proj.ehr.claims c on c.member_id = e.member_id

-- case: bq_postgres_cast_syntax
-- relation: proj.ehr.opt_outs: member_id, opted_out_at
-- note: `::` casts are Postgres/DuckDB/Snowflake syntax; BigQuery has only CAST(... AS ...): the SQL is not valid BigQuery.
-- unresolved: syntax error
select member_id, opted_out_at::date as opted_out_on
from proj.ehr.opt_outs
