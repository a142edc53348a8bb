-- case: sales_final
-- origin: ../shared/corpus/a7med-3laa227_dbt_bigquery_project-2.0.0-beta.46 model.sales_analytics.sales_final (verbatim)
-- relation: sales-analytics-453721.sales_dataset.stg_sales: order_id, country, product_name, amount, order_date
-- note: the CASE returns literals only: order_date is a filter edge of partition_group; GROUP BY 1, 2, 5 is upstream of nothing.
-- edge: country <- sales-analytics-453721.sales_dataset.stg_sales.country copy
-- edge: product_name <- sales-analytics-453721.sales_dataset.stg_sales.product_name copy
-- edge: total_orders <- sales-analytics-453721.sales_dataset.stg_sales.order_id aggregated
-- edge: total_revenue <- sales-analytics-453721.sales_dataset.stg_sales.amount aggregated
-- edge: partition_group <- sales-analytics-453721.sales_dataset.stg_sales.order_date filter
SELECT
    country,
    product_name,
    COUNT(order_id) AS total_orders,
    SUM(amount) AS total_revenue,
    
    CASE 
        WHEN DATE(order_date) >= DATE_SUB(CURRENT_DATE(), INTERVAL 1 MONTH) THEN 'recent'
        ELSE 'historical'
    END AS partition_group
 
FROM `sales-analytics-453721`.`sales_dataset`.`stg_sales`
GROUP BY 1, 2, 5

-- case: except_replace_unnest
-- relation: proj.ehr.patients: patient_id, mrn, ssn, name, birth_date, zip, phones
-- note: BigQuery * EXCEPT / * REPLACE; UNNEST(phones) AS phone in FROM gives one row per phone (derived from the array column); WITH OFFSET has no upstream.
-- edge: patient_id <- proj.ehr.patients.patient_id copy
-- edge: mrn <- proj.ehr.patients.mrn copy
-- edge: name <- proj.ehr.patients.name copy
-- edge: birth_date <- proj.ehr.patients.birth_date generalized
-- edge: zip <- proj.ehr.patients.zip copy
-- edge: phones <- proj.ehr.patients.phones copy
-- edge: phone <- proj.ehr.patients.phones derived
-- edge: phone_pos <- (none)
select p.* except (ssn) replace (date_trunc(birth_date, year) as birth_date), phone, pos as phone_pos
from `proj.ehr.patients` as p, unnest(p.phones) as phone with offset as pos

-- case: farm_fingerprint_struct
-- relation: proj.ehr.encounters: encounter_id, patient, facility, admitted_at
-- note: patient.mrn is a struct field (derived from patient, hashed by farm_fingerprint: hashed wins); extract(date ...) on a timestamp is generalized; timestamp_diff too.
-- edge: patient_key <- proj.ehr.encounters.patient hashed
-- edge: facility_name <- proj.ehr.encounters.facility derived
-- edge: admit_date <- proj.ehr.encounters.admitted_at generalized
-- edge: hours_since <- proj.ehr.encounters.admitted_at generalized
select
    farm_fingerprint(e.patient.mrn) as patient_key,
    e.facility.name as facility_name,
    extract(date from e.admitted_at) as admit_date,
    timestamp_diff(current_timestamp(), e.admitted_at, hour) as hours_since
from `proj`.`ehr`.`encounters` as e

-- case: countif_qualify_window
-- relation: proj.ehr.labs: lab_id, patient_id, test_code, result_value, collected_at
-- note: COUNTIF over a window aggregates its predicate's column; first_value copies a row's value; PARTITION BY/ORDER BY are filter edges; QUALIFY picks rows only. patient_id is both copied and a partition of other columns: only its own copy edge.
-- edge: patient_id <- proj.ehr.labs.patient_id copy
-- edge: abnormal_count <- proj.ehr.labs.result_value aggregated
-- edge: abnormal_count <- proj.ehr.labs.patient_id filter
-- edge: first_test <- proj.ehr.labs.test_code copy
-- edge: first_test <- proj.ehr.labs.patient_id filter
-- edge: first_test <- proj.ehr.labs.collected_at filter
select
    patient_id,
    countif(result_value > 100) over (partition by patient_id) as abnormal_count,
    first_value(test_code) over (partition by patient_id order by collected_at) as first_test
from proj.ehr.labs
qualify row_number() over (partition by patient_id order by collected_at) = 1

-- case: bq_pivot_aggregate_alias_first
-- relation: proj.ehr.vitals: vital_id, patient_id, vital_name, vital_value, taken_at
-- note: BigQuery names a PIVOT column <aggregate alias>_<value alias> (min_val_hr, not hr_min_val), the reverse of Spark/DuckDB. Each aggregates vital_value with vital_name as the PIVOT FOR filter; patient_id is the implicit grouping column.
-- edge: patient_id <- proj.ehr.vitals.patient_id copy
-- edge: min_val_hr <- proj.ehr.vitals.vital_value aggregated
-- edge: min_val_hr <- proj.ehr.vitals.vital_name filter
-- edge: n_hr <- proj.ehr.vitals.vital_value aggregated
-- edge: n_hr <- proj.ehr.vitals.vital_name filter
-- edge: min_val_rr <- proj.ehr.vitals.vital_value aggregated
-- edge: min_val_rr <- proj.ehr.vitals.vital_name filter
-- edge: n_rr <- proj.ehr.vitals.vital_value aggregated
-- edge: n_rr <- proj.ehr.vitals.vital_name filter
select pv.patient_id, pv.min_val_hr, pv.n_hr, pv.min_val_rr, pv.n_rr
from (select patient_id, vital_name, vital_value from `proj.ehr.vitals`)
pivot (min(vital_value) as min_val, count(vital_value) as n for vital_name in ('heart_rate' as hr, 'resp_rate' as rr)) as pv

-- case: bq_implicit_unnest_struct_fields
-- relation: proj.ehr.claims: claim_id, member, lines, billed_at
-- note: `c.lines AS l` after `claims AS c` is BigQuery's implicit UNNEST of the array column (one row per element, derived); l.hcpcs and l.units are fields of the element (derived). UNNEST(c.member.phones) AS ph: ph.number is a field of that element, derived from member.
-- edge: claim_id <- proj.ehr.claims.claim_id copy
-- edge: hcpcs <- proj.ehr.claims.lines derived
-- edge: units <- proj.ehr.claims.lines aggregated
-- edge: phone <- proj.ehr.claims.member derived
select c.claim_id, l.hcpcs, sum(l.units) as units, ph.number as phone
from `proj.ehr.claims` as c, c.lines as l, unnest(c.member.phones) as ph
group by 1, 2, 4

-- case: bq_colon_path_is_snowflake
-- relation: proj.ehr.notes: note_id, body
-- note: `body:author` is Snowflake's path syntax, not BigQuery SQL (BigQuery would use JSON_VALUE): a syntax error, never a guess.
-- unresolved: syntax error
select note_id, body:author as author from `proj.ehr.notes`

-- case: bq_range_variable_shadows_column
-- relation: proj.raw.patients: patient_id, mrn, diagnoses, address
-- note: BigQuery resolves a name to a range variable before any column of that name: after `UNNEST(diagnoses) AS diagnoses` an unqualified `diagnoses` is the element (derived), not the table's array column (no ambiguity); `p` alone is the row of p as a STRUCT (every column, derived).
-- edge: patient_id <- proj.raw.patients.patient_id copy
-- edge: dx <- proj.raw.patients.diagnoses derived
-- edge: row_json <- proj.raw.patients.patient_id derived
-- edge: row_json <- proj.raw.patients.mrn derived
-- edge: row_json <- proj.raw.patients.diagnoses derived
-- edge: row_json <- proj.raw.patients.address derived
select patient_id, json_extract_scalar(diagnoses, '$.code') as dx, to_json_string(p) as row_json
from `proj.raw.patients` as p
cross join unnest(diagnoses) as diagnoses

-- case: bq_rejects_double_colon_cast
-- origin: hand-written (round 3): BigQuery has no `::` cast
-- relation: proj.raw.patients: patient_id, birth_date
-- unresolved: :: cast
select patient_id, birth_date::date as birth_date from proj.raw.patients
