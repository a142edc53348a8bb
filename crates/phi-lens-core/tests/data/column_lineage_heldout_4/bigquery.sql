-- case: bq_struct_paths_unnest_offset_qualify
-- relation: proj.fhir.encounter: id, subject, period, diagnosis, meta
-- note: struct fields (subject.patientId, period.start, period.`end`) are derived; the comma join `unnest(e.diagnosis) as d` makes d an element of the array (d.condition.reference, d.rank derived from diagnosis); date() of a field is a conversion (derived); timestamp_diff generalized; array_length an element count (generalized); the offset is unused; QUALIFY row_number() picks rows only.
-- edge: encounter_id <- proj.fhir.encounter.id copy
-- edge: patient_id <- proj.fhir.encounter.subject derived
-- edge: condition_ref <- proj.fhir.encounter.diagnosis derived
-- edge: dx_rank <- proj.fhir.encounter.diagnosis derived
-- edge: admit_date <- proj.fhir.encounter.period derived
-- edge: los_hours <- proj.fhir.encounter.period generalized
-- edge: dx_count <- proj.fhir.encounter.diagnosis generalized
select
  e.id as encounter_id,
  e.subject.patientId as patient_id,
  d.condition.reference as condition_ref,
  d.rank as dx_rank,
  date(e.period.start) as admit_date,
  timestamp_diff(e.period.`end`, e.period.start, hour) as los_hours,
  array_length(e.diagnosis) as dx_count
from `proj`.`fhir`.`encounter` as e, unnest(e.diagnosis) as d with offset as pos
qualify row_number() over (partition by e.id order by e.meta.lastUpdated desc) = 1

-- case: bq_except_replace_frames_lag_date_add
-- relation: proj.claims.pharmacy_claims: claim_id, patient_id, ndc, fill_date, days_supply, paid, member_ssn
-- note: `* EXCEPT (member_ssn) REPLACE (cast(paid as numeric) as paid)` keeps six columns, paid through a cast (copy); the outer `*` repeats them; date_trunc(..., isoweek) generalized; the framed avg aggregates paid, lag copies ndc, each with patient_id and fill_date as PARTITION BY/ORDER BY filters; date_add(fill_date, interval days_supply day) is date arithmetic of both (derived).
-- edge: claim_id <- proj.claims.pharmacy_claims.claim_id copy
-- edge: patient_id <- proj.claims.pharmacy_claims.patient_id copy
-- edge: ndc <- proj.claims.pharmacy_claims.ndc copy
-- edge: fill_date <- proj.claims.pharmacy_claims.fill_date copy
-- edge: days_supply <- proj.claims.pharmacy_claims.days_supply copy
-- edge: paid <- proj.claims.pharmacy_claims.paid copy
-- edge: fill_week <- proj.claims.pharmacy_claims.fill_date generalized
-- edge: paid_7_fill_avg <- proj.claims.pharmacy_claims.paid aggregated
-- edge: paid_7_fill_avg <- proj.claims.pharmacy_claims.patient_id filter
-- edge: paid_7_fill_avg <- proj.claims.pharmacy_claims.fill_date filter
-- edge: runs_out_on <- proj.claims.pharmacy_claims.fill_date derived
-- edge: runs_out_on <- proj.claims.pharmacy_claims.days_supply derived
-- edge: previous_ndc <- proj.claims.pharmacy_claims.ndc copy
-- edge: previous_ndc <- proj.claims.pharmacy_claims.patient_id filter
-- edge: previous_ndc <- proj.claims.pharmacy_claims.fill_date filter
with fills as (
  select * except (member_ssn) replace (cast(paid as numeric) as paid)
  from `proj`.`claims`.`pharmacy_claims`
)
select
  *,
  date_trunc(fill_date, isoweek) as fill_week,
  avg(paid) over (partition by patient_id order by fill_date rows between 6 preceding and current row) as paid_7_fill_avg,
  date_add(fill_date, interval days_supply day) as runs_out_on,
  lag(ndc) over (partition by patient_id order by fill_date) as previous_ndc
from fills

-- case: bq_rollup_countif_safe_divide_quantiles
-- relation: proj.quality.screenings: patient_id, clinic_id, screened_on, result, age_years
-- note: GROUP BY ROLLUP names a SELECT alias (screen_month, BigQuery allows it); format_date is a conversion (derived); countif aggregates its predicate's column; safe_divide of countif by count(*) keeps result aggregated (count(*) adds nothing); approx_quantiles(...)[offset(2)] takes an element of an aggregate: aggregated wins.
-- edge: clinic_id <- proj.quality.screenings.clinic_id copy
-- edge: screen_month <- proj.quality.screenings.screened_on derived
-- edge: positives <- proj.quality.screenings.result aggregated
-- edge: patients <- proj.quality.screenings.patient_id aggregated
-- edge: positive_rate <- proj.quality.screenings.result aggregated
-- edge: median_age <- proj.quality.screenings.age_years aggregated
select
  clinic_id,
  format_date('%Y-%m', screened_on) as screen_month,
  countif(result = 'positive') as positives,
  count(distinct patient_id) as patients,
  safe_divide(countif(result = 'positive'), count(*)) as positive_rate,
  approx_quantiles(age_years, 4)[offset(2)] as median_age
from `proj`.`quality`.`screenings`
group by rollup (clinic_id, screen_month)

-- case: bq_unpivot_vitals_scalar_birth_date
-- relation: proj.clinical.vitals_wide: patient_id, taken_at, heart_rate, resp_rate, systolic_bp
-- relation: proj.clinical.patients: patient_id, birth_date, sex
-- note: UNPIVOT: reading copies each listed column, vital holds column names (literals, no upstream), patient_id and taken_at pass through; the correlated scalar subquery returns birth_date as it is (no aggregate), so age_at_reading is a date_diff of taken_at and birth_date (generalized). The WHERE is upstream of nothing.
-- edge: patient_id <- proj.clinical.vitals_wide.patient_id copy
-- edge: vital <- (none)
-- edge: reading <- proj.clinical.vitals_wide.heart_rate copy
-- edge: reading <- proj.clinical.vitals_wide.resp_rate copy
-- edge: reading <- proj.clinical.vitals_wide.systolic_bp copy
-- edge: age_at_reading <- proj.clinical.vitals_wide.taken_at generalized
-- edge: age_at_reading <- proj.clinical.patients.birth_date generalized
select
  u.patient_id,
  u.vital,
  u.reading,
  date_diff(date(u.taken_at), (select p.birth_date from `proj`.`clinical`.`patients` p where p.patient_id = u.patient_id), year) as age_at_reading
from `proj`.`clinical`.`vitals_wide`
  unpivot (reading for vital in (heart_rate, resp_rate, systolic_bp)) as u
where u.reading is not null

-- case: bq_array_subquery_sha256_case_exists
-- relation: proj.clinical.patients: patient_id, mrn, first_name, last_name, birth_date, sex
-- relation: proj.clinical.conditions: patient_id, code, onset_date, status
-- note: ARRAY(SELECT c.code ... correlated) collects many rows into one value: aggregated, like an aggregate in a scalar subquery; max() in a correlated scalar subquery aggregated; TO_HEX(SHA256(CONCAT(...))) hashed; initcap(lower()) derived; a CASE WHEN EXISTS (correlated) returning literals gives filter edges for the columns its condition reads (the outer key and the subquery's columns), as the third held-out set labelled it.
-- edge: patient_id <- proj.clinical.patients.patient_id copy
-- edge: patient_token <- proj.clinical.patients.mrn hashed
-- edge: patient_token <- proj.clinical.patients.birth_date hashed
-- edge: condition_codes <- proj.clinical.conditions.code aggregated
-- edge: last_onset <- proj.clinical.conditions.onset_date aggregated
-- edge: last_name <- proj.clinical.patients.last_name derived
-- edge: condition_status <- proj.clinical.patients.patient_id filter
-- edge: condition_status <- proj.clinical.conditions.patient_id filter
-- edge: condition_status <- proj.clinical.conditions.status filter
select
  p.patient_id,
  to_hex(sha256(concat(p.mrn, '|', cast(p.birth_date as string)))) as patient_token,
  array(select c.code from `proj`.`clinical`.`conditions` c where c.patient_id = p.patient_id) as condition_codes,
  (select max(c.onset_date) from `proj`.`clinical`.`conditions` c where c.patient_id = p.patient_id) as last_onset,
  initcap(lower(p.last_name)) as last_name,
  case
    when exists (select 1 from `proj`.`clinical`.`conditions` c where c.patient_id = p.patient_id and c.status = 'active') then 'active'
    else 'none'
  end as condition_status
from `proj`.`clinical`.`patients` p

-- case: bq_jinja_for_loop_pivot
-- relation: proj.clinical.labs: patient_id, lab, value, collected_at
-- note: a hand-rolled pivot whose `{% for %}` loop was never rendered.
-- unresolved: jinja
select
  patient_id,
  {% for m in ['a1c', 'ldl'] %}
  max(if(lab = '{{ m }}', value, null)) as {{ m }},
  {% endfor %}
  max(collected_at) as last_collected_at
from `proj`.`clinical`.`labs`
group by patient_id

-- case: bq_case_without_end
-- relation: proj.clinical.labs: patient_id, lab, value, collected_at
-- note: the CASE is never closed with END; BigQuery rejects the query.
-- unresolved: syntax error
select
  patient_id,
  case when value > 9 then 'uncontrolled' else 'controlled' as a1c_band
from `proj`.`clinical`.`labs`
where lab = 'a1c'
