-- case: ol_tracking_logs_user_activity_incremental
-- origin: github mitodl/ol-data-platform @ 2fbc0b8e2ad03bc699884eabbddb981395dc0021 src/ol_dbt/models/staging/mitxonline/stg__mitxonline__openedx__tracking_logs__user_activity.sql (dbt-trino project; Jinja rendered by hand as an incremental run: config() → nothing, source() → the raw table, {{ this }} → the model's own staging table, is_incremental() true, extract_course_id_from_tracking_log() → its body from src/ol_dbt/macros/extract_course_id_from_tracking_log.sql @ 5d8a300e254b8c703bd89f3a20b3946044996462 with the regex substituted; the raw table's columns assumed from the model)
-- relation: ol_data_lake_production.ol_warehouse_production_raw.raw__mitxonline__openedx__tracking_logs: username, context, event, event_source, event_type, page, session, ip, host, agent, accept_language, referer, name, time, _airbyte_ab_id, _airbyte_emitted_at, _ab_source_file_last_modified, _ab_source_file_url
-- relation: ol_data_lake_production.ol_warehouse_production_staging.stg__mitxonline__openedx__tracking_logs__user_activity: user_username, useractivity_context_object, useractivity_event_object, useractivity_event_source, useractivity_page_url, useractivity_session_id, useractivity_ip, useractivity_http_host, useractivity_http_user_agent, useractivity_http_accept_language, useractivity_http_referer, useractivity_event_name, useractivity_event_type, courserun_readable_id, openedx_user_id, org_id, useractivity_path, useractivity_timestamp
-- note: the MERGE-free incremental filter `"time" > (select max(this.useractivity_timestamp) from <this model> as this)` and the other WHERE conditions reach nothing; the dedup row_number (row_num) is used only in WHERE, so its columns reach nothing either. json_query(... omit quotes) is a JSON path (derived). The rendered course-id CASE returns json_query(context)/regexp_extract of context, event_type and page, and tests the same columns: values (derived). regexp_replace, from_iso8601_timestamp_nanos and to_iso8601 of time are string functions and conversions (derived). `time` is an unreserved word in Trino.
-- edge: user_username <- ol_data_lake_production.ol_warehouse_production_raw.raw__mitxonline__openedx__tracking_logs.username copy
-- edge: useractivity_context_object <- ol_data_lake_production.ol_warehouse_production_raw.raw__mitxonline__openedx__tracking_logs.context copy
-- edge: useractivity_event_object <- ol_data_lake_production.ol_warehouse_production_raw.raw__mitxonline__openedx__tracking_logs.event copy
-- edge: useractivity_event_source <- ol_data_lake_production.ol_warehouse_production_raw.raw__mitxonline__openedx__tracking_logs.event_source copy
-- edge: useractivity_page_url <- ol_data_lake_production.ol_warehouse_production_raw.raw__mitxonline__openedx__tracking_logs.page copy
-- edge: useractivity_session_id <- ol_data_lake_production.ol_warehouse_production_raw.raw__mitxonline__openedx__tracking_logs.session copy
-- edge: useractivity_ip <- ol_data_lake_production.ol_warehouse_production_raw.raw__mitxonline__openedx__tracking_logs.ip copy
-- edge: useractivity_http_host <- ol_data_lake_production.ol_warehouse_production_raw.raw__mitxonline__openedx__tracking_logs.host copy
-- edge: useractivity_http_user_agent <- ol_data_lake_production.ol_warehouse_production_raw.raw__mitxonline__openedx__tracking_logs.agent copy
-- edge: useractivity_http_accept_language <- ol_data_lake_production.ol_warehouse_production_raw.raw__mitxonline__openedx__tracking_logs.accept_language copy
-- edge: useractivity_http_referer <- ol_data_lake_production.ol_warehouse_production_raw.raw__mitxonline__openedx__tracking_logs.referer copy
-- edge: useractivity_event_name <- ol_data_lake_production.ol_warehouse_production_raw.raw__mitxonline__openedx__tracking_logs.name copy
-- edge: useractivity_event_type <- ol_data_lake_production.ol_warehouse_production_raw.raw__mitxonline__openedx__tracking_logs.event_type copy
-- edge: courserun_readable_id <- ol_data_lake_production.ol_warehouse_production_raw.raw__mitxonline__openedx__tracking_logs.context derived
-- edge: courserun_readable_id <- ol_data_lake_production.ol_warehouse_production_raw.raw__mitxonline__openedx__tracking_logs.event_type derived
-- edge: courserun_readable_id <- ol_data_lake_production.ol_warehouse_production_raw.raw__mitxonline__openedx__tracking_logs.page derived
-- edge: openedx_user_id <- ol_data_lake_production.ol_warehouse_production_raw.raw__mitxonline__openedx__tracking_logs.context derived
-- edge: org_id <- ol_data_lake_production.ol_warehouse_production_raw.raw__mitxonline__openedx__tracking_logs.context derived
-- edge: useractivity_path <- ol_data_lake_production.ol_warehouse_production_raw.raw__mitxonline__openedx__tracking_logs.context derived
-- edge: useractivity_timestamp <- ol_data_lake_production.ol_warehouse_production_raw.raw__mitxonline__openedx__tracking_logs.time derived
-- MITx Online user activities from tracking logs
-- Due to size of the raw table, build this model as incremental and apply dedup on new rows


with source as (
    select * from ol_data_lake_production.ol_warehouse_production_raw.raw__mitxonline__openedx__tracking_logs
    where
        username != ''
        and json_query(context, 'lax $.user_id' omit quotes) is not null
        and json_query(event, 'lax $.exception' omit quotes) is null

    
        and "time" > (select max(this.useractivity_timestamp) from ol_data_lake_production.ol_warehouse_production_staging.stg__mitxonline__openedx__tracking_logs__user_activity as this) --noqa
    
)

, source_sorted as (
    select
        *
        , row_number() over (
            partition by username, context, event_source, event_type, event, "time"  --noqa
            order by _airbyte_emitted_at desc, _ab_source_file_last_modified desc, "time" desc
        ) as row_num
    from source
)

, dedup_source as (
    select *
    from source_sorted
    where row_num = 1
)

, cleaned as (
    select
        username as user_username
        , context as useractivity_context_object
        , event as useractivity_event_object
        , event_source as useractivity_event_source
        , page as useractivity_page_url
        , session as useractivity_session_id
        , ip as useractivity_ip
        , host as useractivity_http_host
        , agent as useractivity_http_user_agent
        , accept_language as useractivity_http_accept_language
        , referer as useractivity_http_referer
        , name as useractivity_event_name
        , event_type as useractivity_event_type
        , 
      case
          when regexp_extract(json_query(context, 'lax $.course_id' omit quotes), 'course-v(\d{1}):([^\/]+)\+([^\/]+)\+([^\/\]]+)') is not null
             then json_query(context, 'lax $.course_id' omit quotes)
          when regexp_extract(json_query(context, 'lax $.path' omit quotes), 'course-v(\d{1}):([^\/]+)\+([^\/]+)\+([^\/\]]+)') is not null
              then regexp_extract(json_query(context, 'lax $.path' omit quotes), 'course-v(\d{1}):([^\/]+)\+([^\/]+)\+([^\/\]]+)')
          when regexp_extract(event_type, 'course-v(\d{1}):([^\/]+)\+([^\/]+)\+([^\/\]]+)') is not null
              then regexp_extract(event_type, 'course-v(\d{1}):([^\/]+)\+([^\/]+)\+([^\/\]]+)')
          when regexp_extract(page, 'course-v(\d{1}):([^\/]+)\+([^\/]+)\+([^\/\]]+)') is not null
              then regexp_extract(page, 'course-v(\d{1}):([^\/]+)\+([^\/]+)\+([^\/\]]+)')
      end
 as courserun_readable_id
        --- extract common fields from context object
        , json_query(context, 'lax $.user_id' omit quotes) as openedx_user_id
        , json_query(context, 'lax $.org_id' omit quotes) as org_id
        , json_query(context, 'lax $.path' omit quotes) as useractivity_path
        --- due to log collector changes, values of time field come with different formats
        , to_iso8601(from_iso8601_timestamp_nanos(
            regexp_replace(time, '(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2}\.\d+)(.*?)', '$1T$2$3') -- noqa
        )) as useractivity_timestamp
    from dedup_source
)

select * from cleaned

-- case: ol_user_courseactivities_daily
-- origin: github mitodl/ol-data-platform @ 17c4cdc5dd26fec9092825d1a1e2cbcc53e3977d src/ol_dbt/models/intermediate/mitxonline/int__mitxonline__user_courseactivities_daily.sql (dbt-trino project; Jinja rendered by hand: ref() → the staging table of the case above, from_iso8601_timestamp(x) → Trino's from_iso8601_timestamp(x); its columns are that model's outputs)
-- relation: ol_data_lake_production.ol_warehouse_production_staging.stg__mitxonline__openedx__tracking_logs__user_activity: user_username, useractivity_context_object, useractivity_event_object, useractivity_event_source, useractivity_page_url, useractivity_session_id, useractivity_ip, useractivity_http_host, useractivity_http_user_agent, useractivity_http_accept_language, useractivity_http_referer, useractivity_event_name, useractivity_event_type, courserun_readable_id, openedx_user_id, org_id, useractivity_path, useractivity_timestamp
-- note: GROUP BY keys selected as they are keep their own transforms: date(from_iso8601_timestamp()) is two conversions (derived), not an aggregate; count(*) reads no column; the WHERE reaches nothing.
-- edge: user_username <- ol_data_lake_production.ol_warehouse_production_staging.stg__mitxonline__openedx__tracking_logs__user_activity.user_username copy
-- edge: courserun_readable_id <- ol_data_lake_production.ol_warehouse_production_staging.stg__mitxonline__openedx__tracking_logs__user_activity.courserun_readable_id copy
-- edge: courseactivity_date <- ol_data_lake_production.ol_warehouse_production_staging.stg__mitxonline__openedx__tracking_logs__user_activity.useractivity_timestamp derived
-- edge: courseactivity_num_events <- (none)
with course_activities as (
    select * from ol_data_lake_production.ol_warehouse_production_staging.stg__mitxonline__openedx__tracking_logs__user_activity
    where courserun_readable_id is not null
)

, daily_activities_stats as (
    select
        user_username
        , courserun_readable_id
        , date(from_iso8601_timestamp(useractivity_timestamp)) as courseactivity_date
        , count(*) as courseactivity_num_events
    from course_activities
    group by
        user_username
        , courserun_readable_id
        , date(from_iso8601_timestamp(useractivity_timestamp))
)

select * from daily_activities_stats

-- case: ol_course_to_topics
-- origin: github mitodl/ol-data-platform @ 50eb2599e6aab20d2085a4575590d0d752b9dde0 src/ol_dbt/models/intermediate/mitxonline/int__mitxonline__course_to_topics.sql (dbt-trino project; Jinja rendered by hand: the two ref() → their staging tables; coursetopic's columns from its staging model @ 134ebeea72671e53d98c7c0f9d74c90164f976ba, course_to_topic's assumed)
-- relation: ol_data_lake_production.ol_warehouse_production_staging.stg__mitxonline__app__postgres__courses_coursetopic: coursetopic_id, coursetopic_name, coursetopic_created_on, coursetopic_updated_on
-- relation: ol_data_lake_production.ol_warehouse_production_staging.stg__mitxonline__app__postgres__courses_course_to_topic: course_id, coursetopic_id
-- note: two `select *` CTEs; coursetopic_id is on both sides but only used qualified in the join (reaches nothing).
-- edge: course_id <- ol_data_lake_production.ol_warehouse_production_staging.stg__mitxonline__app__postgres__courses_course_to_topic.course_id copy
-- edge: coursetopic_name <- ol_data_lake_production.ol_warehouse_production_staging.stg__mitxonline__app__postgres__courses_coursetopic.coursetopic_name copy
-- Course's Blocked countries information for MITx Online
-- Keep it as separate model for flexibility to satisfy different use cases

with topics as (
    select *
    from ol_data_lake_production.ol_warehouse_production_staging.stg__mitxonline__app__postgres__courses_coursetopic
)

, course_to_topics as (
    select *
    from ol_data_lake_production.ol_warehouse_production_staging.stg__mitxonline__app__postgres__courses_course_to_topic
)

select
    course_to_topics.course_id
    , topics.coursetopic_name
from course_to_topics
inner join topics on course_to_topics.coursetopic_id = topics.coursetopic_id

-- case: ol_course_blockedcountries_raw_jinja
-- origin: github mitodl/ol-data-platform @ 6ae0956df49d0b2cc73569bd06a71e1f2dd9d9b8 src/ol_dbt/models/intermediate/mitxonline/int__mitxonline__course_blockedcountries.sql (the dbt model as committed, uncompiled, verbatim; the staging relation's columns assumed)
-- relation: ol_data_lake_production.ol_warehouse_production_staging.stg__mitxonline__app__postgres__courses_blockedcountry: course_id, blockedcountry_code
-- note: a ref() is left in the FROM.
-- unresolved: jinja
-- Course's Blocked countries information for MITx Online
-- Keep it as separate model for flexibility to satisfy different use cases
with blockedcountries as (select * from {{ ref("stg__mitxonline__app__postgres__courses_blockedcountry") }})

select course_id, blockedcountry_code
from blockedcountries

-- case: trino_lambdas_json_hash
-- relation: iceberg.ehr.encounters: encounter_id, patient_id, payload, diagnoses, charges, admitted_at, discharged_at
-- note: transform/filter/reduce with lambdas work on elements of the array (derived); array_join of the transformed elements is derived; cardinality counts elements (generalized). reduce() folds the elements with +: arithmetic over elements, not an SQL aggregate, so derived. substr of a JSON path generalized; to_hex(sha256(...)) hashed; date_diff and date_trunc generalized.
-- edge: encounter_id <- iceberg.ehr.encounters.encounter_id copy
-- edge: zip_raw <- iceberg.ehr.encounters.payload derived
-- edge: zip3 <- iceberg.ehr.encounters.payload generalized
-- edge: dx_list <- iceberg.ehr.encounters.diagnoses derived
-- edge: n_diabetes_dx <- iceberg.ehr.encounters.diagnoses generalized
-- edge: total_charges <- iceberg.ehr.encounters.charges derived
-- edge: los_hours <- iceberg.ehr.encounters.admitted_at generalized
-- edge: los_hours <- iceberg.ehr.encounters.discharged_at generalized
-- edge: patient_hash <- iceberg.ehr.encounters.patient_id hashed
-- edge: admit_week <- iceberg.ehr.encounters.admitted_at generalized
select
  e.encounter_id,
  json_extract_scalar(e.payload, '$.patient.zip') as zip_raw,
  substr(json_extract_scalar(e.payload, '$.patient.zip'), 1, 3) as zip3,
  array_join(transform(e.diagnoses, x -> upper(x)), ';') as dx_list,
  cardinality(filter(e.diagnoses, x -> x like 'E11%')) as n_diabetes_dx,
  reduce(e.charges, 0.0, (s, x) -> s + x, s -> s) as total_charges,
  date_diff('hour', e.admitted_at, e.discharged_at) as los_hours,
  to_hex(sha256(to_utf8(cast(e.patient_id as varchar)))) as patient_hash,
  date_trunc('week', e.admitted_at) as admit_week
from iceberg.ehr.encounters e
where cardinality(e.diagnoses) > 0

-- case: trino_values_cte_filter_percentile
-- relation: hive.ehr.claims: claim_id, member_id, service_date, paid, payer
-- relation: hive.ehr.test_members: member_id
-- note: a VALUES CTE with a column list: payer_label has no upstream, so coalesce(label, r.payer) is derived from payer only (the join key n.payer reaches nothing). sum(paid) FILTER (WHERE paid > 0): paid is both the value and the filter (a value wins). GROUP BY 1, 2 are the first two items; NOT IN in the CTE's WHERE reaches nothing.
-- edge: payer_name <- hive.ehr.claims.payer derived
-- edge: service_month <- hive.ehr.claims.service_date generalized
-- edge: n_claims <- (none)
-- edge: positive_paid <- hive.ehr.claims.paid aggregated
-- edge: p90_paid <- hive.ehr.claims.paid aggregated
with payer_names (payer, payer_label) as (
  values ('MCR', 'Medicare'), ('MCD', 'Medicaid')
),
real_claims as (
  select claim_id, member_id, service_date, paid, payer
  from hive.ehr.claims
  where member_id not in (select member_id from hive.ehr.test_members)
)
select
  coalesce(n.payer_label, r.payer) as payer_name,
  date_trunc('month', r.service_date) as service_month,
  count(*) as n_claims,
  sum(r.paid) filter (where r.paid > 0) as positive_paid,
  approx_percentile(r.paid, 0.9) as p90_paid
from real_claims r
left join payer_names n on n.payer = r.payer
group by 1, 2

-- case: trino_named_window_range_frame_scalar
-- relation: hive.ehr.admissions: admission_id, patient_id, admitted_at, discharged_at, drg
-- relation: hive.ehr.patients: patient_id, birth_date, sex
-- note: a named WINDOW w (PARTITION BY patient_id ORDER BY admitted_at): lag copies discharged_at with both window columns as filters; date_diff of that lag and admitted_at is generalized (admitted_at is a value, which wins over its ORDER BY role). The RANGE-framed avg of a date difference is aggregated, drg its partition filter (admitted_at is its ORDER BY but also a value). The correlated scalar subquery returns a date_diff of the patient's birth_date and the outer admitted_at, not an aggregate: generalized for both; its WHERE reaches nothing.
-- edge: admission_id <- hive.ehr.admissions.admission_id copy
-- edge: patient_id <- hive.ehr.admissions.patient_id copy
-- edge: prev_discharge <- hive.ehr.admissions.discharged_at copy
-- edge: prev_discharge <- hive.ehr.admissions.patient_id filter
-- edge: prev_discharge <- hive.ehr.admissions.admitted_at filter
-- edge: days_since_prev <- hive.ehr.admissions.discharged_at generalized
-- edge: days_since_prev <- hive.ehr.admissions.admitted_at generalized
-- edge: days_since_prev <- hive.ehr.admissions.patient_id filter
-- edge: drg_avg_los_1y <- hive.ehr.admissions.admitted_at aggregated
-- edge: drg_avg_los_1y <- hive.ehr.admissions.discharged_at aggregated
-- edge: drg_avg_los_1y <- hive.ehr.admissions.drg filter
-- edge: age_at_admit <- hive.ehr.patients.birth_date generalized
-- edge: age_at_admit <- hive.ehr.admissions.admitted_at generalized
select
  a.admission_id,
  a.patient_id,
  lag(a.discharged_at) over w as prev_discharge,
  date_diff('day', lag(a.discharged_at) over w, a.admitted_at) as days_since_prev,
  avg(date_diff('day', a.admitted_at, a.discharged_at)) over (
    partition by a.drg order by a.admitted_at
    range between interval '365' day preceding and current row
  ) as drg_avg_los_1y,
  (select date_diff('year', p.birth_date, a.admitted_at) from hive.ehr.patients p where p.patient_id = a.patient_id) as age_at_admit
from hive.ehr.admissions a
window w as (partition by a.patient_id order by a.admitted_at)

-- case: trino_natural_join_not_supported
-- relation: hive.ehr.admissions: admission_id, patient_id, admitted_at, discharged_at, drg
-- relation: hive.ehr.patients: patient_id, birth_date, sex
-- note: Trino's grammar has NATURAL but the engine rejects it ("Natural join not supported"): SQL the dialect does not accept. (In DuckDB, Postgres, Snowflake or Spark it would resolve, patient_id from both sides.)
-- unresolved: syntax error
select admission_id, patient_id, birth_date
from hive.ehr.admissions
natural join hive.ehr.patients
