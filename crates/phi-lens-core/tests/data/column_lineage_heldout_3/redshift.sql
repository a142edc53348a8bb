-- case: airbyte_rs_unnest_alias
-- origin: github airbytehq/airbyte @ e9a46a25336b12862edef92535a413366c4273c4 airbyte-integrations/bases/base-normalization/integration_tests/normalization_test_output/redshift/test_nested_streams/first_output/airbyte_incremental/test_normalization/unnest_alias.sql (dbt-redshift compiled output committed as a test fixture; the `create table ... as (` wrapper and its closing `);` dropped, the SELECT verbatim; the raw table's columns are Airbyte's raw-table columns)
-- relation: integrationtests.test_normalization._airbyte_raw_unnest_alias: _airbyte_ab_id, _airbyte_data, _airbyte_emitted_at
-- note: `case when json_extract_path_text(x, ...) != '' then json_extract_path_text(x, ...) end`: the CASE returns the JSON path it tests, so _airbyte_data is a value (derived), not only a filter. getdate() has no upstream; md5 hashes both JSON fields (hashed from _airbyte_data).
-- edge: id <- integrationtests.test_normalization._airbyte_raw_unnest_alias._airbyte_data derived
-- edge: children <- integrationtests.test_normalization._airbyte_raw_unnest_alias._airbyte_data derived
-- edge: _airbyte_ab_id <- integrationtests.test_normalization._airbyte_raw_unnest_alias._airbyte_ab_id copy
-- edge: _airbyte_emitted_at <- integrationtests.test_normalization._airbyte_raw_unnest_alias._airbyte_emitted_at copy
-- edge: _airbyte_normalized_at <- (none)
-- edge: _airbyte_unnest_alias_hashid <- integrationtests.test_normalization._airbyte_raw_unnest_alias._airbyte_data hashed
with __dbt__cte__unnest_alias_ab1 as (

-- SQL model to parse JSON blob stored in a single column and extract into separated field columns as described by the JSON Schema
select
    case when json_extract_path_text(_airbyte_data, 'id', true) != '' then json_extract_path_text(_airbyte_data, 'id', true) end as id,
    json_extract_path_text(_airbyte_data, 'children', true) as children,
    _airbyte_ab_id,
    _airbyte_emitted_at,
    getdate() as _airbyte_normalized_at
from "integrationtests".test_normalization._airbyte_raw_unnest_alias as table_alias
-- unnest_alias
where 1 = 1

),  __dbt__cte__unnest_alias_ab2 as (

-- SQL model to cast each column to its adequate SQL type converted from the JSON schema type
select
    cast(id as 
    bigint
) as id,
    children,
    _airbyte_ab_id,
    _airbyte_emitted_at,
    getdate() as _airbyte_normalized_at
from __dbt__cte__unnest_alias_ab1
-- unnest_alias
where 1 = 1

),  __dbt__cte__unnest_alias_ab3 as (

-- SQL model to build a hash column based on the values of this record
select
    md5(cast(coalesce(cast(id as varchar), '') || '-' || coalesce(cast(children as varchar), '') as varchar)) as _airbyte_unnest_alias_hashid,
    tmp.*
from __dbt__cte__unnest_alias_ab2 tmp
-- unnest_alias
where 1 = 1

)-- Final base SQL model
select
    id,
    children,
    _airbyte_ab_id,
    _airbyte_emitted_at,
    getdate() as _airbyte_normalized_at,
    _airbyte_unnest_alias_hashid
from __dbt__cte__unnest_alias_ab3
-- unnest_alias from "integrationtests".test_normalization._airbyte_raw_unnest_alias
where 1 = 1

-- case: airbyte_rs_partition_data_partiql
-- origin: github airbytehq/airbyte @ 2190872776824b8f64cd6b3c9dfad87b84f3a5ea airbyte-integrations/bases/base-normalization/integration_tests/normalization_test_output/redshift/test_nested_streams/first_output/airbyte_incremental/test_normalization/nested_stream_with_complex_columns_resulting_into_long_names_partition_data.sql (dbt-redshift compiled output committed as a test fixture; wrapper dropped, the SELECT verbatim; the partition table's columns assumed from the partition model's outputs in the same fixtures, "DATA" folded to data)
-- relation: integrationtests.test_normalization.nested_stream_with_complex_columns_resulting_into_long_names_partition: _airbyte_nested_stream_with_complex_columns_resulting_into_long_names_hashid, double_array_data, data, _airbyte_ab_id, _airbyte_emitted_at, _airbyte_normalized_at, _airbyte_partition_hashid
-- note: a CTE nested inside the first CTE (`with joined as (...) select ...`): joined unnests the SUPER array table_alias.data with PartiQL (`from t as table_alias, table_alias.data as _airbyte_nested_data`), an element derived from data. The outer LEFT JOIN reads joined._airbyte_nested_data."currency" (a SUPER navigation on that element: derived) in a CASE that returns what it tests. The unqualified _airbyte_partition_hashid is the partition table's (joined renames its copy _airbyte_hashid). WHERE data is not null reaches nothing.
-- edge: _airbyte_partition_hashid <- integrationtests.test_normalization.nested_stream_with_complex_columns_resulting_into_long_names_partition._airbyte_partition_hashid copy
-- edge: currency <- integrationtests.test_normalization.nested_stream_with_complex_columns_resulting_into_long_names_partition.data derived
-- edge: _airbyte_ab_id <- integrationtests.test_normalization.nested_stream_with_complex_columns_resulting_into_long_names_partition._airbyte_ab_id copy
-- edge: _airbyte_emitted_at <- integrationtests.test_normalization.nested_stream_with_complex_columns_resulting_into_long_names_partition._airbyte_emitted_at copy
-- edge: _airbyte_normalized_at <- (none)
-- edge: _airbyte_data_hashid <- integrationtests.test_normalization.nested_stream_with_complex_columns_resulting_into_long_names_partition._airbyte_partition_hashid hashed
-- edge: _airbyte_data_hashid <- integrationtests.test_normalization.nested_stream_with_complex_columns_resulting_into_long_names_partition.data hashed
with __dbt__cte__nested_stream_with_complex_columns_resulting_into_long_names_partition_data_ab1 as (

-- SQL model to parse JSON blob stored in a single column and extract into separated field columns as described by the JSON Schema
-- depends_on: "integrationtests".test_normalization."nested_stream_with_complex_columns_resulting_into_long_names_partition"

    with joined as (
            select
                table_alias._airbyte_partition_hashid as _airbyte_hashid,
                _airbyte_nested_data
            from "integrationtests".test_normalization."nested_stream_with_complex_columns_resulting_into_long_names_partition" as table_alias, table_alias.data as _airbyte_nested_data
        )
select
    _airbyte_partition_hashid,
    case when _airbyte_nested_data."currency" != '' then _airbyte_nested_data."currency" end as currency,
    _airbyte_ab_id,
    _airbyte_emitted_at,
    getdate() as _airbyte_normalized_at
from "integrationtests".test_normalization."nested_stream_with_complex_columns_resulting_into_long_names_partition" as table_alias
-- data at nested_stream_with_complex_columns_resulting_into_long_names/partition/DATA
left join joined on _airbyte_partition_hashid = joined._airbyte_hashid
where 1 = 1
and data is not null

),  __dbt__cte__nested_stream_with_complex_columns_resulting_into_long_names_partition_data_ab2 as (

-- SQL model to cast each column to its adequate SQL type converted from the JSON schema type
-- depends_on: __dbt__cte__nested_stream_with_complex_columns_resulting_into_long_names_partition_data_ab1
select
    _airbyte_partition_hashid,
    cast(currency as text) as currency,
    _airbyte_ab_id,
    _airbyte_emitted_at,
    getdate() as _airbyte_normalized_at
from __dbt__cte__nested_stream_with_complex_columns_resulting_into_long_names_partition_data_ab1
-- data at nested_stream_with_complex_columns_resulting_into_long_names/partition/DATA
where 1 = 1

),  __dbt__cte__nested_stream_with_complex_columns_resulting_into_long_names_partition_data_ab3 as (

-- SQL model to build a hash column based on the values of this record
-- depends_on: __dbt__cte__nested_stream_with_complex_columns_resulting_into_long_names_partition_data_ab2
select
    md5(cast(coalesce(cast(_airbyte_partition_hashid as text), '') || '-' || coalesce(cast(currency as text), '') as text)) as _airbyte_data_hashid,
    tmp.*
from __dbt__cte__nested_stream_with_complex_columns_resulting_into_long_names_partition_data_ab2 tmp
-- data at nested_stream_with_complex_columns_resulting_into_long_names/partition/DATA
where 1 = 1

)-- Final base SQL model
-- depends_on: __dbt__cte__nested_stream_with_complex_columns_resulting_into_long_names_partition_data_ab3
select
    _airbyte_partition_hashid,
    currency,
    _airbyte_ab_id,
    _airbyte_emitted_at,
    getdate() as _airbyte_normalized_at,
    _airbyte_data_hashid
from __dbt__cte__nested_stream_with_complex_columns_resulting_into_long_names_partition_data_ab3
-- data at nested_stream_with_complex_columns_resulting_into_long_names/partition/DATA from "integrationtests".test_normalization."nested_stream_with_complex_columns_resulting_into_long_names_partition"
where 1 = 1

-- case: airbyte_rs_exchange_rate_special_names
-- origin: github airbytehq/airbyte @ 2190872776824b8f64cd6b3c9dfad87b84f3a5ea airbyte-integrations/bases/base-normalization/integration_tests/normalization_test_output/redshift/test_simple_streams/first_output/airbyte_tables/test_normalization/exchange_rate.sql (dbt-redshift compiled output committed as a test fixture; the `create table ... as (` wrapper and its closing `);` dropped, the SELECT verbatim; the raw table's columns are Airbyte's raw-table columns)
-- relation: integrationtests.test_normalization._airbyte_raw_exchange_rate: _airbyte_ab_id, _airbyte_data, _airbyte_emitted_at
-- note: _airbyte_data is a SUPER: _airbyte_data."id" etc. are navigations (derived), each tested and returned by its CASE (a value). Two outputs are quoted names with spaces, @, accents, a backquote, a single quote and a doubled double quote: their names are the unquoted identifiers `hkd@spéçiäl & characters` and `column`_'with"_quotes`. `date::varchar` then nullif then a cast stays derived. md5 of all nine fields is hashed from _airbyte_data.
-- edge: id <- integrationtests.test_normalization._airbyte_raw_exchange_rate._airbyte_data derived
-- edge: currency <- integrationtests.test_normalization._airbyte_raw_exchange_rate._airbyte_data derived
-- edge: date <- integrationtests.test_normalization._airbyte_raw_exchange_rate._airbyte_data derived
-- edge: timestamp_col <- integrationtests.test_normalization._airbyte_raw_exchange_rate._airbyte_data derived
-- edge: hkd@spéçiäl & characters <- integrationtests.test_normalization._airbyte_raw_exchange_rate._airbyte_data derived
-- edge: hkd_special___characters <- integrationtests.test_normalization._airbyte_raw_exchange_rate._airbyte_data derived
-- edge: nzd <- integrationtests.test_normalization._airbyte_raw_exchange_rate._airbyte_data derived
-- edge: usd <- integrationtests.test_normalization._airbyte_raw_exchange_rate._airbyte_data derived
-- edge: column`_'with"_quotes <- integrationtests.test_normalization._airbyte_raw_exchange_rate._airbyte_data derived
-- edge: _airbyte_ab_id <- integrationtests.test_normalization._airbyte_raw_exchange_rate._airbyte_ab_id copy
-- edge: _airbyte_emitted_at <- integrationtests.test_normalization._airbyte_raw_exchange_rate._airbyte_emitted_at copy
-- edge: _airbyte_normalized_at <- (none)
-- edge: _airbyte_exchange_rate_hashid <- integrationtests.test_normalization._airbyte_raw_exchange_rate._airbyte_data hashed
with __dbt__cte__exchange_rate_ab1 as (

-- SQL model to parse JSON blob stored in a single column and extract into separated field columns as described by the JSON Schema
-- depends_on: "integrationtests".test_normalization._airbyte_raw_exchange_rate
select
    case when _airbyte_data."id" != '' then _airbyte_data."id" end as id,
    case when _airbyte_data."currency" != '' then _airbyte_data."currency" end as currency,
    case when _airbyte_data."date" != '' then _airbyte_data."date" end as date,
    case when _airbyte_data."timestamp_col" != '' then _airbyte_data."timestamp_col" end as timestamp_col,
    case when _airbyte_data."HKD@spéçiäl & characters" != '' then _airbyte_data."HKD@spéçiäl & characters" end as "hkd@spéçiäl & characters",
    case when _airbyte_data."HKD_special___characters" != '' then _airbyte_data."HKD_special___characters" end as hkd_special___characters,
    case when _airbyte_data."NZD" != '' then _airbyte_data."NZD" end as nzd,
    case when _airbyte_data."USD" != '' then _airbyte_data."USD" end as usd,
    case when _airbyte_data."column`_'with""_quotes" != '' then _airbyte_data."column`_'with""_quotes" end as "column`_'with""_quotes",
    _airbyte_ab_id,
    _airbyte_emitted_at,
    getdate() as _airbyte_normalized_at
from "integrationtests".test_normalization._airbyte_raw_exchange_rate as table_alias
-- exchange_rate
where 1 = 1
),  __dbt__cte__exchange_rate_ab2 as (

-- SQL model to cast each column to its adequate SQL type converted from the JSON schema type
-- depends_on: __dbt__cte__exchange_rate_ab1
select
    cast(id as 
    bigint
) as id,
    cast(currency as text) as currency,
    cast(nullif(date::varchar, '') as 
    date
) as date,
    cast(nullif(timestamp_col::varchar, '') as 
    timestamp with time zone
) as timestamp_col,
    cast("hkd@spéçiäl & characters" as 
    float
) as "hkd@spéçiäl & characters",
    cast(hkd_special___characters as text) as hkd_special___characters,
    cast(nzd as 
    float
) as nzd,
    cast(usd as 
    float
) as usd,
    cast("column`_'with""_quotes" as text) as "column`_'with""_quotes",
    _airbyte_ab_id,
    _airbyte_emitted_at,
    getdate() as _airbyte_normalized_at
from __dbt__cte__exchange_rate_ab1
-- exchange_rate
where 1 = 1
),  __dbt__cte__exchange_rate_ab3 as (

-- SQL model to build a hash column based on the values of this record
-- depends_on: __dbt__cte__exchange_rate_ab2
select
    md5(cast(coalesce(cast(id as text), '') || '-' || coalesce(cast(currency as text), '') || '-' || coalesce(cast(date as text), '') || '-' || coalesce(cast(timestamp_col as text), '') || '-' || coalesce(cast("hkd@spéçiäl & characters" as text), '') || '-' || coalesce(cast(hkd_special___characters as text), '') || '-' || coalesce(cast(nzd as text), '') || '-' || coalesce(cast(usd as text), '') || '-' || coalesce(cast("column`_'with""_quotes" as text), '') as text)) as _airbyte_exchange_rate_hashid,
    tmp.*
from __dbt__cte__exchange_rate_ab2 tmp
-- exchange_rate
where 1 = 1
)-- Final base SQL model
-- depends_on: __dbt__cte__exchange_rate_ab3
select
    id,
    currency,
    date,
    timestamp_col,
    "hkd@spéçiäl & characters",
    hkd_special___characters,
    nzd,
    usd,
    "column`_'with""_quotes",
    _airbyte_ab_id,
    _airbyte_emitted_at,
    getdate() as _airbyte_normalized_at,
    _airbyte_exchange_rate_hashid
from __dbt__cte__exchange_rate_ab3
-- exchange_rate from "integrationtests".test_normalization._airbyte_raw_exchange_rate
where 1 = 1

-- case: airbyte_rs_conflict_stream_array_ab3_jinja
-- origin: github airbytehq/airbyte @ f199c2226705ed8d795f8bd22a78047fa13121c7 airbyte-integrations/bases/base-normalization/integration_tests/normalization_test_output/redshift/test_nested_streams/models/generated/airbyte_ctes/test_normalization/conflict_stream_array_ab3.sql (the generated dbt model, uncompiled, verbatim; the ab2 relation's columns assumed)
-- relation: integrationtests._airbyte_test_normalization.conflict_stream_array_ab2: id, conflict_stream_array, _airbyte_ab_id, _airbyte_emitted_at, _airbyte_normalized_at
-- note: config(), dbt_utils.surrogate_key() and ref() are left in.
-- unresolved: jinja
{{ config(
    sort = "_airbyte_emitted_at",
    unique_key = env_var('AIRBYTE_DEFAULT_UNIQUE_KEY', '_airbyte_ab_id'),
    schema = "_airbyte_test_normalization",
    tags = [ "top-level-intermediate" ]
) }}
-- SQL model to build a hash column based on the values of this record
select
    {{ dbt_utils.surrogate_key([
        'id',
        array_to_string('conflict_stream_array'),
    ]) }} as _airbyte_conflict_stream_array_hashid,
    tmp.*
from {{ ref('conflict_stream_array_ab2') }} tmp
-- conflict_stream_array
where 1 = 1

-- case: rs_pivot_in_aliases
-- relation: dev.ehr.vitals: patient_id, vital_name, vital_value, measured_at
-- note: Redshift PIVOT with one unaliased aggregate names each new column by its IN alias (hr, sbp); each aggregates vital_value with vital_name as the PIVOT FOR filter; patient_id is the implicit grouping column (copy); measured_at is not in the derived table.
-- edge: patient_id <- dev.ehr.vitals.patient_id copy
-- edge: hr <- dev.ehr.vitals.vital_value aggregated
-- edge: hr <- dev.ehr.vitals.vital_name filter
-- edge: sbp <- dev.ehr.vitals.vital_value aggregated
-- edge: sbp <- dev.ehr.vitals.vital_name filter
select *
from (select patient_id, vital_name, vital_value from dev.ehr.vitals)
pivot (avg(vital_value) for vital_name in ('hr' as hr, 'sbp' as sbp))

-- case: rs_super_paths_hash_case
-- relation: dev.ehr.members: member_id, profile, dob, zip, enrolled_at
-- note: profile is a SUPER: table.column.field.field navigation is derived from the top-level column (the quoted field name is a field, not a column). datediff generalized; left(...) || '00' generalized (left wins over the concatenation); md5 of a concatenation hashes both; the CASE returns literals and tests enrolled_at (filter); date_trunc generalized.
-- edge: member_id <- dev.ehr.members.member_id copy
-- edge: email <- dev.ehr.members.profile derived
-- edge: preferred_name <- dev.ehr.members.profile derived
-- edge: age_years <- dev.ehr.members.dob generalized
-- edge: zip_masked <- dev.ehr.members.zip generalized
-- edge: member_key <- dev.ehr.members.member_id hashed
-- edge: member_key <- dev.ehr.members.dob hashed
-- edge: tenure_band <- dev.ehr.members.enrolled_at filter
-- edge: enrolled_week <- dev.ehr.members.enrolled_at generalized
select
    m.member_id,
    m.profile.contact.email::varchar as email,
    lower(m.profile."PreferredName"::varchar) as preferred_name,
    datediff(year, m.dob, getdate()) as age_years,
    left(m.zip, 3) || '00' as zip_masked,
    md5(m.member_id || m.dob::varchar) as member_key,
    case when m.enrolled_at >= dateadd(month, -12, getdate()) then 'new' else 'tenured' end as tenure_band,
    date_trunc('week', m.enrolled_at) as enrolled_week
from dev.ehr.members m

-- case: rs_union_window_frames_ratio
-- relation: dev.ehr.rx_fills: fill_id, member_id, ndc, days_supply, filled_on
-- relation: dev.ehr.rx_adjustments: adj_id, member_id, ndc, adj_days, adj_on
-- note: a positional UNION ALL (names from the first branch: adj_days feeds days_supply, adj_on feeds filled_on). The framed running sum and ratio_to_report aggregate; first_value copies filled_on, which is also its ORDER BY (a value wins); every PARTITION BY/ORDER BY column is a filter edge from both branches.
-- edge: member_id <- dev.ehr.rx_fills.member_id copy
-- edge: member_id <- dev.ehr.rx_adjustments.member_id copy
-- edge: ndc <- dev.ehr.rx_fills.ndc copy
-- edge: ndc <- dev.ehr.rx_adjustments.ndc copy
-- edge: event_date <- dev.ehr.rx_fills.filled_on copy
-- edge: event_date <- dev.ehr.rx_adjustments.adj_on copy
-- edge: cum_days <- dev.ehr.rx_fills.days_supply aggregated
-- edge: cum_days <- dev.ehr.rx_adjustments.adj_days aggregated
-- edge: cum_days <- dev.ehr.rx_fills.member_id filter
-- edge: cum_days <- dev.ehr.rx_adjustments.member_id filter
-- edge: cum_days <- dev.ehr.rx_fills.ndc filter
-- edge: cum_days <- dev.ehr.rx_adjustments.ndc filter
-- edge: cum_days <- dev.ehr.rx_fills.filled_on filter
-- edge: cum_days <- dev.ehr.rx_adjustments.adj_on filter
-- edge: share_of_days <- dev.ehr.rx_fills.days_supply aggregated
-- edge: share_of_days <- dev.ehr.rx_adjustments.adj_days aggregated
-- edge: share_of_days <- dev.ehr.rx_fills.member_id filter
-- edge: share_of_days <- dev.ehr.rx_adjustments.member_id filter
-- edge: first_fill <- dev.ehr.rx_fills.filled_on copy
-- edge: first_fill <- dev.ehr.rx_adjustments.adj_on copy
-- edge: first_fill <- dev.ehr.rx_fills.member_id filter
-- edge: first_fill <- dev.ehr.rx_adjustments.member_id filter
with events as (
    select member_id, ndc, days_supply, filled_on from dev.ehr.rx_fills
    union all
    select member_id, ndc, adj_days, adj_on from dev.ehr.rx_adjustments
)
select
    member_id,
    ndc,
    filled_on as event_date,
    sum(days_supply) over (
        partition by member_id, ndc order by filled_on
        rows between unbounded preceding and current row
    ) as cum_days,
    ratio_to_report(days_supply) over (partition by member_id) as share_of_days,
    first_value(filled_on) over (
        partition by member_id order by filled_on
        rows between unbounded preceding and unbounded following
    ) as first_fill
from events

-- case: rs_ambiguous_member_id
-- relation: dev.ehr.rx_fills: fill_id, member_id, ndc, days_supply, filled_on
-- relation: dev.ehr.rx_adjustments: adj_id, member_id, ndc, adj_days, adj_on
-- note: the unqualified member_id exists on both sides of an inner join ON (not USING): Redshift rejects it as ambiguous.
-- unresolved: ambiguous column
select member_id, f.ndc, a.adj_days
from dev.ehr.rx_fills f
join dev.ehr.rx_adjustments a on f.ndc = a.ndc and f.filled_on = a.adj_on
