-- case: airbyte_rs_double_array_data
-- origin: github airbytehq/airbyte @ 230373f2a0571192469631a94426774e3bee6732 airbyte-integrations/bases/base-normalization/integration_tests/normalization_test_output/redshift/test_nested_streams/first_output/airbyte_incremental/test_normalization/nested_stream_with_complex_columns_resulting_into_long_names_partition_double_array_data.sql (dbt-redshift compiled output committed as a test fixture; the `create table ... as (` wrapper and its closing `);` dropped, the SELECT verbatim; the partition table's columns assumed from the partition model's outputs in the same fixtures)
-- relation: integrationtests.test_normalization.nested_stream_with_complex_columns_resulting_into_long_names_partition: _airbyte_nested_stream_with_complex_columns_resulting_into_long_names_hashid, double_array_data, data, _airbyte_ab_id, _airbyte_emitted_at, _airbyte_normalized_at, _airbyte_partition_hashid
-- note: a WITH nested inside a CTE: a numbers generator (no upstream) cross-joined to index the JSON array with json_extract_array_element_text (derived from double_array_data); id is a CASE whose condition and value are the same JSON path of that element (a value wins: derived). The left join key and the WHEREs are upstream of nothing; `tmp.*` expands ab2's columns; md5 hashes the partition hashid and id.
-- edge: _airbyte_partition_hashid <- integrationtests.test_normalization.nested_stream_with_complex_columns_resulting_into_long_names_partition._airbyte_partition_hashid copy
-- edge: id <- integrationtests.test_normalization.nested_stream_with_complex_columns_resulting_into_long_names_partition.double_array_data derived
-- edge: _airbyte_ab_id <- integrationtests.test_normalization.nested_stream_with_complex_columns_resulting_into_long_names_partition._airbyte_ab_id copy
-- edge: _airbyte_emitted_at <- integrationtests.test_normalization.nested_stream_with_complex_columns_resulting_into_long_names_partition._airbyte_emitted_at copy
-- edge: _airbyte_normalized_at <- (none)
-- edge: _airbyte_double_array_data_hashid <- integrationtests.test_normalization.nested_stream_with_complex_columns_resulting_into_long_names_partition._airbyte_partition_hashid hashed
-- edge: _airbyte_double_array_data_hashid <- integrationtests.test_normalization.nested_stream_with_complex_columns_resulting_into_long_names_partition.double_array_data hashed
with __dbt__cte__nested_stream_with_complex_columns_resulting_into_long_names_partition_double_array_data_ab1 as (

-- SQL model to parse JSON blob stored in a single column and extract into separated field columns as described by the JSON Schema
-- depends_on: "integrationtests".test_normalization."nested_stream_with_complex_columns_resulting_into_long_names_partition"
with numbers as (
    

    

    with p as (
        select 0 as generated_number union all select 1
    ), unioned as (

    select

    
    p0.generated_number * power(2, 0)
    
    
    + 1
    as generated_number

    from

    
    p as p0
    
    

    )

    select *
    from unioned
    where generated_number <= 2
    order by generated_number


),
joined as (
    select
        _airbyte_partition_hashid as _airbyte_hashid,
        json_extract_array_element_text(double_array_data, numbers.generated_number::int - 1, true) as _airbyte_nested_data
    from "integrationtests".test_normalization."nested_stream_with_complex_columns_resulting_into_long_names_partition"
    cross join numbers
    -- only generate the number of records in the cross join that corresponds
    -- to the number of items in "integrationtests".test_normalization."nested_stream_with_complex_columns_resulting_into_long_names_partition".double_array_data
    where numbers.generated_number <= json_array_length(double_array_data, true)
)
select
    _airbyte_partition_hashid,
    case when json_extract_path_text(_airbyte_nested_data, 'id', true) != '' then json_extract_path_text(_airbyte_nested_data, 'id', true) end as id,
    _airbyte_ab_id,
    _airbyte_emitted_at,
    getdate() as _airbyte_normalized_at
from "integrationtests".test_normalization."nested_stream_with_complex_columns_resulting_into_long_names_partition" as table_alias
-- double_array_data at nested_stream_with_complex_columns_resulting_into_long_names/partition/double_array_data
left join joined on _airbyte_partition_hashid = joined._airbyte_hashid
where 1 = 1
and double_array_data is not null

),  __dbt__cte__nested_stream_with_complex_columns_resulting_into_long_names_partition_double_array_data_ab2 as (

-- SQL model to cast each column to its adequate SQL type converted from the JSON schema type
-- depends_on: __dbt__cte__nested_stream_with_complex_columns_resulting_into_long_names_partition_double_array_data_ab1
select
    _airbyte_partition_hashid,
    cast(id as varchar) as id,
    _airbyte_ab_id,
    _airbyte_emitted_at,
    getdate() as _airbyte_normalized_at
from __dbt__cte__nested_stream_with_complex_columns_resulting_into_long_names_partition_double_array_data_ab1
-- double_array_data at nested_stream_with_complex_columns_resulting_into_long_names/partition/double_array_data
where 1 = 1

),  __dbt__cte__nested_stream_with_complex_columns_resulting_into_long_names_partition_double_array_data_ab3 as (

-- SQL model to build a hash column based on the values of this record
-- depends_on: __dbt__cte__nested_stream_with_complex_columns_resulting_into_long_names_partition_double_array_data_ab2
select
    md5(cast(coalesce(cast(_airbyte_partition_hashid as varchar), '') || '-' || coalesce(cast(id as varchar), '') as varchar)) as _airbyte_double_array_data_hashid,
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
    getdate() as _airbyte_normalized_at,
    _airbyte_double_array_data_hashid
from __dbt__cte__nested_stream_with_complex_columns_resulting_into_long_names_partition_double_array_data_ab3
-- double_array_data at nested_stream_with_complex_columns_resulting_into_long_names/partition/double_array_data from "integrationtests".test_normalization."nested_stream_with_complex_columns_resulting_into_long_names_partition"
where 1 = 1

-- case: airbyte_rs_multiple_column_names_conflicts_stg
-- origin: github airbytehq/airbyte @ 35412c25a51e8f52b83b4dd6f2ec910ba054f672 airbyte-integrations/bases/base-normalization/integration_tests/normalization_test_output/redshift/test_simple_streams/first_output/airbyte_views/test_normalization/multiple_column_names_conflicts_stg.sql (dbt-redshift compiled output committed as a test fixture; the `create view ... as (` wrapper and its closing `) ;` dropped, the SELECT verbatim; the raw table's columns are Airbyte's raw-table columns)
-- relation: integrationtests.test_normalization._airbyte_raw_multiple_column_names_conflicts: _airbyte_ab_id, _airbyte_data, _airbyte_emitted_at
-- note: _airbyte_data is SUPER: _airbyte_data."User Id" navigates to a JSON key (quoted keys with spaces and @), a path on the top-level column (derived); each CASE tests and returns the same path (a value wins). Quoted aliases such as "user id" and "user@id" are output names with a space or @ (lower case already). `tmp.*` expands ab2's ten columns after the md5 (hashed from _airbyte_data through all seven).
-- edge: _airbyte_multiple_column_names_conflicts_hashid <- integrationtests.test_normalization._airbyte_raw_multiple_column_names_conflicts._airbyte_data hashed
-- edge: id <- integrationtests.test_normalization._airbyte_raw_multiple_column_names_conflicts._airbyte_data derived
-- edge: user id <- integrationtests.test_normalization._airbyte_raw_multiple_column_names_conflicts._airbyte_data derived
-- edge: user_id <- integrationtests.test_normalization._airbyte_raw_multiple_column_names_conflicts._airbyte_data derived
-- edge: user id_1 <- integrationtests.test_normalization._airbyte_raw_multiple_column_names_conflicts._airbyte_data derived
-- edge: user id_2 <- integrationtests.test_normalization._airbyte_raw_multiple_column_names_conflicts._airbyte_data derived
-- edge: user@id <- integrationtests.test_normalization._airbyte_raw_multiple_column_names_conflicts._airbyte_data derived
-- edge: userid <- integrationtests.test_normalization._airbyte_raw_multiple_column_names_conflicts._airbyte_data derived
-- edge: _airbyte_ab_id <- integrationtests.test_normalization._airbyte_raw_multiple_column_names_conflicts._airbyte_ab_id copy
-- edge: _airbyte_emitted_at <- integrationtests.test_normalization._airbyte_raw_multiple_column_names_conflicts._airbyte_emitted_at copy
-- edge: _airbyte_normalized_at <- (none)
with __dbt__cte__multiple_column_names_conflicts_ab1 as (

-- SQL model to parse JSON blob stored in a single column and extract into separated field columns as described by the JSON Schema
-- depends_on: "integrationtests".test_normalization._airbyte_raw_multiple_column_names_conflicts
select
    case when _airbyte_data."id" != '' then _airbyte_data."id" end as id,
    case when _airbyte_data."User Id" != '' then _airbyte_data."User Id" end as "user id",
    case when _airbyte_data."user_id" != '' then _airbyte_data."user_id" end as user_id,
    case when _airbyte_data."User id" != '' then _airbyte_data."User id" end as "user id_1",
    case when _airbyte_data."user id" != '' then _airbyte_data."user id" end as "user id_2",
    case when _airbyte_data."User@Id" != '' then _airbyte_data."User@Id" end as "user@id",
    case when _airbyte_data."UserId" != '' then _airbyte_data."UserId" end as userid,
    _airbyte_ab_id,
    _airbyte_emitted_at,
    getdate() as _airbyte_normalized_at
from "integrationtests".test_normalization._airbyte_raw_multiple_column_names_conflicts as table_alias
-- multiple_column_names_conflicts
where 1 = 1

),  __dbt__cte__multiple_column_names_conflicts_ab2 as (

-- SQL model to cast each column to its adequate SQL type converted from the JSON schema type
-- depends_on: __dbt__cte__multiple_column_names_conflicts_ab1
select
    cast(id as 
    bigint
) as id,
    cast("user id" as text) as "user id",
    cast(user_id as 
    float
) as user_id,
    cast("user id_1" as 
    float
) as "user id_1",
    cast("user id_2" as 
    float
) as "user id_2",
    cast("user@id" as text) as "user@id",
    cast(userid as 
    float
) as userid,
    _airbyte_ab_id,
    _airbyte_emitted_at,
    getdate() as _airbyte_normalized_at
from __dbt__cte__multiple_column_names_conflicts_ab1
-- multiple_column_names_conflicts
where 1 = 1

)-- SQL model to build a hash column based on the values of this record
-- depends_on: __dbt__cte__multiple_column_names_conflicts_ab2
select
    md5(cast(coalesce(cast(id as text), '') || '-' || coalesce(cast("user id" as text), '') || '-' || coalesce(cast(user_id as text), '') || '-' || coalesce(cast("user id_1" as text), '') || '-' || coalesce(cast("user id_2" as text), '') || '-' || coalesce(cast("user@id" as text), '') || '-' || coalesce(cast(userid as text), '') as text)) as _airbyte_multiple_column_names_conflicts_hashid,
    tmp.*
from __dbt__cte__multiple_column_names_conflicts_ab2 tmp
-- multiple_column_names_conflicts
where 1 = 1

-- case: airbyte_rs_dedup_exchange_rate_scd
-- origin: github airbytehq/airbyte @ 05c560c0a60a8898f0e335f8f8eb13928a459bf7 airbyte-integrations/bases/base-normalization/integration_tests/normalization_test_output/redshift/test_simple_streams/first_output/airbyte_incremental/scd/test_normalization/dedup_exchange_rate_scd.sql (dbt-redshift compiled output committed as a test fixture; the `create table ... as (` wrapper and its closing `);` dropped, the SELECT verbatim; the stg view's columns from its compiled select list, airbyte_views/test_normalization/dedup_exchange_rate_stg.sql @ 35412c25a51e8f52b83b4dd6f2ec910ba054f672)
-- relation: integrationtests._airbyte_test_normalization.dedup_exchange_rate_stg: _airbyte_dedup_exchange_rate_hashid, id, currency, date, timestamp_col, "hkd@spéçiäl & characters", hkd_special___characters, nzd, usd, _airbyte_ab_id, _airbyte_emitted_at, _airbyte_normalized_at
-- note: the quoted column "hkd@spéçiäl & characters" (non-ASCII, spaces, @ and &) is selected as it is (copy). _airbyte_unique_key hashes id, currency, nzd; _airbyte_unique_key_scd hashes that key, _airbyte_start_at (= date) and _airbyte_emitted_at. lag(date) copies date with the PARTITION BY columns and _airbyte_emitted_at (ORDER BY) as filters; _airbyte_active_row is a CASE over a row_number returning 1/0 (filter edges only).
-- edge: _airbyte_unique_key <- integrationtests._airbyte_test_normalization.dedup_exchange_rate_stg.id hashed
-- edge: _airbyte_unique_key <- integrationtests._airbyte_test_normalization.dedup_exchange_rate_stg.currency hashed
-- edge: _airbyte_unique_key <- integrationtests._airbyte_test_normalization.dedup_exchange_rate_stg.nzd hashed
-- edge: _airbyte_unique_key_scd <- integrationtests._airbyte_test_normalization.dedup_exchange_rate_stg.id hashed
-- edge: _airbyte_unique_key_scd <- integrationtests._airbyte_test_normalization.dedup_exchange_rate_stg.currency hashed
-- edge: _airbyte_unique_key_scd <- integrationtests._airbyte_test_normalization.dedup_exchange_rate_stg.nzd hashed
-- edge: _airbyte_unique_key_scd <- integrationtests._airbyte_test_normalization.dedup_exchange_rate_stg.date hashed
-- edge: _airbyte_unique_key_scd <- integrationtests._airbyte_test_normalization.dedup_exchange_rate_stg._airbyte_emitted_at hashed
-- edge: id <- integrationtests._airbyte_test_normalization.dedup_exchange_rate_stg.id copy
-- edge: currency <- integrationtests._airbyte_test_normalization.dedup_exchange_rate_stg.currency copy
-- edge: date <- integrationtests._airbyte_test_normalization.dedup_exchange_rate_stg.date copy
-- edge: timestamp_col <- integrationtests._airbyte_test_normalization.dedup_exchange_rate_stg.timestamp_col copy
-- edge: hkd@spéçiäl & characters <- integrationtests._airbyte_test_normalization.dedup_exchange_rate_stg.hkd@spéçiäl & characters copy
-- edge: hkd_special___characters <- integrationtests._airbyte_test_normalization.dedup_exchange_rate_stg.hkd_special___characters copy
-- edge: nzd <- integrationtests._airbyte_test_normalization.dedup_exchange_rate_stg.nzd copy
-- edge: usd <- integrationtests._airbyte_test_normalization.dedup_exchange_rate_stg.usd copy
-- edge: _airbyte_start_at <- integrationtests._airbyte_test_normalization.dedup_exchange_rate_stg.date copy
-- edge: _airbyte_end_at <- integrationtests._airbyte_test_normalization.dedup_exchange_rate_stg.date copy
-- edge: _airbyte_end_at <- integrationtests._airbyte_test_normalization.dedup_exchange_rate_stg.id filter
-- edge: _airbyte_end_at <- integrationtests._airbyte_test_normalization.dedup_exchange_rate_stg.currency filter
-- edge: _airbyte_end_at <- integrationtests._airbyte_test_normalization.dedup_exchange_rate_stg.nzd filter
-- edge: _airbyte_end_at <- integrationtests._airbyte_test_normalization.dedup_exchange_rate_stg._airbyte_emitted_at filter
-- edge: _airbyte_active_row <- integrationtests._airbyte_test_normalization.dedup_exchange_rate_stg.id filter
-- edge: _airbyte_active_row <- integrationtests._airbyte_test_normalization.dedup_exchange_rate_stg.currency filter
-- edge: _airbyte_active_row <- integrationtests._airbyte_test_normalization.dedup_exchange_rate_stg.nzd filter
-- edge: _airbyte_active_row <- integrationtests._airbyte_test_normalization.dedup_exchange_rate_stg.date filter
-- edge: _airbyte_active_row <- integrationtests._airbyte_test_normalization.dedup_exchange_rate_stg._airbyte_emitted_at filter
-- edge: _airbyte_ab_id <- integrationtests._airbyte_test_normalization.dedup_exchange_rate_stg._airbyte_ab_id copy
-- edge: _airbyte_emitted_at <- integrationtests._airbyte_test_normalization.dedup_exchange_rate_stg._airbyte_emitted_at copy
-- edge: _airbyte_normalized_at <- (none)
-- edge: _airbyte_dedup_exchange_rate_hashid <- integrationtests._airbyte_test_normalization.dedup_exchange_rate_stg._airbyte_dedup_exchange_rate_hashid copy
-- depends on: ref('dedup_exchange_rate_stg')
with

input_data as (
    select *
    from "integrationtests"._airbyte_test_normalization."dedup_exchange_rate_stg"
    -- dedup_exchange_rate from "integrationtests".test_normalization._airbyte_raw_dedup_exchange_rate
),

scd_data as (
    -- SQL model to build a Type 2 Slowly Changing Dimension (SCD) table for each record identified by their primary key
    select
      md5(cast(coalesce(cast(id as text), '') || '-' || coalesce(cast(currency as text), '') || '-' || coalesce(cast(nzd as text), '') as text)) as _airbyte_unique_key,
      id,
      currency,
      date,
      timestamp_col,
      "hkd@spéçiäl & characters",
      hkd_special___characters,
      nzd,
      usd,
      date as _airbyte_start_at,
      lag(date) over (
        partition by id, currency, cast(nzd as text)
        order by
            date is null asc,
            date desc,
            _airbyte_emitted_at desc
      ) as _airbyte_end_at,
      case when row_number() over (
        partition by id, currency, cast(nzd as text)
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
        md5(cast(coalesce(cast(_airbyte_unique_key as text), '') || '-' || coalesce(cast(_airbyte_start_at as text), '') || '-' || coalesce(cast(_airbyte_emitted_at as text), '') as text)) as _airbyte_unique_key_scd,
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
    "hkd@spéçiäl & characters",
    hkd_special___characters,
    nzd,
    usd,
    _airbyte_start_at,
    _airbyte_end_at,
    _airbyte_active_row,
    _airbyte_ab_id,
    _airbyte_emitted_at,
    getdate() as _airbyte_normalized_at,
    _airbyte_dedup_exchange_rate_hashid
from dedup_data where _airbyte_row_num = 1

-- case: rs_split_part_percentile_window
-- relation: dev.members.member: member_id, ssn, email, birth_date, plan
-- relation: dev.claims.claim: claim_id, member_id, paid, service_date
-- note: split_part is a string function (derived); date_part(year, ...) then integer arithmetic is generalized; md5 of a concatenation hashes both; percentile_cont ... within group (order by c.paid) over (partition by m.plan) aggregates paid with plan as its window filter; nvl derived.
-- edge: email_domain <- dev.members.member.email derived
-- edge: birth_decade <- dev.members.member.birth_date generalized
-- edge: member_key <- dev.members.member.member_id hashed
-- edge: member_key <- dev.members.member.ssn hashed
-- edge: plan_median_paid <- dev.claims.claim.paid aggregated
-- edge: plan_median_paid <- dev.members.member.plan filter
-- edge: paid <- dev.claims.claim.paid derived
select
    split_part(m.email, '@', 2) as email_domain,
    date_part(year, m.birth_date)::int / 10 * 10 as birth_decade,
    md5(m.member_id || m.ssn) as member_key,
    percentile_cont(0.5) within group (order by c.paid) over (partition by m.plan) as plan_median_paid,
    nvl(c.paid, 0) as paid
from dev.members.member m
left join dev.claims.claim c on c.member_id = m.member_id

-- case: rs_qualify_lag_datediff
-- relation: dev.ehr.admissions: admission_id, patient_id, admit_date, discharge_date, ward
-- note: datediff(day, ...) is generalized for both dates; lag copies discharge_date with PARTITION BY patient_id and ORDER BY admit_date as filters; QUALIFY (supported by Redshift) picks rows only.
-- edge: patient_id <- dev.ehr.admissions.patient_id copy
-- edge: admit_date <- dev.ehr.admissions.admit_date copy
-- edge: los_days <- dev.ehr.admissions.admit_date generalized
-- edge: los_days <- dev.ehr.admissions.discharge_date generalized
-- edge: prev_discharge <- dev.ehr.admissions.discharge_date copy
-- edge: prev_discharge <- dev.ehr.admissions.patient_id filter
-- edge: prev_discharge <- dev.ehr.admissions.admit_date filter
select
    patient_id,
    admit_date,
    datediff(day, admit_date, discharge_date) as los_days,
    lag(discharge_date) over (partition by patient_id order by admit_date) as prev_discharge
from dev.ehr.admissions
qualify row_number() over (partition by patient_id order by admit_date desc) <= 5

-- case: rs_dangling_comparison
-- relation: dev.ehr.admissions: admission_id, patient_id, admit_date, discharge_date, ward
-- note: the WHERE ends in the middle of a comparison.
-- unresolved: syntax error
select patient_id, admit_date from dev.ehr.admissions where admit_date >

-- case: rs_jinja_if_target
-- relation: dev.ehr.admissions: admission_id, patient_id, admit_date, discharge_date, ward
-- note: a Jinja block on the target name left in.
-- unresolved: jinja
select patient_id, ward from dev.ehr.admissions
{%- if target.name == 'dev' %} limit 100 {% endif %}
