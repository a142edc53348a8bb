-- case: aidbox_dim_patient_incremental
-- origin: ../shared/corpus/aidbox_dbt-sample-project-1.5.1 model.AidboxProject.dim_patient (verbatim; relations from its catalog; dim_patient's own columns are its outputs)
-- relation: cdrdemo.dbt.seed_identifiers: alias, system
-- relation: cdrdemo.dbt.seed_extension: alias, url
-- relation: cdrdemo.dbt.seed_codesystems: alias, system
-- relation: cdrdemo.dbt_fhir.Patient: id, txid, cts, ts, resource_type, status, resource
-- relation: cdrdemo.dbt.dim_patient: id, ts, age, synthea_id, ssn, mrn, gender, alive, race, ethnicity, birthsex, birthdate, birth_year, deceased, deceased_year, state, ms_code, ms_display, language_code, language_display
-- note: the incremental filter `ts > (select max(ts) from <this model>)` is in WHERE: upstream of nothing. #>> paths on the jsonb "resource" are derived, extract/DATE_PART(AGE()) generalized. Following the second held-out set, the seeds' system/url returned by an uncorrelated scalar subquery build the jsonpath, so they are derived edges too. alive is COALESCE of a comparison (> NOW()), a NOT of a boolean path and true: predicates, generalized.
-- edge: id <- cdrdemo.dbt_fhir.Patient.id copy
-- edge: ts <- cdrdemo.dbt_fhir.Patient.ts copy
-- edge: age <- cdrdemo.dbt_fhir.Patient.resource generalized
-- edge: synthea_id <- cdrdemo.dbt_fhir.Patient.resource derived
-- edge: synthea_id <- cdrdemo.dbt.seed_identifiers.system derived
-- edge: ssn <- cdrdemo.dbt_fhir.Patient.resource derived
-- edge: ssn <- cdrdemo.dbt.seed_identifiers.system derived
-- edge: mrn <- cdrdemo.dbt_fhir.Patient.resource derived
-- edge: mrn <- cdrdemo.dbt.seed_identifiers.system derived
-- edge: gender <- cdrdemo.dbt_fhir.Patient.resource derived
-- edge: alive <- cdrdemo.dbt_fhir.Patient.resource generalized
-- edge: race <- cdrdemo.dbt_fhir.Patient.resource derived
-- edge: race <- cdrdemo.dbt.seed_extension.url derived
-- edge: ethnicity <- cdrdemo.dbt_fhir.Patient.resource derived
-- edge: ethnicity <- cdrdemo.dbt.seed_extension.url derived
-- edge: birthsex <- cdrdemo.dbt_fhir.Patient.resource derived
-- edge: birthsex <- cdrdemo.dbt.seed_extension.url derived
-- edge: birthdate <- cdrdemo.dbt_fhir.Patient.resource derived
-- edge: birth_year <- cdrdemo.dbt_fhir.Patient.resource generalized
-- edge: deceased <- cdrdemo.dbt_fhir.Patient.resource derived
-- edge: deceased_year <- cdrdemo.dbt_fhir.Patient.resource generalized
-- edge: state <- cdrdemo.dbt_fhir.Patient.resource derived
-- edge: ms_code <- cdrdemo.dbt_fhir.Patient.resource derived
-- edge: ms_code <- cdrdemo.dbt.seed_codesystems.system derived
-- edge: ms_display <- cdrdemo.dbt_fhir.Patient.resource derived
-- edge: ms_display <- cdrdemo.dbt.seed_codesystems.system derived
-- edge: language_code <- cdrdemo.dbt_fhir.Patient.resource derived
-- edge: language_code <- cdrdemo.dbt.seed_codesystems.system derived
-- edge: language_display <- cdrdemo.dbt_fhir.Patient.resource derived
-- edge: language_display <- cdrdemo.dbt.seed_codesystems.system derived
  SELECT id
         , ts
         , DATE_PART('year', AGE(date("resource" #>>'{birthDate}'))) age
         , (trim('"' FROM (jsonb_path_query_first("resource", concat('$.identifier ?(@.system=="', (SELECT system FROM "cdrdemo"."dbt"."seed_identifiers" WHERE alias = 'synthea' limit 1), '").value')::jsonpath))::text)) synthea_id
         , (trim('"' FROM (jsonb_path_query_first("resource", concat('$.identifier ?(@.system=="', (SELECT system FROM "cdrdemo"."dbt"."seed_identifiers" WHERE alias = 'ssn' limit 1), '").value')::jsonpath))::text)) ssn
         , (trim('"' FROM (jsonb_path_query_first("resource", concat('$.identifier ?(@.system=="', (SELECT system FROM "cdrdemo"."dbt"."seed_identifiers" WHERE alias = 'mrn' limit 1), '").value')::jsonpath))::text)) mrn
         , ("resource" #>>'{gender}' ) gender
         , (COALESCE((("resource"#>>'{deceased, dateTime}')::timestamp > NOW()),
              (not(("resource"#>>'{deceased, boolean}')::boolean)),
              true)) alive
         , (trim('"' FROM (jsonb_path_query_first("resource", concat('$.extension ? (@.url == "', (SELECT url FROM "cdrdemo"."dbt"."seed_extension" WHERE alias = 'us-race' limit 1), '").extension.valueString')::jsonpath))::TEXT)) race
         , (trim('"' FROM (jsonb_path_query_first("resource", concat('$.extension ? (@.url == "', (SELECT url FROM "cdrdemo"."dbt"."seed_extension" WHERE alias = 'us-ethnicity' limit 1), '").extension.valueString')::jsonpath))::TEXT)) ethnicity
         , (trim('"' FROM (jsonb_path_query_first("resource", concat('$.extension ? (@.url == "', (SELECT url FROM "cdrdemo"."dbt"."seed_extension" WHERE alias = 'us-birthsex' limit 1), '").valueCode')::jsonpath))::TEXT)) birthsex
         , ("resource"#>>'{ birthDate }')::date birthdate
         , extract('YEAR' from ("resource"#>>'{ birthDate }')::date) birth_year
         , ("resource"#>>'{ deceased,dateTime }')::date deceased 
         , extract('YEAR' from ("resource"#>>'{ deceased,dateTime }')::date) deceased_year
         , ("resource"#>>'{ address,0,state }') state 
         , (trim('"' FROM (jsonb_path_query_first("resource", concat('$.maritalStatus.coding ?(@.system=="', (SELECT system FROM "cdrdemo"."dbt"."seed_codesystems" WHERE alias = 'MaritalStatus' limit 1), '").code')::jsonpath))::text)) ms_code
         , (trim('"' FROM (jsonb_path_query_first("resource", concat('$.maritalStatus.coding ?(@.system=="', (SELECT system FROM "cdrdemo"."dbt"."seed_codesystems" WHERE alias = 'MaritalStatus' limit 1), '").display')::jsonpath))::text)) ms_display
         , (trim('"' FROM (jsonb_path_query_first("resource", concat('$.communication.language.coding ?(@.system=="', (SELECT system FROM "cdrdemo"."dbt"."seed_codesystems" WHERE alias = 'language' limit 1), '").code')::jsonpath))::text)) language_code
         , (trim('"' FROM (jsonb_path_query_first("resource", concat('$.communication.language.coding ?(@.system=="', (SELECT system FROM "cdrdemo"."dbt"."seed_codesystems" WHERE alias = 'language' limit 1), '").display')::jsonpath))::text)) language_display
    FROM "cdrdemo"."dbt_fhir"."Patient" p


   WHERE ts > (select max(ts) from "cdrdemo"."dbt"."dim_patient")

-- case: airbyte_pg_double_array_jsonb_elements
-- origin: github airbytehq/airbyte @ 7af5f53bb6b6efca3d566a343ff81e5352dd6185 airbyte-integrations/bases/base-normalization/integration_tests/normalization_test_output/postgres/test_nested_streams/first_output/airbyte_incremental/test_normalization/nested_stream_with_c__ion_double_array_data.sql (dbt-postgres compiled output committed as a test fixture; the `create table ... as (` wrapper and its closing `);` dropped, the SELECT verbatim; the partition table's columns assumed from the partition model's outputs in the same fixtures)
-- relation: postgres.test_normalization.nested_stream_with_c___long_names_partition: _airbyte_nested_stre__nto_long_names_hashid, double_array_data, DATA, _airbyte_ab_id, _airbyte_emitted_at, _airbyte_normalized_at, _airbyte_partition_hashid
-- note: `cross join jsonb_array_elements(case jsonb_typeof(x) when 'array' then x else '[]' end) as _airbyte_nested_data`: a set-returning function whose alias is also its one column; each element is derived from double_array_data (the CASE tests and returns the same column: a value), and jsonb_extract_path_text of it is derived. now() has no upstream; md5 hashes the partition hashid and (through id) double_array_data.
-- edge: _airbyte_partition_hashid <- postgres.test_normalization.nested_stream_with_c___long_names_partition._airbyte_partition_hashid copy
-- edge: id <- postgres.test_normalization.nested_stream_with_c___long_names_partition.double_array_data derived
-- edge: _airbyte_ab_id <- postgres.test_normalization.nested_stream_with_c___long_names_partition._airbyte_ab_id copy
-- edge: _airbyte_emitted_at <- postgres.test_normalization.nested_stream_with_c___long_names_partition._airbyte_emitted_at copy
-- edge: _airbyte_normalized_at <- (none)
-- edge: _airbyte_double_array_data_hashid <- postgres.test_normalization.nested_stream_with_c___long_names_partition._airbyte_partition_hashid hashed
-- edge: _airbyte_double_array_data_hashid <- postgres.test_normalization.nested_stream_with_c___long_names_partition.double_array_data hashed
with __dbt__cte__nested_stream_with_c__ion_double_array_data_ab1 as (

-- SQL model to parse JSON blob stored in a single column and extract into separated field columns as described by the JSON Schema

select
    _airbyte_partition_hashid,
    jsonb_extract_path_text(_airbyte_nested_data, 'id') as "id",
    _airbyte_ab_id,
    _airbyte_emitted_at,
    now() as _airbyte_normalized_at
from "postgres".test_normalization."nested_stream_with_c___long_names_partition" as table_alias
-- double_array_data at nested_stream_with_complex_columns_resulting_into_long_names/partition/double_array_data
cross join jsonb_array_elements(
        case jsonb_typeof(double_array_data)
        when 'array' then double_array_data
        else '[]' end
    ) as _airbyte_nested_data
where 1 = 1
and double_array_data is not null

),  __dbt__cte__nested_stream_with_c__ion_double_array_data_ab2 as (

-- SQL model to cast each column to its adequate SQL type converted from the JSON schema type
select
    _airbyte_partition_hashid,
    cast("id" as 
    varchar
) as "id",
    _airbyte_ab_id,
    _airbyte_emitted_at,
    now() as _airbyte_normalized_at
from __dbt__cte__nested_stream_with_c__ion_double_array_data_ab1
-- double_array_data at nested_stream_with_complex_columns_resulting_into_long_names/partition/double_array_data
where 1 = 1

),  __dbt__cte__nested_stream_with_c__ion_double_array_data_ab3 as (

-- SQL model to build a hash column based on the values of this record
select
    md5(cast(coalesce(cast(_airbyte_partition_hashid as 
    varchar
), '') || '-' || coalesce(cast("id" as 
    varchar
), '') as 
    varchar
)) as _airbyte_double_array_data_hashid,
    tmp.*
from __dbt__cte__nested_stream_with_c__ion_double_array_data_ab2 tmp
-- double_array_data at nested_stream_with_complex_columns_resulting_into_long_names/partition/double_array_data
where 1 = 1

)-- Final base SQL model
select
    _airbyte_partition_hashid,
    "id",
    _airbyte_ab_id,
    _airbyte_emitted_at,
    now() as _airbyte_normalized_at,
    _airbyte_double_array_data_hashid
from __dbt__cte__nested_stream_with_c__ion_double_array_data_ab3
-- double_array_data at nested_stream_with_complex_columns_resulting_into_long_names/partition/double_array_data from "postgres".test_normalization."nested_stream_with_c___long_names_partition"
where 1 = 1

-- case: airbyte_pg_nested_stream_stg
-- origin: github airbytehq/airbyte @ 98ab6259057ccaf7f8b89d62f9afc8352ec30322 airbyte-integrations/bases/base-normalization/integration_tests/normalization_test_output/postgres/test_nested_streams/first_output/airbyte_incremental/test_normalization/nested_stream_with_c__lting_into_long_names_stg.sql (dbt-postgres compiled output committed as a test fixture; wrapper dropped, the SELECT verbatim; the raw table's columns are Airbyte's raw-table columns)
-- relation: postgres.test_normalization._airbyte_raw_nested_stream_with_complex_columns_resulting_into_long_names: _airbyte_ab_id, _airbyte_data, _airbyte_emitted_at
-- note: quoted "id", "date", "partition" outputs (reserved-ish names kept quoted); jsonb_extract_path(_text) of _airbyte_data is derived, casts copies; `tmp.*` expands ab2's six columns after the md5 hash of the three JSON fields (hashed from _airbyte_data).
-- edge: _airbyte_nested_stre__nto_long_names_hashid <- postgres.test_normalization._airbyte_raw_nested_stream_with_complex_columns_resulting_into_long_names._airbyte_data hashed
-- edge: id <- postgres.test_normalization._airbyte_raw_nested_stream_with_complex_columns_resulting_into_long_names._airbyte_data derived
-- edge: date <- postgres.test_normalization._airbyte_raw_nested_stream_with_complex_columns_resulting_into_long_names._airbyte_data derived
-- edge: partition <- postgres.test_normalization._airbyte_raw_nested_stream_with_complex_columns_resulting_into_long_names._airbyte_data derived
-- edge: _airbyte_ab_id <- postgres.test_normalization._airbyte_raw_nested_stream_with_complex_columns_resulting_into_long_names._airbyte_ab_id copy
-- edge: _airbyte_emitted_at <- postgres.test_normalization._airbyte_raw_nested_stream_with_complex_columns_resulting_into_long_names._airbyte_emitted_at copy
-- edge: _airbyte_normalized_at <- (none)
with __dbt__cte__nested_stream_with_c__lting_into_long_names_ab1 as (

-- SQL model to parse JSON blob stored in a single column and extract into separated field columns as described by the JSON Schema
-- depends_on: "postgres".test_normalization._airbyte_raw_nested_stream_with_complex_columns_resulting_into_long_names
select
    jsonb_extract_path_text(_airbyte_data, 'id') as "id",
    jsonb_extract_path_text(_airbyte_data, 'date') as "date",
    
        jsonb_extract_path(table_alias._airbyte_data, 'partition')
     as "partition",
    _airbyte_ab_id,
    _airbyte_emitted_at,
    now() as _airbyte_normalized_at
from "postgres".test_normalization._airbyte_raw_nested_stream_with_complex_columns_resulting_into_long_names as table_alias
-- nested_stream_with_c__lting_into_long_names
where 1 = 1

),  __dbt__cte__nested_stream_with_c__lting_into_long_names_ab2 as (

-- SQL model to cast each column to its adequate SQL type converted from the JSON schema type
-- depends_on: __dbt__cte__nested_stream_with_c__lting_into_long_names_ab1
select
    cast("id" as 
    varchar
) as "id",
    cast("date" as 
    varchar
) as "date",
    cast("partition" as 
    jsonb
) as "partition",
    _airbyte_ab_id,
    _airbyte_emitted_at,
    now() as _airbyte_normalized_at
from __dbt__cte__nested_stream_with_c__lting_into_long_names_ab1
-- nested_stream_with_c__lting_into_long_names
where 1 = 1

)-- SQL model to build a hash column based on the values of this record
-- depends_on: __dbt__cte__nested_stream_with_c__lting_into_long_names_ab2
select
    md5(cast(coalesce(cast("id" as 
    varchar
), '') || '-' || coalesce(cast("date" as 
    varchar
), '') || '-' || coalesce(cast("partition" as 
    varchar
), '') as 
    varchar
)) as _airbyte_nested_stre__nto_long_names_hashid,
    tmp.*
from __dbt__cte__nested_stream_with_c__lting_into_long_names_ab2 tmp
-- nested_stream_with_c__lting_into_long_names
where 1 = 1

-- case: aidbox_fact_allergyintolerance_raw_jinja
-- origin: ../shared/corpus/aidbox_dbt-sample-project-1.5.1 model.AidboxProject.fact_allergyintolerance raw_code (the uncompiled model, verbatim up to its trailing comment block, which is dropped)
-- relation: cdrdemo.dbt_fhir.AllergyIntolerance: id, txid, cts, ts, resource_type, status, resource
-- note: config(), aidbox.path()/codesystem_code() macro calls, ref() and an is_incremental() block are left in.
-- unresolved: jinja
{{
     config(
          materialized='incremental',
          unique_key='id',
          indexes=[{'columns': ['id']},
                   {'columns': ['ts']}]
    )
}}

SELECT   id::uuid
       , ts
       , {{ aidbox.path('type')}} type
       , {{ aidbox.path('criticality')}} criticality
       , {{ aidbox.path('patient,id')}}::uuid patient_id
       , {{ aidbox.path('recordedDate')}}::date recorded
       , COALESCE({{ aidbox.codesystem_code('code', 'SNOMED CT-INT')}}, 
                  {{ aidbox.codesystem_code('code', 'rxnorm')}})  code_code
       , COALESCE({{ aidbox.codesystem_display('code', 'SNOMED CT-INT')}}, 
                  {{ aidbox.codesystem_display('code', 'rxnorm')}})  code_display
       , {{ aidbox.codesystem_code('clinicalStatus', 'allergyintolerance-clinical')}} clinical_status
       , {{ aidbox.codesystem_code('verificationStatus', 'allergyintolerance-verstatus')}} verification_status

  FROM {{ ref('aidbox', 'AllergyIntolerance') }}

{% if is_incremental() %}
 WHERE ts > (select max(ts) from {{ this }})
{% endif %}

-- case: pg_lateral_distinct_on_filter_window
-- relation: ehr.public.patients: patient_id, first_name, last_name, birth_date, zip, ssn
-- relation: ehr.public.labs: lab_id, patient_id, loinc, value_num, collected_at
-- note: a LEFT JOIN LATERAL subquery aggregates per patient (its WHERE reaches nothing). sha256 wrapped in encode(convert_to()) is hashed. count(*) FILTER (WHERE ...) OVER (PARTITION BY zip) counts no column: last_value (an aggregate of value_num) only picks rows (filter), zip is the partition (filter). DISTINCT ON and ORDER BY pick rows only.
-- edge: patient_id <- ehr.public.patients.patient_id copy
-- edge: display_name <- ehr.public.patients.last_name derived
-- edge: display_name <- ehr.public.patients.first_name derived
-- edge: age_years <- ehr.public.patients.birth_date generalized
-- edge: zip3 <- ehr.public.patients.zip generalized
-- edge: ssn_hash <- ehr.public.patients.ssn hashed
-- edge: last_value <- ehr.public.labs.value_num aggregated
-- edge: n_labs <- ehr.public.labs.lab_id aggregated
-- edge: high_in_zip <- ehr.public.labs.value_num filter
-- edge: high_in_zip <- ehr.public.patients.zip filter
select distinct on (p.patient_id)
    p.patient_id,
    initcap(p.last_name) || ', ' || p.first_name as display_name,
    extract(year from age(current_date, p.birth_date)) as age_years,
    substr(p.zip, 1, 3) as zip3,
    encode(sha256(convert_to(p.ssn, 'UTF8')), 'hex') as ssn_hash,
    l.last_value,
    l.n_labs,
    count(*) filter (where l.last_value > 7) over (partition by p.zip) as high_in_zip
from ehr.public.patients p
left join lateral (
    select max(value_num) as last_value, count(lab_id) as n_labs
    from ehr.public.labs x
    where x.patient_id = p.patient_id and x.loinc = '4548-4'
) l on true
order by p.patient_id, p.birth_date

-- case: pg_recursive_values_except_scalar
-- relation: ehr.public.referrals: referral_id, from_provider, to_provider, referred_on
-- relation: ehr.public.providers: provider_id, npi, specialty
-- note: recursive CTE: root_id and provider_id are copies in the anchor and the step; hops starts at the literal 1 and adds 1 to itself (no upstream). The first correlated scalar subquery returns npi as it is (no aggregate): a copy; the second counts distinct specialties (aggregated). The IN (... EXCEPT ... JOIN VALUES USING) subquery is in WHERE: upstream of nothing.
-- edge: root_id <- ehr.public.referrals.referral_id copy
-- edge: provider_id <- ehr.public.referrals.to_provider copy
-- edge: provider_npi <- ehr.public.providers.npi copy
-- edge: n_specialties <- ehr.public.providers.specialty aggregated
-- edge: hops <- (none)
with recursive chain as (
    select referral_id as root_id, to_provider as provider_id, 1 as hops
    from ehr.public.referrals
    union all
    select c.root_id, r.to_provider, c.hops + 1
    from chain c
    join ehr.public.referrals r on r.from_provider = c.provider_id
    where c.hops < 5
),
excluded(specialty) as (
    values ('Radiology'), ('Pathology')
)
select
    c.root_id,
    c.provider_id,
    (select pr.npi from ehr.public.providers pr where pr.provider_id = c.provider_id) as provider_npi,
    (select count(distinct pr.specialty) from ehr.public.providers pr where pr.provider_id = c.provider_id) as n_specialties,
    c.hops
from chain c
where c.provider_id in (
    select provider_id from ehr.public.providers
    except
    select pr.provider_id from ehr.public.providers pr join excluded e using (specialty)
)

-- case: pg_qualify_not_postgres
-- relation: ehr.public.patients: patient_id, first_name, last_name, birth_date, zip, ssn
-- note: Postgres has no QUALIFY clause (Snowflake/BigQuery/DuckDB/Databricks do): the SQL is not valid Postgres.
-- unresolved: syntax error
select patient_id, zip
from ehr.public.patients
qualify row_number() over (partition by zip order by birth_date) = 1
