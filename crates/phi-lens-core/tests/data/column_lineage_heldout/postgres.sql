-- case: etl_sample_health_stg_patients
-- origin: github dbarenas/etl_sample_health @ f3d6a2509ff1dbd066a0109e7fe80b33d0b900cb dbt_project/target/compiled/patient_etl_analytics/models/staging/stg_patients.sql (compiled, verbatim; source columns assumed from the comments: id, name, dob, gender, sex, email, phone, address)
-- relation: etl_data.public.patients: id, name, dob, gender, sex, email, phone, address
-- note: renames are copies; email/phone/address are read by nothing (the comment says so).
-- edge: patient_id <- etl_data.public.patients.id copy
-- edge: patient_name <- etl_data.public.patients.name copy
-- edge: date_of_birth <- etl_data.public.patients.dob copy
-- edge: gender <- etl_data.public.patients.gender copy
-- edge: sex <- etl_data.public.patients.sex copy
-- dbt_project/models/staging/stg_patients.sql

WITH source AS (
    SELECT * FROM "etl_data"."public"."patients"
)

SELECT
    id AS patient_id, -- Renaming for clarity in downstream models if desired, or keep as 'id'
    name AS patient_name,
    dob AS date_of_birth,
    gender,
    sex
    -- email, phone, address can be added if needed for analytics
    -- For biometric analytics, these might not be immediately necessary
FROM
    source

-- case: etl_sample_health_stg_device_readings
-- origin: github dbarenas/etl_sample_health @ f3d6a2509ff1dbd066a0109e7fe80b33d0b900cb dbt_project/target/compiled/patient_etl_analytics/models/staging/stg_device_readings.sql (compiled, verbatim; source columns assumed from the select list)
-- relation: etl_data.public.device_readings: id, patient_id, timestamp, glucose, systolic_bp, diastolic_bp, weight
-- note: a column named `timestamp` (a type keyword used as a name) is renamed: a copy. The WHERE columns are upstream of nothing.
-- edge: device_reading_id <- etl_data.public.device_readings.id copy
-- edge: patient_id <- etl_data.public.device_readings.patient_id copy
-- edge: reading_timestamp <- etl_data.public.device_readings.timestamp copy
-- edge: glucose <- etl_data.public.device_readings.glucose copy
-- edge: systolic_bp <- etl_data.public.device_readings.systolic_bp copy
-- edge: diastolic_bp <- etl_data.public.device_readings.diastolic_bp copy
-- edge: weight <- etl_data.public.device_readings.weight copy
-- dbt_project/models/staging/stg_device_readings.sql

WITH source AS (
    SELECT * FROM "etl_data"."public"."device_readings"
)

SELECT
    id AS device_reading_id, -- Renaming for clarity
    patient_id, -- This should match the patient_id from stg_patients (e.g., patients.id)
    timestamp AS reading_timestamp,
    glucose,
    systolic_bp,
    diastolic_bp,
    weight
FROM
    source
WHERE
    patient_id IS NOT NULL -- Basic data quality filter, if patient_id is crucial for joining
    AND timestamp IS NOT NULL -- Basic data quality filter
    -- Add other filters if necessary, e.g., ensuring numeric fields are valid if not handled by source tests

-- case: pg_case_folding
-- relation: clinic.public.people: "PatientID", patientname, "MRN", dob
-- note: Postgres folds unquoted names to lower case: PatientName finds patientname, and the unquoted alias PID becomes pid; quoted "PatientID" and "MRN" keep their case and match exactly; a quoted alias "MrnHash" keeps its case.
-- edge: pid <- clinic.public.people.PatientID copy
-- edge: patient_name <- clinic.public.people.patientname copy
-- edge: MrnHash <- clinic.public.people.MRN hashed
-- edge: birth_decade <- clinic.public.people.dob generalized
select "PatientID" as PID, PatientName as Patient_Name, md5("MRN") as "MrnHash", (extract(year from DOB)::int / 10) * 10 as birth_decade
from clinic.public.people

-- case: pg_jsonb_age_filter_agg
-- relation: clinic.public.patients: id, profile, dob, ssn, diagnosis_codes
-- relation: clinic.public.encounters: encounter_id, patient_id, code, kind, started_at
-- note: ->> and #>> are JSON paths (derived); extract(year from age()) is generalized; to_char a conversion (derived); md5 of a salted value hashed; string_agg aggregates code; count(*) FILTER (WHERE kind = ...) aggregates no column and kind is its filter edge; date_trunc of max() is aggregated (the strongest step). The GROUP BY and JOIN ON columns are upstream of nothing.
-- edge: patient_id <- clinic.public.patients.id copy
-- edge: mrn <- clinic.public.patients.profile derived
-- edge: zip <- clinic.public.patients.profile derived
-- edge: age_years <- clinic.public.patients.dob generalized
-- edge: birth_month <- clinic.public.patients.dob derived
-- edge: ssn_hash <- clinic.public.patients.ssn hashed
-- edge: codes <- clinic.public.encounters.code aggregated
-- edge: inpatient_visits <- clinic.public.encounters.kind filter
-- edge: last_quarter <- clinic.public.encounters.started_at aggregated
select
    p.id as patient_id,
    p.profile->>'mrn' as mrn,
    p.profile #>> '{address,zip}' as zip,
    extract(year from age(p.dob)) as age_years,
    to_char(p.dob, 'YYYY-MM') as birth_month,
    md5(p.ssn || 'salt') as ssn_hash,
    string_agg(distinct e.code, ',' order by e.code) as codes,
    count(*) filter (where e.kind = 'inpatient') as inpatient_visits,
    date_trunc('quarter', max(e.started_at)) as last_quarter
from clinic.public.patients p
left join clinic.public.encounters e on e.patient_id = p.id
group by p.id, p.profile, p.dob, p.ssn

-- case: pg_lateral_unnest_ordinality
-- relation: clinic.public.patients: id, profile, dob, ssn, diagnosis_codes
-- relation: clinic.public.encounters: encounter_id, patient_id, code, kind, started_at
-- note: unnest(array) WITH ORDINALITY AS d(code, ord): code is an element (derived from diagnosis_codes), ord a counter (no upstream); the LATERAL subquery's max() is aggregated; ON true reads nothing.
-- edge: id <- clinic.public.patients.id copy
-- edge: code <- clinic.public.patients.diagnosis_codes derived
-- edge: ord <- (none)
-- edge: last_seen <- clinic.public.encounters.started_at aggregated
select p.id, d.code, d.ord, latest.last_seen
from clinic.public.patients p
cross join lateral unnest(p.diagnosis_codes) with ordinality as d(code, ord)
left join lateral (
    select max(e.started_at) as last_seen from clinic.public.encounters e where e.patient_id = p.id
) latest on true

-- case: pg_named_window_distinct_on
-- relation: clinic.public.labs: lab_id, patient_id, result_value, collected_at
-- note: a named WINDOW w (PARTITION BY patient_id ORDER BY collected_at) gives both columns as filter edges of lag; result_value minus its lag is arithmetic on the value (derived); the framed avg is aggregated. DISTINCT ON and ORDER BY pick rows only.
-- edge: patient_id <- clinic.public.labs.patient_id copy
-- edge: result_value <- clinic.public.labs.result_value copy
-- edge: collected_at <- clinic.public.labs.collected_at copy
-- edge: prev_value <- clinic.public.labs.result_value copy
-- edge: prev_value <- clinic.public.labs.patient_id filter
-- edge: prev_value <- clinic.public.labs.collected_at filter
-- edge: delta <- clinic.public.labs.result_value derived
-- edge: delta <- clinic.public.labs.patient_id filter
-- edge: delta <- clinic.public.labs.collected_at filter
-- edge: moving_avg <- clinic.public.labs.result_value aggregated
-- edge: moving_avg <- clinic.public.labs.patient_id filter
-- edge: moving_avg <- clinic.public.labs.collected_at filter
select distinct on (patient_id)
    patient_id,
    result_value,
    collected_at,
    lag(result_value) over w as prev_value,
    result_value - lag(result_value) over w as delta,
    avg(result_value) over (partition by patient_id order by collected_at rows between 2 preceding and current row) as moving_avg
from clinic.public.labs
window w as (partition by patient_id order by collected_at)
order by patient_id, collected_at desc

-- case: pg_cte_intersect
-- relation: clinic.public.enrollment: member_id, plan_code, start_date, end_date
-- relation: clinic.public.plan_whitelist: member_id, plan_code
-- note: the right side of INTERSECT only removes rows (upstream of nothing); the CTE's WHERE reads nothing; upper() is derived.
-- edge: member_id <- clinic.public.enrollment.member_id copy
-- edge: plan_code <- clinic.public.enrollment.plan_code derived
with current_members as (
    select member_id, plan_code from clinic.public.enrollment where end_date is null
)
select member_id, upper(plan_code) as plan_code from current_members
intersect
select member_id, plan_code from clinic.public.plan_whitelist

-- case: pg_quoted_name_not_found
-- relation: clinic.public.people: "PatientID", patientname, "MRN", dob
-- note: quoted "Dob" is case-sensitive in Postgres and the column is dob: the name is found nowhere.
-- unresolved: unknown column
select "PatientID", "Dob" from clinic.public.people

-- case: pg_jinja_macro
-- relation: clinic.public.patients: id, profile, dob, ssn, diagnosis_codes
-- note: an uncompiled dbt macro call is left in the SQL.
-- unresolved: jinja
select id, {{ dbt_utils.generate_surrogate_key(['id', 'dob']) }} as patient_sk from clinic.public.patients
