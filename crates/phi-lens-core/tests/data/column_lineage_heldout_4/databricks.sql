-- case: dbx_from_json_struct_transform_sha2
-- relation: lake.bronze.fhir_patients: id, raw_json, ingested_at
-- note: from_json parses raw_json into a struct p; fields and array elements of it (p.name[0].family, p.birthDate) are derived; transform() with a lambda and array_join derived; to_date a conversion (derived); size() an element count (generalized); sha2(concat_ws()) hashed; date_format a conversion (derived).
-- edge: patient_id <- lake.bronze.fhir_patients.id copy
-- edge: family_name <- lake.bronze.fhir_patients.raw_json derived
-- edge: given_names <- lake.bronze.fhir_patients.raw_json derived
-- edge: birth_date <- lake.bronze.fhir_patients.raw_json derived
-- edge: address_count <- lake.bronze.fhir_patients.raw_json generalized
-- edge: person_key <- lake.bronze.fhir_patients.raw_json hashed
-- edge: ingest_month <- lake.bronze.fhir_patients.ingested_at derived
with parsed as (
  select
    id,
    from_json(raw_json, 'struct<name:array<struct<family:string,given:array<string>>>,birthDate:string,address:array<struct<city:string,postalCode:string>>>') as p,
    ingested_at
  from lake.bronze.fhir_patients
)
select
  id as patient_id,
  p.name[0].family as family_name,
  array_join(transform(p.name[0].given, g -> upper(g)), ' ') as given_names,
  to_date(p.birthDate) as birth_date,
  size(p.address) as address_count,
  sha2(concat_ws('|', p.name[0].family, p.birthDate), 256) as person_key,
  date_format(ingested_at, 'yyyy-MM') as ingest_month
from parsed

-- case: dbx_using_chain_star_except
-- relation: lake.silver.patients: patient_id, mrn, ssn, birth_date, gender
-- relation: lake.silver.coverage: patient_id, payer, plan_type, start_date
-- relation: lake.silver.pcp: patient_id, pcp_npi
-- note: `* except (ssn, mrn)` over two chained JOIN USING (patient_id): the USING column appears once and, unqualified, comes from all three tables; year() - year() is a date difference (generalized).
-- edge: patient_id <- lake.silver.patients.patient_id copy
-- edge: patient_id <- lake.silver.coverage.patient_id copy
-- edge: patient_id <- lake.silver.pcp.patient_id copy
-- edge: birth_date <- lake.silver.patients.birth_date copy
-- edge: gender <- lake.silver.patients.gender copy
-- edge: payer <- lake.silver.coverage.payer copy
-- edge: plan_type <- lake.silver.coverage.plan_type copy
-- edge: start_date <- lake.silver.coverage.start_date copy
-- edge: pcp_npi <- lake.silver.pcp.pcp_npi copy
-- edge: approx_age <- lake.silver.patients.birth_date generalized
select
  * except (ssn, mrn),
  year(current_date()) - year(birth_date) as approx_age
from lake.silver.patients
join lake.silver.coverage using (patient_id)
left join lake.silver.pcp using (patient_id)

-- case: dbx_cube_percentile_collect_set
-- relation: lake.gold.encounters: encounter_id, patient_id, facility, encounter_type, admit_ts, discharge_ts, charges
-- note: CUBE keys selected as they are stay copies; count(distinct), percentile_approx, avg of a unix_timestamp difference and collect_set of date_trunc are aggregates (aggregated wins over the arithmetic inside).
-- edge: facility <- lake.gold.encounters.facility copy
-- edge: encounter_type <- lake.gold.encounters.encounter_type copy
-- edge: patients <- lake.gold.encounters.patient_id aggregated
-- edge: median_charges <- lake.gold.encounters.charges aggregated
-- edge: avg_los_hours <- lake.gold.encounters.discharge_ts aggregated
-- edge: avg_los_hours <- lake.gold.encounters.admit_ts aggregated
-- edge: active_months <- lake.gold.encounters.admit_ts aggregated
select
  facility,
  encounter_type,
  count(distinct patient_id) as patients,
  percentile_approx(charges, 0.5) as median_charges,
  avg(unix_timestamp(discharge_ts) - unix_timestamp(admit_ts)) / 3600 as avg_los_hours,
  collect_set(date_trunc('MONTH', admit_ts)) as active_months
from lake.gold.encounters
group by cube (facility, encounter_type)

-- case: dbx_unpivot_aliases_dense_rank_flag
-- relation: lake.silver.lab_panel: patient_id, drawn_at, glucose, sodium, potassium
-- note: UNPIVOT INCLUDE NULLS with IN aliases: value copies each listed column, analyte holds the aliases (literals, no upstream); dense_rank has only its PARTITION BY/ORDER BY columns as filters (analyte adds none); `value > 140` is a comparison (generalized) of all three.
-- edge: patient_id <- lake.silver.lab_panel.patient_id copy
-- edge: analyte <- (none)
-- edge: value <- lake.silver.lab_panel.glucose copy
-- edge: value <- lake.silver.lab_panel.sodium copy
-- edge: value <- lake.silver.lab_panel.potassium copy
-- edge: recency_rank <- lake.silver.lab_panel.patient_id filter
-- edge: recency_rank <- lake.silver.lab_panel.drawn_at filter
-- edge: high_flag <- lake.silver.lab_panel.glucose generalized
-- edge: high_flag <- lake.silver.lab_panel.sodium generalized
-- edge: high_flag <- lake.silver.lab_panel.potassium generalized
select
  patient_id,
  analyte,
  value,
  dense_rank() over (partition by patient_id, analyte order by drawn_at desc) as recency_rank,
  value > 140 as high_flag
from lake.silver.lab_panel
unpivot include nulls (value for analyte in (glucose as glu, sodium as na, potassium as k))

-- case: dbx_lateral_view_range_interval_qualify
-- relation: lake.silver.med_orders: order_id, patient_id, ordered_at, drug_codes, dose_mg
-- note: LATERAL VIEW explode gives one row per array element (derived); the RANGE frame over an interval aggregates dose_mg with patient_id/ordered_at as filters; datediff of ordered_at and its lag is a date difference (generalized; ordered_at is also the lag's ORDER BY: a value wins) with patient_id a filter; QUALIFY picks rows only.
-- edge: order_id <- lake.silver.med_orders.order_id copy
-- edge: patient_id <- lake.silver.med_orders.patient_id copy
-- edge: drug_code <- lake.silver.med_orders.drug_codes derived
-- edge: dose_30d <- lake.silver.med_orders.dose_mg aggregated
-- edge: dose_30d <- lake.silver.med_orders.patient_id filter
-- edge: dose_30d <- lake.silver.med_orders.ordered_at filter
-- edge: days_since_prev <- lake.silver.med_orders.ordered_at generalized
-- edge: days_since_prev <- lake.silver.med_orders.patient_id filter
select
  o.order_id,
  o.patient_id,
  code as drug_code,
  sum(o.dose_mg) over (
    partition by o.patient_id
    order by o.ordered_at
    range between interval 30 days preceding and current row
  ) as dose_30d,
  datediff(o.ordered_at, lag(o.ordered_at) over (partition by o.patient_id order by o.ordered_at)) as days_since_prev
from lake.silver.med_orders o
lateral view explode(o.drug_codes) c as code
qualify count(*) over (partition by o.order_id) > 1

-- case: dbx_source_left_in
-- relation: lake.silver.patients: patient_id, mrn, ssn, birth_date, gender
-- note: `{{ source('ehr', 'patients') }}` was never rendered.
-- unresolved: jinja
select patient_id, birth_date
from {{ source('ehr', 'patients') }}

-- case: dbx_unbalanced_in_subquery
-- relation: lake.silver.patients: patient_id, mrn, ssn, birth_date, gender
-- relation: lake.silver.pcp: patient_id, pcp_npi
-- note: the IN subquery's parenthesis is never closed.
-- unresolved: unbalanced parentheses
select patient_id, gender
from lake.silver.patients
where patient_id in (select patient_id from lake.silver.pcp
