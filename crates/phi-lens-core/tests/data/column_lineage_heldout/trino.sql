-- case: ol_mitxonline_courses_course
-- origin: github mitodl/ol-data-platform @ 0ee855cf5523df564900a3f2a22cb7bb2506cf6b src/ol_dbt/models/staging/mitxonline/stg__mitxonline__app__postgres__courses_course.sql (dbt-trino project; Jinja rendered by hand: source('ol_warehouse_raw_data', ...) → ol_data_lake_production.ol_warehouse_production_raw.raw__mitxonline__app__postgres__courses_course, cast_timestamp_to_iso8601 → its trino__ implementation from the project's macros; the raw table's columns assumed from the model)
-- relation: ol_data_lake_production.ol_warehouse_production_raw.raw__mitxonline__app__postgres__courses_course: id, live, title, program_id, readable_id, position_in_program, created_on, updated_on
-- note: nested replace() is a string function (derived). The rendered macro is a CASE whose condition and both branches read the same column through try_cast/to_iso8601/from_iso8601_timestamp (conversions): the column is a value (derived), which wins over its filter role.
-- edge: course_id <- ol_data_lake_production.ol_warehouse_production_raw.raw__mitxonline__app__postgres__courses_course.id copy
-- edge: course_is_live <- ol_data_lake_production.ol_warehouse_production_raw.raw__mitxonline__app__postgres__courses_course.live copy
-- edge: course_title <- ol_data_lake_production.ol_warehouse_production_raw.raw__mitxonline__app__postgres__courses_course.title copy
-- edge: course_readable_id <- ol_data_lake_production.ol_warehouse_production_raw.raw__mitxonline__app__postgres__courses_course.readable_id copy
-- edge: course_edx_readable_id <- ol_data_lake_production.ol_warehouse_production_raw.raw__mitxonline__app__postgres__courses_course.readable_id derived
-- edge: course_created_on <- ol_data_lake_production.ol_warehouse_production_raw.raw__mitxonline__app__postgres__courses_course.created_on derived
-- edge: course_updated_on <- ol_data_lake_production.ol_warehouse_production_raw.raw__mitxonline__app__postgres__courses_course.updated_on derived
-- MITx Online Course Information

with source as (
    select * from ol_data_lake_production.ol_warehouse_production_raw.raw__mitxonline__app__postgres__courses_course
)

, cleaned as (
    select
        id as course_id
        , live as course_is_live
        , title as course_title
        , readable_id as course_readable_id
        , replace(replace(readable_id, 'course-v1:', ''), '+', '/') as course_edx_readable_id
        , case
       -- If the column is already a timestamp, convert to ISO 8601
        when try_cast(created_on AS timestamp) is not null
           then to_iso8601(try_cast(created_on AS timestamp))
        -- otherwise, convert to ISO 8601 from a string
        else to_iso8601(from_iso8601_timestamp(try_cast(created_on AS varchar)))
   end as course_created_on
        , case
       -- If the column is already a timestamp, convert to ISO 8601
        when try_cast(updated_on AS timestamp) is not null
           then to_iso8601(try_cast(updated_on AS timestamp))
        -- otherwise, convert to ISO 8601 from a string
        else to_iso8601(from_iso8601_timestamp(try_cast(updated_on AS varchar)))
   end as course_updated_on
    from source
)

select * from cleaned

-- case: trino_patient_functions
-- relation: hive.ehr.patients: patient_id, first_name, last_name, birth_date, ssn, email, profile, allergies, deceased
-- note: json_extract_scalar is a JSON path (derived) and substr of it generalized; date_diff generalized; to_hex(sha256(to_utf8())) and xxhash64 hashed; format_datetime a conversion (derived); cardinality counts elements (generalized); element_at an element (derived); if() returns literals and tests deceased (filter).
-- edge: patient_id <- hive.ehr.patients.patient_id copy
-- edge: zip <- hive.ehr.patients.profile derived
-- edge: zip3 <- hive.ehr.patients.profile generalized
-- edge: age <- hive.ehr.patients.birth_date generalized
-- edge: ssn_hash <- hive.ehr.patients.ssn hashed
-- edge: email_hash <- hive.ehr.patients.email hashed
-- edge: birth_year_text <- hive.ehr.patients.birth_date derived
-- edge: allergy_count <- hive.ehr.patients.allergies generalized
-- edge: first_allergy <- hive.ehr.patients.allergies derived
-- edge: vital_status <- hive.ehr.patients.deceased filter
select
    p.patient_id,
    json_extract_scalar(p.profile, '$.address.zip') as zip,
    substr(json_extract_scalar(p.profile, '$.address.zip'), 1, 3) as zip3,
    date_diff('year', p.birth_date, current_date) as age,
    to_hex(sha256(to_utf8(p.ssn))) as ssn_hash,
    xxhash64(to_utf8(p.email)) as email_hash,
    format_datetime(p.birth_date, 'yyyy') as birth_year_text,
    cardinality(p.allergies) as allergy_count,
    element_at(p.allergies, 1) as first_allergy,
    if(p.deceased, 'deceased', 'alive') as vital_status
from hive.ehr.patients p

-- case: trino_unnest_ordinality_map_row
-- relation: hive.ehr.orders: order_id, codes, attrs, patient
-- note: CROSS JOIN UNNEST ... WITH ORDINALITY AS t(code, n): code is an element of codes (derived), n a counter (no upstream); attrs['priority'] is a map lookup (derived); patient.mrn a ROW field (derived).
-- edge: order_id <- hive.ehr.orders.order_id copy
-- edge: code <- hive.ehr.orders.codes derived
-- edge: position <- (none)
-- edge: priority <- hive.ehr.orders.attrs derived
-- edge: mrn <- hive.ehr.orders.patient derived
select o.order_id, t.code, t.n as position, o.attrs['priority'] as priority, o.patient.mrn as mrn
from hive.ehr.orders o
cross join unnest(o.codes) with ordinality as t(code, n)

-- case: trino_group_filter_rank
-- relation: hive.ehr.admissions: admission_id, facility_id, admitted_at, readmitted, length_of_stay, charges, payer
-- note: count(*) has no upstream; count_if aggregates its predicate's column; approx_percentile aggregates; sum(...) FILTER (WHERE payer = ...) aggregates charges with payer as a filter edge; rank() over a partition by the month has admitted_at as a filter edge and its ORDER BY count(*) reads no column. HAVING is upstream of nothing.
-- edge: facility_id <- hive.ehr.admissions.facility_id copy
-- edge: admit_month <- hive.ehr.admissions.admitted_at generalized
-- edge: admissions <- (none)
-- edge: readmissions <- hive.ehr.admissions.readmitted aggregated
-- edge: median_los <- hive.ehr.admissions.length_of_stay aggregated
-- edge: medicare_charges <- hive.ehr.admissions.charges aggregated
-- edge: medicare_charges <- hive.ehr.admissions.payer filter
-- edge: facility_rank <- hive.ehr.admissions.admitted_at filter
select
    facility_id,
    date_trunc('month', admitted_at) as admit_month,
    count(*) as admissions,
    count_if(readmitted) as readmissions,
    approx_percentile(length_of_stay, 0.5) as median_los,
    sum(charges) filter (where payer = 'medicare') as medicare_charges,
    rank() over (partition by date_trunc('month', admitted_at) order by count(*) desc) as facility_rank
from hive.ehr.admissions
group by facility_id, date_trunc('month', admitted_at)
having count(*) > 5

-- case: trino_setop_precedence
-- relation: hive.ehr.cohort_a: patient_id, enrolled_at
-- relation: hive.ehr.cohort_b: patient_id, enrolled_at
-- relation: hive.ehr.consented: person_id, consented_at
-- note: INTERSECT binds tighter than UNION: a UNION (b INTERSECT consented). cohort_b is the left side of the INTERSECT (it feeds the output by position); consented is its right side (upstream of nothing).
-- edge: patient_id <- hive.ehr.cohort_a.patient_id copy
-- edge: patient_id <- hive.ehr.cohort_b.patient_id copy
-- edge: src <- (none)
select patient_id, 'a' as src from hive.ehr.cohort_a
union
select patient_id, 'b' from hive.ehr.cohort_b
intersect
select person_id, 'b' from hive.ehr.consented

-- case: trino_cte_scalar_in_subquery
-- relation: hive.ehr.patients: patient_id, first_name, last_name, birth_date, ssn, email, profile, allergies, deceased
-- relation: hive.ehr.visits: visit_id, patient_id, provider_id, visit_date
-- relation: hive.ehr.consented: person_id, consented_at
-- note: the CTE's max() is aggregated; the correlated count(distinct provider_id) is aggregated; concatenation of lower(trim()) is derived for both names; the IN subquery and the join keys are upstream of nothing.
-- edge: patient_id <- hive.ehr.patients.patient_id copy
-- edge: last_visit <- hive.ehr.visits.visit_date aggregated
-- edge: providers_seen <- hive.ehr.visits.provider_id aggregated
-- edge: full_name <- hive.ehr.patients.first_name derived
-- edge: full_name <- hive.ehr.patients.last_name derived
with recent as (
    select patient_id, max(visit_date) as last_visit from hive.ehr.visits group by patient_id
)
select
    p.patient_id,
    r.last_visit,
    (select count(distinct v.provider_id) from hive.ehr.visits v where v.patient_id = p.patient_id) as providers_seen,
    lower(trim(p.first_name)) || ' ' || lower(trim(p.last_name)) as full_name
from hive.ehr.patients p
left join recent r on r.patient_id = p.patient_id
where p.patient_id in (select person_id from hive.ehr.consented)

-- case: trino_exclude_not_trino
-- relation: hive.ehr.patients: patient_id, first_name, last_name, birth_date, ssn, email, profile, allergies, deceased
-- note: Trino has no `* EXCLUDE (...)` (a DuckDB/Snowflake extension): the SQL is not valid Trino.
-- unresolved: syntax error
select * exclude (ssn) from hive.ehr.patients

-- case: trino_star_no_catalog
-- relation: hive.ehr.patients: patient_id, first_name, last_name, birth_date, ssn, email, profile, allergies, deceased
-- relation: hive.lab.results_raw: ?
-- note: `r.*` needs the columns of a relation the catalog does not know.
-- unresolved: missing catalog
select p.patient_id, r.* from hive.ehr.patients p join hive.lab.results_raw r on r.patient_id = p.patient_id
