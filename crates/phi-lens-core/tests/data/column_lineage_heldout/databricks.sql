-- case: stroma_achilles_820
-- origin: github lsc-sde/stroma @ 23e4f3caa02b387d98cc579201c04f51e01af88f stroma/models/achilles/temp_models/achilles__s_tmpach_820.sql (a SQLMesh model, dialect databricks: the MODEL block dropped and the blueprint macro rendered by hand, @src_schema → silver; OMOP CDM 5.4 column names)
-- relation: silver.observation: observation_id, person_id, observation_concept_id, observation_date, observation_datetime, observation_type_concept_id, value_as_number, value_as_string, value_as_concept_id
-- relation: silver.observation_period: observation_period_id, person_id, observation_period_start_date, observation_period_end_date, period_type_concept_id
-- note: stratum_1 is YEAR()*100 + MONTH() of observation_date (generalized; the outer CAST is a copy); count_value is COUNT(person_id)::FLOAT (aggregated); the join condition is upstream of nothing; the rest are literals.
-- edge: analysis_id <- (none)
-- edge: count_value <- silver.observation.person_id aggregated
-- edge: stratum_1 <- silver.observation.observation_date generalized
-- edge: stratum_2 <- (none)
-- edge: stratum_3 <- (none)
-- edge: stratum_4 <- (none)
-- edge: stratum_5 <- (none)
-- 820	Number of observation records by condition occurrence start month
with rawData as (
  select
    YEAR(o.observation_date) * 100 + MONTH(o.observation_date) as stratum_1,
    COUNT(o.person_id)::FLOAT as count_value
  from
    silver.observation as o
  inner join
    silver.observation_period as op
    on
      o.person_id = op.person_id
      and
      o.observation_date >= op.observation_period_start_date
      and
      o.observation_date <= op.observation_period_end_date
  group by
    YEAR(o.observation_date) * 100 + MONTH(o.observation_date)
)

select
  820 as analysis_id,
  count_value,
  CAST(stratum_1 as VARCHAR(255)) as stratum_1,
  CAST(NULL as VARCHAR(255)) as stratum_2,
  CAST(NULL as VARCHAR(255)) as stratum_3,
  CAST(NULL as VARCHAR(255)) as stratum_4,
  CAST(NULL as VARCHAR(255)) as stratum_5
from
  rawData

-- case: stroma_achilles_1300
-- origin: github lsc-sde/stroma @ 23e4f3caa02b387d98cc579201c04f51e01af88f stroma/models/achilles/temp_models/achilles__s_tmpach_1300.sql (a SQLMesh model, dialect databricks: the MODEL block dropped and @src_schema rendered by hand → silver; OMOP CDM 5.4 column names)
-- relation: silver.visit_detail: visit_detail_id, person_id, visit_detail_concept_id, visit_detail_start_date, visit_detail_end_date, visit_occurrence_id
-- relation: silver.observation_period: observation_period_id, person_id, observation_period_start_date, observation_period_end_date, period_type_concept_id
-- note: the GROUP BY key cast to VARCHAR is a copy; COUNT(distinct person_id) aggregated.
-- edge: analysis_id <- (none)
-- edge: stratum_1 <- silver.visit_detail.visit_detail_concept_id copy
-- edge: stratum_2 <- (none)
-- edge: stratum_3 <- (none)
-- edge: stratum_4 <- (none)
-- edge: stratum_5 <- (none)
-- edge: count_value <- silver.visit_detail.person_id aggregated
-- 1300	Number of persons with at least one visit detail, by visit_detail_concept_id
-- restricted to visits overlapping with observation period
select
  1300 as analysis_id,
  CAST(vd.visit_detail_concept_id as VARCHAR(255)) as stratum_1,
  CAST(NULL as VARCHAR(255)) as stratum_2,
  CAST(NULL as VARCHAR(255)) as stratum_3,
  CAST(NULL as VARCHAR(255)) as stratum_4,
  CAST(NULL as VARCHAR(255)) as stratum_5,
  COUNT(distinct vd.person_id)::FLOAT as count_value
from
  silver.visit_detail as vd
inner join
  silver.observation_period as op
  on
    vd.person_id = op.person_id
    and
    vd.visit_detail_start_date >= op.observation_period_start_date
    and
    vd.visit_detail_start_date <= op.observation_period_end_date
group by
  vd.visit_detail_concept_id

-- case: dbx_union_all_by_name
-- relation: main.ehr.clinic_visits: patient_id, visit_date, clinic
-- relation: main.ehr.tele_visits: visit_date, patient_id, platform
-- note: UNION ALL BY NAME matches columns by name: the second branch lists visit_date first; source is a literal in both.
-- edge: patient_id <- main.ehr.clinic_visits.patient_id copy
-- edge: patient_id <- main.ehr.tele_visits.patient_id copy
-- edge: visit_date <- main.ehr.clinic_visits.visit_date copy
-- edge: visit_date <- main.ehr.tele_visits.visit_date copy
-- edge: source <- (none)
select patient_id, visit_date, 'clinic' as source from main.ehr.clinic_visits
union all by name
select visit_date, patient_id, 'telehealth' as source from main.ehr.tele_visits

-- case: dbx_posexplode_json
-- relation: main.ehr.encounters: encounter_id, diagnoses, raw_json
-- note: LATERAL VIEW posexplode gives a position (no upstream) and an element (derived from diagnoses; .code a struct field of it); get_json_object and the `:` path are JSON paths (derived); size() counts elements (generalized); element_at(...).code is an element's field (derived).
-- edge: encounter_id <- main.ehr.encounters.encounter_id copy
-- edge: dx_position <- (none)
-- edge: dx_code <- main.ehr.encounters.diagnoses derived
-- edge: mrn <- main.ehr.encounters.raw_json derived
-- edge: birth_date <- main.ehr.encounters.raw_json derived
-- edge: dx_count <- main.ehr.encounters.diagnoses generalized
-- edge: primary_dx <- main.ehr.encounters.diagnoses derived
select
    e.encounter_id,
    pos as dx_position,
    dx.code as dx_code,
    get_json_object(e.raw_json, '$.patient.mrn') as mrn,
    e.raw_json:patient.birthDate::date as birth_date,
    size(e.diagnoses) as dx_count,
    element_at(e.diagnoses, 1).code as primary_dx
from main.ehr.encounters e
lateral view posexplode(e.diagnoses) d as pos, dx

-- case: dbx_star_except_case_insensitive
-- relation: main.ehr.patients: patient_id, ssn, `Full Name`, dob, zip
-- relation: main.ehr.claims: claim_id, patient_id, claim_date, amount
-- note: `p.* except (ssn, `Full Name`)` keeps patient_id, dob, zip of patients only; Databricks names are case-insensitive (P.ZIP, p.Dob); sha2(concat_ws()) hashes both inputs; year() and date_trunc generalized; the running sum aggregates amount with partition/order columns as filters.
-- edge: patient_id <- main.ehr.patients.patient_id copy
-- edge: dob <- main.ehr.patients.dob copy
-- edge: zip <- main.ehr.patients.zip copy
-- edge: zip_upper <- main.ehr.patients.zip derived
-- edge: person_hash <- main.ehr.patients.ssn hashed
-- edge: person_hash <- main.ehr.patients.dob hashed
-- edge: birth_year <- main.ehr.patients.dob generalized
-- edge: birth_month <- main.ehr.patients.dob generalized
-- edge: running_amount <- main.ehr.claims.amount aggregated
-- edge: running_amount <- main.ehr.patients.patient_id filter
-- edge: running_amount <- main.ehr.claims.claim_date filter
select
    p.* except (ssn, `Full Name`),
    upper(P.ZIP) as zip_upper,
    sha2(concat_ws('|', p.ssn, p.Dob), 256) as person_hash,
    year(p.dob) as birth_year,
    date_trunc('MONTH', p.dob) as birth_month,
    sum(c.amount) over (partition by p.patient_id order by c.claim_date rows between unbounded preceding and current row) as running_amount
from main.ehr.patients p
join main.ehr.claims c on c.patient_id = p.patient_id

-- case: dbx_pivot_two_aggregates
-- relation: main.ehr.vitals: patient_id, vital, reading, taken_at
-- note: Spark/Databricks PIVOT with two aliased aggregates names each new column <value alias>_<aggregate alias> (hr_avg, hr_n, ...; the reverse of BigQuery). Each aggregates reading with vital as its PIVOT FOR filter; patient_id is the implicit grouping column.
-- edge: patient_id <- main.ehr.vitals.patient_id copy
-- edge: hr_avg <- main.ehr.vitals.reading aggregated
-- edge: hr_avg <- main.ehr.vitals.vital filter
-- edge: hr_n <- main.ehr.vitals.reading aggregated
-- edge: hr_n <- main.ehr.vitals.vital filter
-- edge: bp_avg <- main.ehr.vitals.reading aggregated
-- edge: bp_avg <- main.ehr.vitals.vital filter
-- edge: bp_n <- main.ehr.vitals.reading aggregated
-- edge: bp_n <- main.ehr.vitals.vital filter
select * from (select patient_id, vital, reading from main.ehr.vitals)
pivot (avg(reading) as avg, count(reading) as n for vital in ('hr' as hr, 'bp' as bp))

-- case: dbx_left_anti_join_rn
-- relation: main.claims.members: member_id, plan, updated_at
-- relation: main.claims.opted_out: member_id, opted_out_at
-- note: a LEFT ANTI JOIN outputs only the left side's columns, so the unqualified member_id is members' (not ambiguous); the anti side is upstream of nothing; rn (a window) is used only in WHERE; the cast is a copy.
-- edge: member_id <- main.claims.members.member_id copy
-- edge: plan <- main.claims.members.plan copy
-- edge: updated_date <- main.claims.members.updated_at copy
with latest as (
  select *, row_number() over (partition by member_id order by updated_at desc) as rn
  from main.claims.members
)
select member_id, plan, cast(updated_at as date) as updated_date
from latest l
left anti join main.claims.opted_out o on o.member_id = l.member_id
where rn = 1

-- case: dbx_ambiguous_column
-- relation: main.claims.members: member_id, plan, updated_at
-- relation: main.claims.opted_out: member_id, opted_out_at
-- note: an inner join exposes member_id on both sides; the unqualified reference is ambiguous (Spark raises AMBIGUOUS_REFERENCE).
-- unresolved: ambiguous column
select member_id, plan, opted_out_at
from main.claims.members m
join main.claims.opted_out o on o.member_id = m.member_id

-- case: dbx_star_no_catalog
-- relation: main.ehr.notes_raw: ?
-- unresolved: missing catalog
select *, current_timestamp() as loaded_at from main.ehr.notes_raw
