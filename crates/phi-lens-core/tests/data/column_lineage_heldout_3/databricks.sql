-- case: airbyte_dbx_partition_get_json_object
-- origin: github airbytehq/airbyte @ bb8f79ef642dfe82473df72276ae2497ca163a37 airbyte-integrations/bases/base-normalization/integration_tests/normalization_test_output/databricks/test_nested_streams/first_output/airbyte_incremental/test_normalization/nested_stream_with_complex_columns_resulting_into_long_names_partition.sql (dbt-databricks compiled output committed as a test fixture; the `create or replace table ... using delta as` wrapper dropped, the SELECT verbatim; the scd table's columns assumed from Airbyte's SCD layout for this stream)
-- relation: test_normalization.nested_stream_with_complex_columns_resulting_into_long_names_scd: _airbyte_unique_key, _airbyte_unique_key_scd, id, date, partition, _airbyte_start_at, _airbyte_end_at, _airbyte_active_row, _airbyte_ab_id, _airbyte_emitted_at, _airbyte_normalized_at, _airbyte_nested_stream_with_complex_columns_resulting_into_long_names_hashid
-- note: get_json_object of the backquoted `partition` column is a JSON path (derived); `DATA` is a backquoted alias; CURRENT_TIMESTAMP without parentheses has no upstream; md5 hashes the parent hashid and both JSON fields (so partition). `tmp.*` in ab3 expands ab2's six columns and the final list picks seven by name.
-- edge: _airbyte_nested_stream_with_complex_columns_resulting_into_long_names_hashid <- test_normalization.nested_stream_with_complex_columns_resulting_into_long_names_scd._airbyte_nested_stream_with_complex_columns_resulting_into_long_names_hashid copy
-- edge: double_array_data <- test_normalization.nested_stream_with_complex_columns_resulting_into_long_names_scd.partition derived
-- edge: DATA <- test_normalization.nested_stream_with_complex_columns_resulting_into_long_names_scd.partition derived
-- edge: _airbyte_ab_id <- test_normalization.nested_stream_with_complex_columns_resulting_into_long_names_scd._airbyte_ab_id copy
-- edge: _airbyte_emitted_at <- test_normalization.nested_stream_with_complex_columns_resulting_into_long_names_scd._airbyte_emitted_at copy
-- edge: _airbyte_normalized_at <- (none)
-- edge: _airbyte_partition_hashid <- test_normalization.nested_stream_with_complex_columns_resulting_into_long_names_scd._airbyte_nested_stream_with_complex_columns_resulting_into_long_names_hashid hashed
-- edge: _airbyte_partition_hashid <- test_normalization.nested_stream_with_complex_columns_resulting_into_long_names_scd.partition hashed
with __dbt__cte__nested_stream_with_complex_columns_resulting_into_long_names_partition_ab1 as (

-- SQL model to parse JSON blob stored in a single column and extract into separated field columns as described by the JSON Schema
-- depends_on: test_normalization.nested_stream_with_complex_columns_resulting_into_long_names_scd
select
    _airbyte_nested_stream_with_complex_columns_resulting_into_long_names_hashid,
    get_json_object(`partition`, '$.double_array_data') as double_array_data,
    get_json_object(`partition`, '$.DATA') as `DATA`,
    _airbyte_ab_id,
    _airbyte_emitted_at,
    
    CURRENT_TIMESTAMP
 as _airbyte_normalized_at
from test_normalization.nested_stream_with_complex_columns_resulting_into_long_names_scd as table_alias
-- partition at nested_stream_with_complex_columns_resulting_into_long_names/partition
where 1 = 1
and `partition` is not null

),  __dbt__cte__nested_stream_with_complex_columns_resulting_into_long_names_partition_ab2 as (

-- SQL model to cast each column to its adequate SQL type converted from the JSON schema type
-- depends_on: __dbt__cte__nested_stream_with_complex_columns_resulting_into_long_names_partition_ab1
select
    _airbyte_nested_stream_with_complex_columns_resulting_into_long_names_hashid,
    double_array_data,
    `DATA`,
    _airbyte_ab_id,
    _airbyte_emitted_at,
    
    CURRENT_TIMESTAMP
 as _airbyte_normalized_at
from __dbt__cte__nested_stream_with_complex_columns_resulting_into_long_names_partition_ab1
-- partition at nested_stream_with_complex_columns_resulting_into_long_names/partition
where 1 = 1

),  __dbt__cte__nested_stream_with_complex_columns_resulting_into_long_names_partition_ab3 as (

-- SQL model to build a hash column based on the values of this record
-- depends_on: __dbt__cte__nested_stream_with_complex_columns_resulting_into_long_names_partition_ab2
select
    md5(cast(coalesce(cast(_airbyte_nested_stream_with_complex_columns_resulting_into_long_names_hashid as 
    string
), '') || '-' || coalesce(cast(double_array_data as 
    string
), '') || '-' || coalesce(cast(`DATA` as 
    string
), '') as 
    string
)) as _airbyte_partition_hashid,
    tmp.*
from __dbt__cte__nested_stream_with_complex_columns_resulting_into_long_names_partition_ab2 tmp
-- partition at nested_stream_with_complex_columns_resulting_into_long_names/partition
where 1 = 1

)-- Final base SQL model
-- depends_on: __dbt__cte__nested_stream_with_complex_columns_resulting_into_long_names_partition_ab3
select
    _airbyte_nested_stream_with_complex_columns_resulting_into_long_names_hashid,
    double_array_data,
    `DATA`,
    _airbyte_ab_id,
    _airbyte_emitted_at,
    
    CURRENT_TIMESTAMP
 as _airbyte_normalized_at,
    _airbyte_partition_hashid
from __dbt__cte__nested_stream_with_complex_columns_resulting_into_long_names_partition_ab3
-- partition at nested_stream_with_complex_columns_resulting_into_long_names/partition from test_normalization.nested_stream_with_complex_columns_resulting_into_long_names_scd
where 1 = 1

-- case: airbyte_dbx_dedup_exchange_rate_active
-- origin: github airbytehq/airbyte @ 0232182c36a70851cea23d5bc0630a211d0124f3 airbyte-integrations/bases/base-normalization/integration_tests/normalization_test_output/databricks/test_simple_streams/first_output/airbyte_incremental/test_normalization/dedup_exchange_rate.sql (dbt-databricks compiled output committed as a test fixture; the `create or replace table ... using delta as` wrapper dropped, the SELECT verbatim; the scd table's columns are the scd model's outputs in the same fixtures)
-- relation: test_normalization.dedup_exchange_rate_scd: _airbyte_unique_key, _airbyte_unique_key_scd, id, currency, date, timestamp_col, HKD_special___characters, HKD_special___characters_1, NZD, USD, _airbyte_start_at, _airbyte_end_at, _airbyte_active_row, _airbyte_ab_id, _airbyte_emitted_at, _airbyte_normalized_at, _airbyte_dedup_exchange_rate_hashid
-- note: a plain column list over a backquoted table name; the WHERE on _airbyte_active_row reaches nothing; mixed-case names (NZD, HKD_...) compare case-insensitively.
-- edge: _airbyte_unique_key <- test_normalization.dedup_exchange_rate_scd._airbyte_unique_key copy
-- edge: id <- test_normalization.dedup_exchange_rate_scd.id copy
-- edge: currency <- test_normalization.dedup_exchange_rate_scd.currency copy
-- edge: date <- test_normalization.dedup_exchange_rate_scd.date copy
-- edge: timestamp_col <- test_normalization.dedup_exchange_rate_scd.timestamp_col copy
-- edge: HKD_special___characters <- test_normalization.dedup_exchange_rate_scd.HKD_special___characters copy
-- edge: HKD_special___characters_1 <- test_normalization.dedup_exchange_rate_scd.HKD_special___characters_1 copy
-- edge: NZD <- test_normalization.dedup_exchange_rate_scd.NZD copy
-- edge: USD <- test_normalization.dedup_exchange_rate_scd.USD copy
-- edge: _airbyte_ab_id <- test_normalization.dedup_exchange_rate_scd._airbyte_ab_id copy
-- edge: _airbyte_emitted_at <- test_normalization.dedup_exchange_rate_scd._airbyte_emitted_at copy
-- edge: _airbyte_normalized_at <- (none)
-- edge: _airbyte_dedup_exchange_rate_hashid <- test_normalization.dedup_exchange_rate_scd._airbyte_dedup_exchange_rate_hashid copy
-- Final base SQL model
-- depends_on: test_normalization.`dedup_exchange_rate_scd`
select
    _airbyte_unique_key,
    id,
    currency,
    date,
    timestamp_col,
    HKD_special___characters,
    HKD_special___characters_1,
    NZD,
    USD,
    _airbyte_ab_id,
    _airbyte_emitted_at,
    
    CURRENT_TIMESTAMP
 as _airbyte_normalized_at,
    _airbyte_dedup_exchange_rate_hashid
from test_normalization.`dedup_exchange_rate_scd`
-- dedup_exchange_rate from test_normalization._airbyte_raw_dedup_exchange_rate
where 1 = 1
and _airbyte_active_row = 1

-- case: airbyte_dbx_dedup_exchange_rate_stg_view
-- origin: github airbytehq/airbyte @ 0232182c36a70851cea23d5bc0630a211d0124f3 airbyte-integrations/bases/base-normalization/integration_tests/normalization_test_output/databricks/test_simple_streams/second_output/airbyte_views/test_normalization/dedup_exchange_rate_stg.sql (dbt-databricks compiled output committed as a test fixture; the `create or replace view ... as` wrapper dropped, the SELECT verbatim; the raw table's columns are Airbyte's raw-table columns)
-- relation: test_normalization._airbyte_raw_dedup_exchange_rate: _airbyte_ab_id, _airbyte_data, _airbyte_emitted_at
-- note: eight get_json_object paths of _airbyte_data (derived; one path has accents, spaces and &), then casts (and nullif, still derived); `tmp.*` expands ab2's eleven columns after the md5 over all eight fields (hashed from _airbyte_data).
-- edge: _airbyte_dedup_exchange_rate_hashid <- test_normalization._airbyte_raw_dedup_exchange_rate._airbyte_data hashed
-- edge: id <- test_normalization._airbyte_raw_dedup_exchange_rate._airbyte_data derived
-- edge: currency <- test_normalization._airbyte_raw_dedup_exchange_rate._airbyte_data derived
-- edge: date <- test_normalization._airbyte_raw_dedup_exchange_rate._airbyte_data derived
-- edge: timestamp_col <- test_normalization._airbyte_raw_dedup_exchange_rate._airbyte_data derived
-- edge: HKD_special___characters <- test_normalization._airbyte_raw_dedup_exchange_rate._airbyte_data derived
-- edge: HKD_special___characters_1 <- test_normalization._airbyte_raw_dedup_exchange_rate._airbyte_data derived
-- edge: NZD <- test_normalization._airbyte_raw_dedup_exchange_rate._airbyte_data derived
-- edge: USD <- test_normalization._airbyte_raw_dedup_exchange_rate._airbyte_data derived
-- edge: _airbyte_ab_id <- test_normalization._airbyte_raw_dedup_exchange_rate._airbyte_ab_id copy
-- edge: _airbyte_emitted_at <- test_normalization._airbyte_raw_dedup_exchange_rate._airbyte_emitted_at copy
-- edge: _airbyte_normalized_at <- (none)
with __dbt__cte__dedup_exchange_rate_ab1 as (

-- SQL model to parse JSON blob stored in a single column and extract into separated field columns as described by the JSON Schema
-- depends_on: test_normalization._airbyte_raw_dedup_exchange_rate
select
    get_json_object(_airbyte_data, '$.id') as id,
    get_json_object(_airbyte_data, '$.currency') as currency,
    get_json_object(_airbyte_data, '$.date') as date,
    get_json_object(_airbyte_data, '$.timestamp_col') as timestamp_col,
    get_json_object(_airbyte_data, '$.HKD@spéçiäl & characters') as HKD_special___characters,
    get_json_object(_airbyte_data, '$.HKD_special___characters') as HKD_special___characters_1,
    get_json_object(_airbyte_data, '$.NZD') as NZD,
    get_json_object(_airbyte_data, '$.USD') as USD,
    _airbyte_ab_id,
    _airbyte_emitted_at,
    
    CURRENT_TIMESTAMP
 as _airbyte_normalized_at
from test_normalization._airbyte_raw_dedup_exchange_rate as table_alias
-- dedup_exchange_rate
where 1 = 1

),  __dbt__cte__dedup_exchange_rate_ab2 as (

-- SQL model to cast each column to its adequate SQL type converted from the JSON schema type
-- depends_on: __dbt__cte__dedup_exchange_rate_ab1
select
    cast(id as 
    BIGINT
) as id,
    cast(currency as 
    string
) as currency,
    cast(nullif(date, '') as 
    date
) as date,
    cast(nullif(timestamp_col, '') as 
    timestamp
) as timestamp_col,
    cast(HKD_special___characters as 
    float
) as HKD_special___characters,
    cast(HKD_special___characters_1 as 
    string
) as HKD_special___characters_1,
    cast(NZD as 
    float
) as NZD,
    cast(USD as 
    float
) as USD,
    _airbyte_ab_id,
    _airbyte_emitted_at,
    
    CURRENT_TIMESTAMP
 as _airbyte_normalized_at
from __dbt__cte__dedup_exchange_rate_ab1
-- dedup_exchange_rate
where 1 = 1

)-- SQL model to build a hash column based on the values of this record
-- depends_on: __dbt__cte__dedup_exchange_rate_ab2
select
    md5(cast(coalesce(cast(id as 
    string
), '') || '-' || coalesce(cast(currency as 
    string
), '') || '-' || coalesce(cast(date as 
    string
), '') || '-' || coalesce(cast(timestamp_col as 
    string
), '') || '-' || coalesce(cast(HKD_special___characters as 
    string
), '') || '-' || coalesce(cast(HKD_special___characters_1 as 
    string
), '') || '-' || coalesce(cast(NZD as 
    string
), '') || '-' || coalesce(cast(USD as 
    string
), '') as 
    string
)) as _airbyte_dedup_exchange_rate_hashid,
    tmp.*
from __dbt__cte__dedup_exchange_rate_ab2 tmp
-- dedup_exchange_rate
where 1 = 1

-- case: airbyte_dbx_exchange_rate_generated_jinja
-- origin: github airbytehq/airbyte @ 0232182c36a70851cea23d5bc0630a211d0124f3 airbyte-integrations/bases/base-normalization/integration_tests/normalization_test_output/databricks/test_simple_streams/models/generated/airbyte_tables/test_normalization/exchange_rate.sql (the generated dbt model, uncompiled, verbatim; the ab3 relation's columns assumed)
-- relation: test_normalization.exchange_rate_ab3: _airbyte_exchange_rate_hashid, id, currency, date, timestamp_col, HKD_special___characters, HKD_special___characters_1, NZD, USD, column___with__quotes, _airbyte_ab_id, _airbyte_emitted_at, _airbyte_normalized_at
-- note: config(), ref(), source() and current_timestamp() macro calls are left in.
-- unresolved: jinja
{{ config(
    unique_key = '_airbyte_ab_id',
    schema = "test_normalization",
    tags = [ "top-level" ]
) }}
-- Final base SQL model
-- depends_on: {{ ref('exchange_rate_ab3') }}
select
    id,
    currency,
    date,
    timestamp_col,
    HKD_special___characters,
    HKD_special___characters_1,
    NZD,
    USD,
    column___with__quotes,
    _airbyte_ab_id,
    _airbyte_emitted_at,
    {{ current_timestamp() }} as _airbyte_normalized_at,
    _airbyte_exchange_rate_hashid
from {{ ref('exchange_rate_ab3') }}
-- exchange_rate from {{ source('test_normalization', '_airbyte_raw_exchange_rate') }}
where 1 = 1

-- case: dbx_explode_map_struct_star_except
-- relation: main.ehr.encounters: encounter_id, patient, codes, vitals, admitted_at, discharged_at
-- note: `e.* except (...)` keeps encounter_id, admitted_at, discharged_at. patient is a struct (fields derived; sha2 of a field hashed). explode of an array gives one element column (derived); explode of a map gives a key and a value column, both derived from the map. datediff generalized.
-- edge: encounter_id <- main.ehr.encounters.encounter_id copy
-- edge: admitted_at <- main.ehr.encounters.admitted_at copy
-- edge: discharged_at <- main.ehr.encounters.discharged_at copy
-- edge: mrn <- main.ehr.encounters.patient derived
-- edge: ssn_hash <- main.ehr.encounters.patient hashed
-- edge: code <- main.ehr.encounters.codes derived
-- edge: vital_name <- main.ehr.encounters.vitals derived
-- edge: vital_value <- main.ehr.encounters.vitals derived
-- edge: los_days <- main.ehr.encounters.discharged_at generalized
-- edge: los_days <- main.ehr.encounters.admitted_at generalized
select
  e.* except (patient, codes, vitals),
  e.patient.mrn as mrn,
  sha2(e.patient.ssn, 256) as ssn_hash,
  c as code,
  vital_name,
  vital_value,
  datediff(e.discharged_at, e.admitted_at) as los_days
from main.ehr.encounters e
lateral view explode(e.codes) ec as c
lateral view explode(e.vitals) ev as vital_name, vital_value

-- case: dbx_group_by_all_qualify_rank
-- relation: main.ehr.claims: claim_id, member_id, service_date, paid_amount, dx_code
-- relation: main.ehr.members: member_id, birth_date, zip, gender
-- note: GROUP BY ALL groups by the three non-aggregate items (their edges stay copy/generalized); months_between is a date difference (generalized), floor() of it too. collect_set/sum/count(distinct) aggregate. QUALIFY picks rows only.
-- edge: member_id <- main.ehr.members.member_id copy
-- edge: service_year <- main.ehr.claims.service_date generalized
-- edge: age <- main.ehr.claims.service_date generalized
-- edge: age <- main.ehr.members.birth_date generalized
-- edge: dx_codes <- main.ehr.claims.dx_code aggregated
-- edge: paid <- main.ehr.claims.paid_amount aggregated
-- edge: n_claims <- main.ehr.claims.claim_id aggregated
select
  m.member_id,
  year(c.service_date) as service_year,
  floor(months_between(c.service_date, m.birth_date) / 12) as age,
  collect_set(c.dx_code) as dx_codes,
  sum(c.paid_amount) as paid,
  count(distinct c.claim_id) as n_claims
from main.ehr.claims c
join main.ehr.members m on c.member_id = m.member_id
group by all
qualify rank() over (partition by m.member_id order by sum(c.paid_amount) desc) <= 3

-- case: dbx_cte_shadow_exists_in_case
-- relation: main.ehr.patients: patient_id, first_name, last_name, dob, state
-- relation: main.ehr.consents: patient_id, consent_type, signed_at
-- note: the CTE patients shadows main.ehr.patients in the final FROM. date_format is a conversion (derived). research_consent is a CASE returning literals whose condition is an EXISTS: unlike an EXISTS in WHERE (upstream of nothing), here it picks the branch of this output, so every column the condition reads (the correlated p.patient_id and the subquery's patient_id and consent_type) is a filter edge. The correlated max() is aggregated; the IN subquery in WHERE reaches nothing.
-- edge: patient_id <- main.ehr.patients.patient_id copy
-- edge: full_name <- main.ehr.patients.first_name derived
-- edge: full_name <- main.ehr.patients.last_name derived
-- edge: birth_year_text <- main.ehr.patients.dob derived
-- edge: research_consent <- main.ehr.patients.patient_id filter
-- edge: research_consent <- main.ehr.consents.patient_id filter
-- edge: research_consent <- main.ehr.consents.consent_type filter
-- edge: last_consent_at <- main.ehr.consents.signed_at aggregated
with patients as (
  select patient_id, concat_ws(' ', first_name, last_name) as full_name, dob, state
  from main.ehr.patients
  where state in ('CA', 'NY')
)
select
  p.patient_id,
  p.full_name,
  date_format(p.dob, 'yyyy') as birth_year_text,
  case when exists (
    select 1 from main.ehr.consents k
    where k.patient_id = p.patient_id and k.consent_type = 'research'
  ) then 'Y' else 'N' end as research_consent,
  (select max(k.signed_at) from main.ehr.consents k where k.patient_id = p.patient_id) as last_consent_at
from patients p
where p.patient_id in (select patient_id from main.ehr.consents)

-- case: dbx_unknown_struct_sibling_column
-- relation: main.ehr.encounters: encounter_id, patient, codes, vitals, admitted_at, discharged_at
-- note: patient_name is neither a column of encounters nor reachable as written (the name would be e.patient.name): the name is found nowhere.
-- unresolved: unknown column
select e.encounter_id, e.patient_name
from main.ehr.encounters e
