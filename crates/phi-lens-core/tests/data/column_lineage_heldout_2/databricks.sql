-- case: airbyte_dbx_double_array_data
-- origin: github airbytehq/airbyte @ 0232182c36a70851cea23d5bc0630a211d0124f3 airbyte-integrations/bases/base-normalization/integration_tests/normalization_test_output/databricks/test_nested_streams/first_output/airbyte_incremental/test_normalization/nested_stream_with_complex_columns_resulting_into_long_names_partition_double_array_data.sql (dbt-databricks compiled output committed as a test fixture; the `create or replace table ... using delta as` wrapper dropped, the SELECT verbatim; the partition table's columns assumed from the partition model's outputs in the same fixtures)
-- relation: test_normalization.nested_stream_with_complex_columns_resulting_into_long_names_partition: _airbyte_nested_stream_with_complex_columns_resulting_into_long_names_hashid, double_array_data, data, _airbyte_ab_id, _airbyte_emitted_at, _airbyte_normalized_at, _airbyte_partition_hashid
-- note: LATERAL VIEW OUTER explode(from_json(double_array_data, 'array<string>')) AS _airbyte_nested_data (a column alias with no table alias): each element is derived from double_array_data and get_json_object of it is derived. CURRENT_TIMESTAMP (no parentheses) has no upstream; md5 hashes the partition hashid and id.
-- edge: _airbyte_partition_hashid <- test_normalization.nested_stream_with_complex_columns_resulting_into_long_names_partition._airbyte_partition_hashid copy
-- edge: id <- test_normalization.nested_stream_with_complex_columns_resulting_into_long_names_partition.double_array_data derived
-- edge: _airbyte_ab_id <- test_normalization.nested_stream_with_complex_columns_resulting_into_long_names_partition._airbyte_ab_id copy
-- edge: _airbyte_emitted_at <- test_normalization.nested_stream_with_complex_columns_resulting_into_long_names_partition._airbyte_emitted_at copy
-- edge: _airbyte_normalized_at <- (none)
-- edge: _airbyte_double_array_data_hashid <- test_normalization.nested_stream_with_complex_columns_resulting_into_long_names_partition._airbyte_partition_hashid hashed
-- edge: _airbyte_double_array_data_hashid <- test_normalization.nested_stream_with_complex_columns_resulting_into_long_names_partition.double_array_data hashed
with __dbt__cte__nested_stream_with_complex_columns_resulting_into_long_names_partition_double_array_data_ab1 as (

-- SQL model to parse JSON blob stored in a single column and extract into separated field columns as described by the JSON Schema
-- depends_on: test_normalization.nested_stream_with_complex_columns_resulting_into_long_names_partition

select
    _airbyte_partition_hashid,
    get_json_object(_airbyte_nested_data, '$.id') as id,
    _airbyte_ab_id,
    _airbyte_emitted_at,
    
    CURRENT_TIMESTAMP
 as _airbyte_normalized_at
from test_normalization.nested_stream_with_complex_columns_resulting_into_long_names_partition as table_alias
-- double_array_data at nested_stream_with_complex_columns_resulting_into_long_names/partition/double_array_data
lateral view outer explode(from_json(double_array_data, 'array<string>')) as _airbyte_nested_data
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
    
    CURRENT_TIMESTAMP
 as _airbyte_normalized_at
from __dbt__cte__nested_stream_with_complex_columns_resulting_into_long_names_partition_double_array_data_ab1
-- double_array_data at nested_stream_with_complex_columns_resulting_into_long_names/partition/double_array_data
where 1 = 1

),  __dbt__cte__nested_stream_with_complex_columns_resulting_into_long_names_partition_double_array_data_ab3 as (

-- SQL model to build a hash column based on the values of this record
-- depends_on: __dbt__cte__nested_stream_with_complex_columns_resulting_into_long_names_partition_double_array_data_ab2
select
    md5(cast(coalesce(cast(_airbyte_partition_hashid as 
    string
), '') || '-' || coalesce(cast(id as 
    string
), '') as 
    string
)) as _airbyte_double_array_data_hashid,
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
    
    CURRENT_TIMESTAMP
 as _airbyte_normalized_at,
    _airbyte_double_array_data_hashid
from __dbt__cte__nested_stream_with_complex_columns_resulting_into_long_names_partition_double_array_data_ab3
-- double_array_data at nested_stream_with_complex_columns_resulting_into_long_names/partition/double_array_data from test_normalization.nested_stream_with_complex_columns_resulting_into_long_names_partition
where 1 = 1

-- case: airbyte_dbx_multiple_column_names_conflicts_stg
-- origin: github airbytehq/airbyte @ bb8f79ef642dfe82473df72276ae2497ca163a37 airbyte-integrations/bases/base-normalization/integration_tests/normalization_test_output/databricks/test_simple_streams/first_output/airbyte_views/test_normalization/multiple_column_names_conflicts_stg.sql (dbt-databricks compiled output committed as a test fixture; the `create or replace view ... as` wrapper dropped, the SELECT verbatim; the raw table's columns are Airbyte's raw-table columns)
-- relation: test_normalization._airbyte_raw_multiple_column_names_conflicts: _airbyte_ab_id, _airbyte_data, _airbyte_emitted_at
-- note: seven get_json_object paths of _airbyte_data (derived) whose aliases differ only in case or suffix (User_Id, user_id_1, User_id_2, user_id_3, User_Id_4, UserId): Databricks names are case-insensitive but these seven stay distinct. `tmp.*` expands ab2's ten columns; md5 hashes all seven (from _airbyte_data).
-- edge: _airbyte_multiple_column_names_conflicts_hashid <- test_normalization._airbyte_raw_multiple_column_names_conflicts._airbyte_data hashed
-- edge: id <- test_normalization._airbyte_raw_multiple_column_names_conflicts._airbyte_data derived
-- edge: User_Id <- test_normalization._airbyte_raw_multiple_column_names_conflicts._airbyte_data derived
-- edge: user_id_1 <- test_normalization._airbyte_raw_multiple_column_names_conflicts._airbyte_data derived
-- edge: User_id_2 <- test_normalization._airbyte_raw_multiple_column_names_conflicts._airbyte_data derived
-- edge: user_id_3 <- test_normalization._airbyte_raw_multiple_column_names_conflicts._airbyte_data derived
-- edge: User_Id_4 <- test_normalization._airbyte_raw_multiple_column_names_conflicts._airbyte_data derived
-- edge: UserId <- test_normalization._airbyte_raw_multiple_column_names_conflicts._airbyte_data derived
-- edge: _airbyte_ab_id <- test_normalization._airbyte_raw_multiple_column_names_conflicts._airbyte_ab_id copy
-- edge: _airbyte_emitted_at <- test_normalization._airbyte_raw_multiple_column_names_conflicts._airbyte_emitted_at copy
-- edge: _airbyte_normalized_at <- (none)
with __dbt__cte__multiple_column_names_conflicts_ab1 as (

-- SQL model to parse JSON blob stored in a single column and extract into separated field columns as described by the JSON Schema
-- depends_on: test_normalization._airbyte_raw_multiple_column_names_conflicts
select
    get_json_object(_airbyte_data, '$.id') as id,
    get_json_object(_airbyte_data, '$.User Id') as User_Id,
    get_json_object(_airbyte_data, '$.user_id') as user_id_1,
    get_json_object(_airbyte_data, '$.User id') as User_id_2,
    get_json_object(_airbyte_data, '$.user id') as user_id_3,
    get_json_object(_airbyte_data, '$.User@Id') as User_Id_4,
    get_json_object(_airbyte_data, '$.UserId') as UserId,
    _airbyte_ab_id,
    _airbyte_emitted_at,
    
    CURRENT_TIMESTAMP
 as _airbyte_normalized_at
from test_normalization._airbyte_raw_multiple_column_names_conflicts as table_alias
-- multiple_column_names_conflicts
where 1 = 1

),  __dbt__cte__multiple_column_names_conflicts_ab2 as (

-- SQL model to cast each column to its adequate SQL type converted from the JSON schema type
-- depends_on: __dbt__cte__multiple_column_names_conflicts_ab1
select
    cast(id as 
    BIGINT
) as id,
    cast(User_Id as 
    string
) as User_Id,
    cast(user_id_1 as 
    float
) as user_id_1,
    cast(User_id_2 as 
    float
) as User_id_2,
    cast(user_id_3 as 
    float
) as user_id_3,
    cast(User_Id_4 as 
    string
) as User_Id_4,
    cast(UserId as 
    float
) as UserId,
    _airbyte_ab_id,
    _airbyte_emitted_at,
    
    CURRENT_TIMESTAMP
 as _airbyte_normalized_at
from __dbt__cte__multiple_column_names_conflicts_ab1
-- multiple_column_names_conflicts
where 1 = 1

)-- SQL model to build a hash column based on the values of this record
-- depends_on: __dbt__cte__multiple_column_names_conflicts_ab2
select
    md5(cast(coalesce(cast(id as 
    string
), '') || '-' || coalesce(cast(User_Id as 
    string
), '') || '-' || coalesce(cast(user_id_1 as 
    string
), '') || '-' || coalesce(cast(User_id_2 as 
    string
), '') || '-' || coalesce(cast(user_id_3 as 
    string
), '') || '-' || coalesce(cast(User_Id_4 as 
    string
), '') || '-' || coalesce(cast(UserId as 
    string
), '') as 
    string
)) as _airbyte_multiple_column_names_conflicts_hashid,
    tmp.*
from __dbt__cte__multiple_column_names_conflicts_ab2 tmp
-- multiple_column_names_conflicts
where 1 = 1

-- case: dbx_higher_order_functions
-- relation: main.ehr.encounters: encounter_id, patient_id, diagnoses, raw
-- note: transform() and filter() with lambdas return array elements of diagnoses (derived); from_json(raw, ...).mrn is a JSON field (derived); xxhash64 hashed.
-- edge: encounter_id <- main.ehr.encounters.encounter_id copy
-- edge: dx_codes_upper <- main.ehr.encounters.diagnoses derived
-- edge: primary_dx <- main.ehr.encounters.diagnoses derived
-- edge: mrn <- main.ehr.encounters.raw derived
-- edge: patient_hash <- main.ehr.encounters.patient_id hashed
select
    encounter_id,
    transform(diagnoses, d -> upper(d.code)) as dx_codes_upper,
    filter(diagnoses, d -> d.is_primary) as primary_dx,
    from_json(raw, 'struct<mrn:string>').mrn as mrn,
    xxhash64(patient_id) as patient_hash
from main.ehr.encounters

-- case: dbx_inline_outer_qualify
-- relation: main.ehr.patients: patient_id, ssn, dob, addresses
-- note: LATERAL VIEW OUTER inline(addresses) AS street, city, zip names the struct fields of each element (derived from addresses); year() generalized; QUALIFY picks rows only.
-- edge: patient_id <- main.ehr.patients.patient_id copy
-- edge: city <- main.ehr.patients.addresses derived
-- edge: zip <- main.ehr.patients.addresses derived
-- edge: birth_year <- main.ehr.patients.dob generalized
select p.patient_id, a.city, a.zip, year(p.dob) as birth_year
from main.ehr.patients p
lateral view outer inline(p.addresses) a as street, city, zip
qualify row_number() over (partition by p.patient_id order by a.zip) = 1

-- case: dbx_cte_lead_case_conditions
-- relation: main.ehr.admissions: admission_id, patient_id, admit_ts, discharge_ts, ward
-- note: next_admit is lead(admit_ts) over (partition by patient_id order by admit_ts): admit_ts copy, patient_id filter. readmit_flag's CASE returns literals and tests datediff(next_admit, discharge_ts): every column under the condition is a filter edge (admit_ts, discharge_ts, and patient_id through the window). date_add is date arithmetic (derived); concat_ws of date_format (a conversion) derived.
-- edge: patient_id <- main.ehr.admissions.patient_id copy
-- edge: readmit_flag <- main.ehr.admissions.admit_ts filter
-- edge: readmit_flag <- main.ehr.admissions.discharge_ts filter
-- edge: readmit_flag <- main.ehr.admissions.patient_id filter
-- edge: followup_due <- main.ehr.admissions.discharge_ts derived
-- edge: ward_month <- main.ehr.admissions.ward derived
-- edge: ward_month <- main.ehr.admissions.admit_ts derived
with enc as (
  select patient_id, admit_ts, discharge_ts, ward,
         lead(admit_ts) over (partition by patient_id order by admit_ts) as next_admit
  from main.ehr.admissions
)
select patient_id,
  case when datediff(next_admit, discharge_ts) <= 30 then 'readmit' else 'none' end as readmit_flag,
  date_add(discharge_ts, 30) as followup_due,
  concat_ws('-', ward, date_format(admit_ts, 'yyyy-MM')) as ward_month
from enc

-- case: dbx_path_table_star
-- relation: main.ehr.patients: patient_id, ssn, dob, addresses
-- note: a file path queried as a table (json.`...`): its columns are in no catalog, so `*` cannot be expanded.
-- unresolved: missing catalog
select * from json.`/mnt/raw/patients/2024/`

-- case: dbx_dangling_qualify
-- relation: main.ehr.patients: patient_id, ssn, dob, addresses
-- note: QUALIFY with no condition.
-- unresolved: syntax error
select patient_id, dob from main.ehr.patients qualify
