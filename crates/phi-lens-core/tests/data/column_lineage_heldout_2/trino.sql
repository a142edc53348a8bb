-- case: trino_map_agg_max_by
-- relation: hive.ehr.observations: observation_id, patient_id, code, value, observed_at
-- note: map_agg aggregates both its key and value columns; array_agg(distinct ... order by ...) aggregates code; max_by(value, observed_at) aggregates value and uses observed_at only to pick the row (a filter edge, like an ordering); date_diff of min/max is aggregated (the strongest step). GROUP BY keeps patient_id a copy.
-- edge: patient_id <- hive.ehr.observations.patient_id copy
-- edge: vitals_map <- hive.ehr.observations.code aggregated
-- edge: vitals_map <- hive.ehr.observations.value aggregated
-- edge: codes <- hive.ehr.observations.code aggregated
-- edge: latest_value <- hive.ehr.observations.value aggregated
-- edge: latest_value <- hive.ehr.observations.observed_at filter
-- edge: span_days <- hive.ehr.observations.observed_at aggregated
select
    e.patient_id,
    map_agg(e.code, e.value) as vitals_map,
    array_agg(distinct e.code order by e.code) as codes,
    max_by(e.value, e.observed_at) as latest_value,
    date_diff('day', min(e.observed_at), max(e.observed_at)) as span_days
from hive.ehr.observations e
group by e.patient_id

-- case: trino_try_cast_regexp_hash
-- relation: hive.ehr.people: person_id, mrn, email, ssn, dob_text, zip, enrolled_at
-- note: try_cast is a cast (copy); regexp_extract a string function (derived); to_hex(md5(to_utf8(a || b))) hashes both; year(date_parse(...)) is generalized (the conversion is weaker); substr(...) || 'XX' generalized (substr wins over the concatenation); date_add is date arithmetic (derived).
-- edge: mrn_num <- hive.ehr.people.mrn copy
-- edge: email_domain <- hive.ehr.people.email derived
-- edge: person_hash <- hive.ehr.people.ssn hashed
-- edge: person_hash <- hive.ehr.people.dob_text hashed
-- edge: birth_year <- hive.ehr.people.dob_text generalized
-- edge: zip_masked <- hive.ehr.people.zip generalized
-- edge: review_date <- hive.ehr.people.enrolled_at derived
select
    try_cast(p.mrn as bigint) as mrn_num,
    regexp_extract(p.email, '@(.+)$', 1) as email_domain,
    to_hex(md5(to_utf8(p.ssn || p.dob_text))) as person_hash,
    year(date_parse(p.dob_text, '%Y-%m-%d')) as birth_year,
    substr(p.zip, 1, 3) || 'XX' as zip_masked,
    date_add('day', 30, p.enrolled_at) as review_date
from hive.ehr.people p

-- case: trino_union_cte_windows
-- relation: hive.ehr.admits: admit_id, patient_id, admit_time
-- relation: hive.ehr.rx_fills: fill_id, member_id, dispense_time
-- note: a positional UNION ALL in a CTE (names from the first branch; event_type is a literal in both). count(*) over a partition reads no value (only its PARTITION BY filter); rank() has only filter edges; first_value of a literal column has no value edge, only its window's filters.
-- edge: patient_id <- hive.ehr.admits.patient_id copy
-- edge: patient_id <- hive.ehr.rx_fills.member_id copy
-- edge: event_type <- (none)
-- edge: events_per_patient <- hive.ehr.admits.patient_id filter
-- edge: events_per_patient <- hive.ehr.rx_fills.member_id filter
-- edge: event_rank <- hive.ehr.admits.patient_id filter
-- edge: event_rank <- hive.ehr.rx_fills.member_id filter
-- edge: event_rank <- hive.ehr.admits.admit_time filter
-- edge: event_rank <- hive.ehr.rx_fills.dispense_time filter
-- edge: first_event_type <- hive.ehr.admits.patient_id filter
-- edge: first_event_type <- hive.ehr.rx_fills.member_id filter
-- edge: first_event_type <- hive.ehr.admits.admit_time filter
-- edge: first_event_type <- hive.ehr.rx_fills.dispense_time filter
with events as (
    select patient_id, admit_time as event_time, 'admit' as event_type from hive.ehr.admits
    union all
    select member_id, dispense_time, 'rx' from hive.ehr.rx_fills
)
select
    patient_id,
    event_type,
    count(*) over (partition by patient_id) as events_per_patient,
    rank() over (partition by patient_id order by event_time) as event_rank,
    first_value(event_type) over (partition by patient_id order by event_time) as first_event_type
from events

-- case: trino_unnest_cast_json_rows
-- relation: hive.fhir.conditions: record_id, payload, loaded_at
-- note: CROSS JOIN UNNEST of a JSON array cast to array(row(code, system)): t.code and t.system are fields of elements of payload (derived); json_extract_scalar is a JSON path (derived).
-- edge: record_id <- hive.fhir.conditions.record_id copy
-- edge: code <- hive.fhir.conditions.payload derived
-- edge: system <- hive.fhir.conditions.payload derived
-- edge: subject_ref <- hive.fhir.conditions.payload derived
select r.record_id, t.code, t.system, json_extract_scalar(r.payload, '$.subject.reference') as subject_ref
from hive.fhir.conditions r
cross join unnest(cast(json_extract(r.payload, '$.code.coding') as array(row(code varchar, system varchar)))) as t(code, system)

-- case: trino_correlated_aggregate_subqueries
-- relation: hive.ehr.departments: department_id, name, cost_center
-- relation: hive.ehr.admissions: admission_id, patient_id, department_id, admitted_at, discharged_at, readmitted
-- note: avg of a date_diff in a correlated scalar subquery is aggregated for both dates; count(distinct patient_id) aggregated; the subqueries' WHERE columns (including readmitted) are upstream of nothing.
-- edge: department_id <- hive.ehr.departments.department_id copy
-- edge: name <- hive.ehr.departments.name copy
-- edge: avg_los_days <- hive.ehr.admissions.admitted_at aggregated
-- edge: avg_los_days <- hive.ehr.admissions.discharged_at aggregated
-- edge: readmitted_patients <- hive.ehr.admissions.patient_id aggregated
select
    d.department_id,
    d.name,
    (select avg(date_diff('day', a.admitted_at, a.discharged_at)) from hive.ehr.admissions a where a.department_id = d.department_id) as avg_los_days,
    (select count(distinct a.patient_id) from hive.ehr.admissions a where a.department_id = d.department_id and a.readmitted) as readmitted_patients
from hive.ehr.departments d

-- case: trino_snowflake_flatten_syntax
-- relation: hive.fhir.conditions: record_id, payload, loaded_at
-- note: `lateral flatten(input => ...)` and the `:` path are Snowflake syntax; Trino's LATERAL takes a subquery only: the SQL is not valid Trino.
-- unresolved: syntax error
select r.record_id, f.value:code as code
from hive.fhir.conditions r, lateral flatten(input => r.payload:coding) f

-- case: trino_misspelled_column
-- relation: hive.ehr.people: person_id, mrn, email, ssn, dob_text, zip, enrolled_at
-- note: p.persn_id is in no relation of the query (a typo of person_id): the name is found nowhere.
-- unresolved: unknown column
select p.persn_id, p.zip from hive.ehr.people p
