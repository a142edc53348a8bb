-- case: desmondgukwe_dim_patients
-- origin: github desmondgukwe/dbt_project @ 09ea8e24a8104995e362bc20590ffe6c94981761 models/marts/dim/dim_patients.sql (Jinja rendered by hand: ref('raw_patients') → proj.health.raw_patients, ref('stg_claims') → proj.health.stg_claims; raw_patients' columns from seeds/raw_patients.csv, stg_claims' from models/staging/stg_claims.sql; BigQuery because of date_diff(a, b, day))
-- relation: proj.health.raw_patients: patient_id, name, date_of_birth, gender
-- relation: proj.health.stg_claims: claim_id, patient_id, claim_date, claim_amount, diagnosis_code, claim_month
-- note: p.* expands raw_patients' four columns; count(*) aggregates no column (no upstream); date_diff over min(claim_date) is aggregated (stronger than the date difference). The join key is upstream of nothing.
-- edge: patient_id <- proj.health.raw_patients.patient_id copy
-- edge: name <- proj.health.raw_patients.name copy
-- edge: date_of_birth <- proj.health.raw_patients.date_of_birth copy
-- edge: gender <- proj.health.raw_patients.gender copy
-- edge: first_claim_date <- proj.health.stg_claims.claim_date aggregated
-- edge: total_claims <- (none)
-- edge: total_claim_amount <- proj.health.stg_claims.claim_amount aggregated
-- edge: days_since_first_claim <- proj.health.stg_claims.claim_date aggregated
--

-- PART 1
-- TASK: Create a dimension model for patients
-- Reference raw_patients and stg_claims
-- Enrich patients with:
--   - First claim date
--   - Total number of claims
--   - Total claim amount
--   - Days since first claim

-- models/marts/dim/dim_patients.sql

with patients as (
    select * from `proj`.`health`.`raw_patients`
),

claims as (
    select * from `proj`.`health`.`stg_claims`
),

aggregated_claims as (
    select
        patient_id,
        min(claim_date) as first_claim_date,
        count(*) as total_claims,
        sum(claim_amount) as total_claim_amount,
        date_diff(current_date(), min(claim_date), day) as days_since_first_claim
    from claims
    group by patient_id
),

final as (
    select
        p.*,
        ac.first_claim_date,
        ac.total_claims,
        ac.total_claim_amount,
        ac.days_since_first_claim
    from patients p
    left join aggregated_claims ac
        on p.patient_id = ac.patient_id
)

select * from final

-- case: desmondgukwe_fct_patient_claims_summary
-- origin: github desmondgukwe/dbt_project @ 09ea8e24a8104995e362bc20590ffe6c94981761 models/marts/fct/fct_patient_claims_summary.sql (Jinja rendered by hand: ref('stg_claims') → proj.health.stg_claims, ref('dim_patients') → proj.health.dim_patients, whose columns are dim_patients' outputs above)
-- relation: proj.health.stg_claims: claim_id, patient_id, claim_date, claim_amount, diagnosis_code, claim_month
-- relation: proj.health.dim_patients: patient_id, name, date_of_birth, gender, first_claim_date, total_claims, total_claim_amount, days_since_first_claim
-- note: only last_claim_date is read from the CTE claims_aggregated (max → aggregated); first_claim_date, total_claims, total_claim_amount and days_since_first_claim are read from p (dim_patients) and are copies, although same-named aggregates exist in the CTE. SELECT DISTINCT does not aggregate.
-- edge: patient_id <- proj.health.dim_patients.patient_id copy
-- edge: first_claim_date <- proj.health.dim_patients.first_claim_date copy
-- edge: total_claims <- proj.health.dim_patients.total_claims copy
-- edge: total_claim_amount <- proj.health.dim_patients.total_claim_amount copy
-- edge: last_claim_date <- proj.health.stg_claims.claim_date aggregated
-- edge: days_since_first_claim <- proj.health.dim_patients.days_since_first_claim copy
-- models/marts/fct/fct_patient_claims_summary.sql

with claims as (
    select distinct
        claim_id,
        patient_id,
        claim_date,
        claim_amount,
        diagnosis_code,
        claim_month
    from `proj`.`health`.`stg_claims`
),

claims_aggregated as (
    select
        patient_id,
        count(*) as total_claims,
        sum(claim_amount) as total_claim_amount,
        min(claim_date) as first_claim_date,
        max(claim_date) as last_claim_date
    from claims
    group by patient_id
),

final as (
    select
        p.patient_id,
        p.first_claim_date,
        p.total_claims,
        p.total_claim_amount,
        c.last_claim_date,
        p.days_since_first_claim
    from `proj`.`health`.`dim_patients` p
    left join claims_aggregated c
        on p.patient_id = c.patient_id
)

select * from final

-- case: cta_social_insurance_programs_ab1
-- origin: github community-tech-alliance/dbt-cta @ 2034891901ce0cea5162d2cab23588d16cc3da80 dbt-cta/adp_worker_management/models/0_ctes/social_insurance_programs_ab1.sql (Jinja rendered by hand: config() renders to nothing, source('cta', '_airbyte_raw_workers') → proj.cta._airbyte_raw_workers; columns are Airbyte's raw-table columns)
-- relation: proj.cta._airbyte_raw_workers: _airbyte_ab_id, _airbyte_data, _airbyte_emitted_at
-- note: UNNEST(JSON_EXTRACT_ARRAY(_airbyte_data, ...)) gives one row per array element (derived from _airbyte_data); JSON_EXTRACT_SCALAR paths are derived; mixed-case aliases keep their spelling but BigQuery names compare case-insensitively. WHERE 1 = 1 reads nothing.
-- edge: associateOID <- proj.cta._airbyte_raw_workers._airbyte_data derived
-- edge: nameCode_codeValue <- proj.cta._airbyte_raw_workers._airbyte_data derived
-- edge: nameCode_shortName <- proj.cta._airbyte_raw_workers._airbyte_data derived
-- edge: coveredIndicator <- proj.cta._airbyte_raw_workers._airbyte_data derived
-- edge: _airbyte_ab_id <- proj.cta._airbyte_raw_workers._airbyte_ab_id copy
-- edge: _airbyte_emitted_at <- proj.cta._airbyte_raw_workers._airbyte_emitted_at copy

-- SQL model to parse JSON blob stored in a single column and extract into separated field columns as described by the JSON Schema
-- depends_on: `proj`.`cta`.`_airbyte_raw_workers`

SELECT
	JSON_EXTRACT_SCALAR(t._airbyte_data,'$.associateOID') as associateOID,
	JSON_EXTRACT_SCALAR(socialInsurancePrograms, '$.nameCode.codeValue') AS nameCode_codeValue,
	JSON_EXTRACT_SCALAR(socialInsurancePrograms, '$.nameCode.shortName') AS nameCode_shortName, 
	JSON_EXTRACT_SCALAR(socialInsurancePrograms, '$.coveredIndicator') AS coveredIndicator,
	t._airbyte_ab_id,
    t._airbyte_emitted_at
FROM `proj`.`cta`.`_airbyte_raw_workers` as t,
  UNNEST(JSON_EXTRACT_ARRAY(_airbyte_data, '$.person.socialInsurancePrograms')) AS socialInsurancePrograms
where 1 = 1

-- case: fhir_dbt_patient_view
-- origin: github mark-velez/fhir-dbt-analytics @ 9f4ec9146c728e46dd8a2c49fc4e6fb31b55a5ae compiled/fhir_dbt_analytics/models/fhir_resources/Patient_view.sql (compiled, verbatim; the FHIR Patient table's top-level columns assumed)
-- relation: aou-datawarehouse-sandbox.ppi_001.Patient: id, meta, identifier, active, name, telecom, gender, birthDate, address, deceased, extension
-- note: `*` expands the catalog's columns (copies, birthDate keeps its case); the six added columns are literals or typed nulls (no upstream).
-- edge: id <- aou-datawarehouse-sandbox.ppi_001.Patient.id copy
-- edge: meta <- aou-datawarehouse-sandbox.ppi_001.Patient.meta copy
-- edge: identifier <- aou-datawarehouse-sandbox.ppi_001.Patient.identifier copy
-- edge: active <- aou-datawarehouse-sandbox.ppi_001.Patient.active copy
-- edge: name <- aou-datawarehouse-sandbox.ppi_001.Patient.name copy
-- edge: telecom <- aou-datawarehouse-sandbox.ppi_001.Patient.telecom copy
-- edge: gender <- aou-datawarehouse-sandbox.ppi_001.Patient.gender copy
-- edge: birthDate <- aou-datawarehouse-sandbox.ppi_001.Patient.birthDate copy
-- edge: address <- aou-datawarehouse-sandbox.ppi_001.Patient.address copy
-- edge: deceased <- aou-datawarehouse-sandbox.ppi_001.Patient.deceased copy
-- edge: extension <- aou-datawarehouse-sandbox.ppi_001.Patient.extension copy
-- edge: fhir_mapping <- (none)
-- edge: metric_date <- (none)
-- edge: metric_hour <- (none)
-- edge: source_system <- (none)
-- edge: site <- (none)
-- edge: data_transfer_type <- (none)


-- depends_on: `aou-datawarehouse-sandbox`.`mv2451_ppi_001`.`fhir_table_list`
-- depends_on: `aou-datawarehouse-sandbox`.`mv2451_ppi_001`.`site_timezones`
SELECT
    *,
    CAST(NULL AS STRING) AS fhir_mapping,
    CAST(NULL AS DATE) AS metric_date,
    CAST(NULL AS TIMESTAMP) AS metric_hour,
    'DRC-PPI' AS source_system,
    'DRC PPI' AS site,
    'BigQuery' AS data_transfer_type
FROM `aou-datawarehouse-sandbox`.`ppi_001`.`Patient`

-- case: fhir_dbt_active_encounters_daily_stub
-- origin: github mark-velez/fhir-dbt-analytics @ 9f4ec9146c728e46dd8a2c49fc4e6fb31b55a5ae compiled/fhir_dbt_analytics/models/metrics/data_quality/active_encounters_daily.sql (compiled, verbatim; the view's columns assumed)
-- relation: aou-datawarehouse-sandbox.mv2451_ppi_001.Encounter_view: id, status, class, subject, period, fhir_mapping, metric_date, metric_hour, source_system, site, data_transfer_type
-- note: the metric compiled to a stub: the ephemeral CTE is defined but never read, and every output is a literal or a typed null, so no output has an upstream column.
-- edge: execution_datetime <- (none)
-- edge: metric_name <- (none)
-- edge: fhir_mapping <- (none)
-- edge: source_system <- (none)
-- edge: data_transfer_type <- (none)
-- edge: metric_date <- (none)
-- edge: site <- (none)
-- edge: dimension_a <- (none)
-- edge: dimension_b <- (none)
-- edge: dimension_c <- (none)
-- edge: numerator <- (none)
-- edge: denominator <- (none)
-- edge: measure <- (none)



with __dbt__cte__Encounter as (


-- depends_on: `aou-datawarehouse-sandbox`.`mv2451_ppi_001`.`fhir_table_list`
-- depends_on: `aou-datawarehouse-sandbox`.`mv2451_ppi_001`.`site_timezones`
-- depends_on: `aou-datawarehouse-sandbox`.`mv2451_ppi_001`.`Encounter_view`
SELECT * FROM `aou-datawarehouse-sandbox`.`mv2451_ppi_001`.`Encounter_view`
) SELECT
  CURRENT_DATETIME() as execution_datetime,
  'active_encounters_daily' AS metric_name,
  CAST(NULL AS STRING) AS fhir_mapping,
  'DRC-PPI' AS source_system,
  'BigQuery' AS data_transfer_type,
  CAST(NULL AS DATE) AS metric_date,
  'DRC PPI' AS site,
  CAST(NULL AS STRING) AS dimension_a,
  CAST(NULL AS STRING) AS dimension_b,
  CAST(NULL AS STRING) AS dimension_c,
  CAST(NULL AS INT64) AS numerator,
  CAST(NULL AS INT64) AS denominator,
  CAST(NULL AS FLOAT64) AS measure

-- case: fhir_dbt_patient_star_no_catalog
-- origin: github mark-velez/fhir-dbt-analytics @ 9f4ec9146c728e46dd8a2c49fc4e6fb31b55a5ae compiled/fhir_dbt_analytics/models/fhir_resources/Patient.sql (compiled, verbatim)
-- relation: aou-datawarehouse-sandbox.mv2451_ppi_001.Patient_view: ?
-- note: the view it reads has no catalog entry here: `*` cannot be expanded.
-- unresolved: missing catalog


-- depends_on: `aou-datawarehouse-sandbox`.`mv2451_ppi_001`.`fhir_table_list`
-- depends_on: `aou-datawarehouse-sandbox`.`mv2451_ppi_001`.`site_timezones`
-- depends_on: `aou-datawarehouse-sandbox`.`mv2451_ppi_001`.`Patient_view`
SELECT * FROM `aou-datawarehouse-sandbox`.`mv2451_ppi_001`.`Patient_view`

-- case: bq_hash_struct_scalar
-- relation: proj.ehr.patients: patient_id, ssn, birth_date, zip, address, phones
-- relation: proj.ehr.visits: visit_id, patient_id, visit_date
-- note: BigQuery column names are case-insensitive (p.Patient_ID, p.BIRTH_DATE). TO_HEX(SHA256()) is hashed; FORMAT_DATE a conversion (derived); DATE_DIFF generalized; SUBSTR generalized; a struct field derived; ARRAY_LENGTH an element count (generalized). COUNT(*) in a scalar subquery has no upstream; ARRAY_AGG(...)[OFFSET(0)] takes an element of an aggregate: aggregated wins.
-- edge: patient_key <- proj.ehr.patients.patient_id hashed
-- edge: birth_month_text <- proj.ehr.patients.birth_date derived
-- edge: age <- proj.ehr.patients.birth_date generalized
-- edge: zip3 <- proj.ehr.patients.zip generalized
-- edge: city <- proj.ehr.patients.address derived
-- edge: phone_count <- proj.ehr.patients.phones generalized
-- edge: visits <- (none)
-- edge: last_visit <- proj.ehr.visits.visit_date aggregated
select
  TO_HEX(SHA256(CAST(p.Patient_ID AS STRING))) as patient_key,
  FORMAT_DATE('%Y-%m', p.birth_date) as birth_month_text,
  DATE_DIFF(CURRENT_DATE(), p.BIRTH_DATE, YEAR) as age,
  SUBSTR(p.zip, 1, 3) as zip3,
  p.address.city as city,
  ARRAY_LENGTH(p.phones) as phone_count,
  (SELECT COUNT(*) FROM `proj.ehr.visits` v WHERE v.patient_id = p.patient_id) as visits,
  (SELECT ARRAY_AGG(v.visit_date ORDER BY v.visit_date DESC LIMIT 1)[OFFSET(0)] FROM `proj.ehr.visits` v WHERE v.patient_id = p.patient_id) as last_visit
from `proj.ehr.patients` p

-- case: bq_pivot_two_aggregates
-- relation: proj.ehr.labs: lab_id, patient_id, lab_name, result_value, collected_at
-- note: BigQuery PIVOT with two aliased aggregates names each new column <aggregate alias>_<value alias> (avg_v_a1c, ...). Each aggregates result_value with lab_name as its PIVOT FOR filter; patient_id is the implicit grouping column (copy). lab_id and collected_at are not in the subquery.
-- edge: patient_id <- proj.ehr.labs.patient_id copy
-- edge: avg_v_a1c <- proj.ehr.labs.result_value aggregated
-- edge: avg_v_a1c <- proj.ehr.labs.lab_name filter
-- edge: avg_v_ldl <- proj.ehr.labs.result_value aggregated
-- edge: avg_v_ldl <- proj.ehr.labs.lab_name filter
-- edge: max_v_a1c <- proj.ehr.labs.result_value aggregated
-- edge: max_v_a1c <- proj.ehr.labs.lab_name filter
-- edge: max_v_ldl <- proj.ehr.labs.result_value aggregated
-- edge: max_v_ldl <- proj.ehr.labs.lab_name filter
select * from (
  select patient_id, lab_name, result_value from proj.ehr.labs
)
pivot (avg(result_value) as avg_v, max(result_value) as max_v for lab_name in ('a1c' as a1c, 'ldl' as ldl))

-- case: bq_union_cte_lead
-- relation: proj.ehr.admissions: patient_id, admit_ts, discharge_ts, ward
-- relation: proj.ehr.labevents: subject_id, itemid, charttime, valuenum
-- note: a three-branch positional UNION ALL in a CTE (names from the first branch). lead copies event_ts (also its ORDER BY: a value wins) with the partition column as a filter; TIMESTAMP_DIFF of the lead and the current value is generalized; row_number has only filter edges. QUALIFY picks rows only.
-- edge: patient_id <- proj.ehr.admissions.patient_id copy
-- edge: patient_id <- proj.ehr.labevents.subject_id copy
-- edge: event_ts <- proj.ehr.admissions.admit_ts copy
-- edge: event_ts <- proj.ehr.admissions.discharge_ts copy
-- edge: event_ts <- proj.ehr.labevents.charttime copy
-- edge: kind <- (none)
-- edge: next_event_ts <- proj.ehr.admissions.admit_ts copy
-- edge: next_event_ts <- proj.ehr.admissions.discharge_ts copy
-- edge: next_event_ts <- proj.ehr.labevents.charttime copy
-- edge: next_event_ts <- proj.ehr.admissions.patient_id filter
-- edge: next_event_ts <- proj.ehr.labevents.subject_id filter
-- edge: minutes_to_next <- proj.ehr.admissions.admit_ts generalized
-- edge: minutes_to_next <- proj.ehr.admissions.discharge_ts generalized
-- edge: minutes_to_next <- proj.ehr.labevents.charttime generalized
-- edge: minutes_to_next <- proj.ehr.admissions.patient_id filter
-- edge: minutes_to_next <- proj.ehr.labevents.subject_id filter
-- edge: seq <- proj.ehr.admissions.patient_id filter
-- edge: seq <- proj.ehr.labevents.subject_id filter
-- edge: seq <- proj.ehr.admissions.admit_ts filter
-- edge: seq <- proj.ehr.admissions.discharge_ts filter
-- edge: seq <- proj.ehr.labevents.charttime filter
with events as (
  select patient_id, admit_ts as event_ts, 'admit' as kind from proj.ehr.admissions
  union all
  select patient_id, discharge_ts, 'discharge' from proj.ehr.admissions
  union all
  select subject_id, charttime, 'lab' from proj.ehr.labevents
)
select
  patient_id,
  event_ts,
  kind,
  lead(event_ts) over (partition by patient_id order by event_ts) as next_event_ts,
  timestamp_diff(lead(event_ts) over (partition by patient_id order by event_ts), event_ts, MINUTE) as minutes_to_next,
  row_number() over (partition by patient_id order by event_ts) as seq
from events
qualify count(*) over (partition by patient_id) > 1

-- case: bq_colon_path_not_bigquery
-- relation: proj.ehr.events: event_id, payload, event_time
-- note: `payload:patient.id` is Snowflake's VARIANT path syntax; BigQuery has no `:` path operator, so the SQL does not parse as BigQuery.
-- unresolved: syntax error
select event_id, payload:patient.id as patient_ref from proj.ehr.events
