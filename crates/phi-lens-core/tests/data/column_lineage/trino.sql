-- case: athena_row_number_star
-- origin: ../shared/corpus/avinash-1394_dbt-athena-development-1.3.2 model.dbt_dev.model (verbatim, columns of the CSV table assumed)
-- relation: analytics_dev.employment_indicators_november_2022_csv_tables: series_id, year, period, value
-- note: ROW_NUMBER() OVER () has no upstream; * expands the catalog's columns.
-- edge: id <- (none)
-- edge: series_id <- analytics_dev.employment_indicators_november_2022_csv_tables.series_id copy
-- edge: year <- analytics_dev.employment_indicators_november_2022_csv_tables.year copy
-- edge: period <- analytics_dev.employment_indicators_november_2022_csv_tables.period copy
-- edge: value <- analytics_dev.employment_indicators_november_2022_csv_tables.value copy
-- edge: refresh_timestamp <- (none)



SELECT 
    ROW_NUMBER() OVER () AS id
    , *
    , '2023-01-27 22:03:30' AS refresh_timestamp
FROM analytics_dev.employment_indicators_november_2022_csv_tables

-- case: trino_cross_join_unnest
-- relation: lake.ehr.orders: order_id, patient_id, items, ordered_at
-- note: CROSS JOIN UNNEST(items) AS t(item) gives one row per item (derived); date_trunc generalized; approx_distinct aggregates; to_hex(md5(...)) is hashed (the strongest step).
-- edge: order_week <- lake.ehr.orders.ordered_at generalized
-- edge: item <- lake.ehr.orders.items derived
-- edge: patients <- lake.ehr.orders.patient_id aggregated
-- edge: order_key <- lake.ehr.orders.order_id hashed
select
    date_trunc('week', o.ordered_at) as order_week,
    t.item,
    approx_distinct(o.patient_id) as patients,
    to_hex(md5(to_utf8(cast(o.order_id as varchar)))) as order_key
from lake.ehr.orders o
cross join unnest(o.items) as t(item)
group by 1, 2, 4

-- case: trino_json_and_intersect
-- relation: lake.ehr.events: event_id, payload, event_time
-- relation: lake.ehr.excluded_events: event_id
-- note: json_extract_scalar is a JSON path (derived); date() a conversion (derived); EXCEPT's right side only removes rows (upstream of nothing).
-- edge: event_id <- lake.ehr.events.event_id copy
-- edge: patient_ref <- lake.ehr.events.payload derived
-- edge: event_day <- lake.ehr.events.event_time derived
select event_id, json_extract_scalar(payload, '$.patient.id') as patient_ref, date(event_time) as event_day
from lake.ehr.events
except
select event_id, null, null from lake.ehr.excluded_events

-- case: trino_subscript_after_qualified_column
-- relation: hive.ehr.visits: visit_id, vitals, tags, patient
-- note: v.vitals['bp'] and v.tags[1] subscript a qualified column (map lookup, array element: derived); element_at(v.patient.ids, 1) a ROW field's element (derived); the unnest ordinal n has no upstream.
-- edge: visit_id <- hive.ehr.visits.visit_id copy
-- edge: bp <- hive.ehr.visits.vitals derived
-- edge: first_tag <- hive.ehr.visits.tags derived
-- edge: first_id <- hive.ehr.visits.patient derived
-- edge: tag <- hive.ehr.visits.tags derived
-- edge: tag_no <- (none)
select v.visit_id, v.vitals['bp'] as bp, v.tags[1] as first_tag, element_at(v.patient.ids, 1) as first_id, t.tag, t.n as tag_no
from hive.ehr.visits v
cross join unnest(v.tags) with ordinality as t(tag, n)

-- case: trino_wildcard_except_not_trino
-- relation: hive.ehr.members: member_id, ssn, zip
-- note: `* EXCEPT (...)` is BigQuery/Databricks SQL; Trino has no wildcard modifiers: a syntax error.
-- unresolved: syntax error
select * except (ssn) from hive.ehr.members

-- case: trino_cast_to_array_of_rows
-- relation: hive.fhir.observations: observation_id, body
-- note: Trino writes the types ARRAY(T) and ROW(name T, …) (not ARRAY<T>); unnesting a JSON array cast to rows: each field of an element is derived from body.
-- edge: observation_id <- hive.fhir.observations.observation_id copy
-- edge: code <- hive.fhir.observations.body derived
-- edge: units <- hive.fhir.observations.body derived
select o.observation_id, c.code, c.units
from hive.fhir.observations o
cross join unnest(cast(json_extract(o.body, '$.component') as array(row(code varchar, units array(varchar), value_quantity decimal(10, 2))))) as c(code, units, value_quantity)

-- case: trino_map_and_set_aggregates
-- relation: hive.ehr.claims: claim_id, member_id, dx_code, paid
-- note: map_agg, multimap_agg, set_agg and approx_set are aggregates (of every argument); geometric_mean too.
-- edge: member_id <- hive.ehr.claims.member_id copy
-- edge: paid_by_claim <- hive.ehr.claims.claim_id aggregated
-- edge: paid_by_claim <- hive.ehr.claims.paid aggregated
-- edge: claims_by_dx <- hive.ehr.claims.dx_code aggregated
-- edge: claims_by_dx <- hive.ehr.claims.claim_id aggregated
-- edge: dx_set <- hive.ehr.claims.dx_code aggregated
-- edge: dx_sketch <- hive.ehr.claims.dx_code aggregated
-- edge: mean_paid <- hive.ehr.claims.paid aggregated
select member_id,
       map_agg(claim_id, paid) as paid_by_claim,
       multimap_agg(dx_code, claim_id) as claims_by_dx,
       set_agg(dx_code) as dx_set,
       approx_set(dx_code) as dx_sketch,
       geometric_mean(paid) as mean_paid
from hive.ehr.claims
group by member_id

-- case: trino_rejects_natural_join
-- origin: hand-written (round 3): Trino parses NATURAL but its engine refuses it
-- relation: hive.raw.patients: patient_id, zip
-- relation: hive.raw.visits: visit_id, patient_id
-- unresolved: NATURAL JOIN
select patient_id, visit_id from hive.raw.patients natural join hive.raw.visits

-- case: trino_lambda_over_array
-- origin: hand-written (round 4, the class of held-out 3's Trino lambdas)
-- relation: iceberg.ehr.encounters: encounter_id, patient_id, diagnoses
-- note: Trino's lambdas (`x -> upper(x)`) read their parameter, an element of the array argument; transform(...) is derived, cardinality(filter(...)) counts elements (generalized).
-- edge: encounter_id <- iceberg.ehr.encounters.encounter_id copy
-- edge: dx_upper <- iceberg.ehr.encounters.diagnoses derived
-- edge: n_diabetes <- iceberg.ehr.encounters.diagnoses generalized
select encounter_id,
       transform(diagnoses, x -> upper(x)) as dx_upper,
       cardinality(filter(diagnoses, x -> x like 'E11%')) as n_diabetes
from iceberg.ehr.encounters
