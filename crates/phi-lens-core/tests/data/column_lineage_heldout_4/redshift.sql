-- case: rs_listagg_grouping_sets_nvl_datediff
-- relation: dw.claims.medical_claims: claim_id, member_id, provider_npi, service_from, service_to, place_of_service, paid_amount, dx1, dx2
-- note: GROUPING SETS keys selected as they are stay copies; listagg(distinct dx1) within group (order by dx1) aggregates dx1 (also its order: a value wins); sum(nvl()) aggregated; count(*) has no upstream; max(datediff()) aggregated.
-- edge: member_id <- dw.claims.medical_claims.member_id copy
-- edge: place_of_service <- dw.claims.medical_claims.place_of_service copy
-- edge: dx_list <- dw.claims.medical_claims.dx1 aggregated
-- edge: paid <- dw.claims.medical_claims.paid_amount aggregated
-- edge: claim_lines <- (none)
-- edge: longest_stay_days <- dw.claims.medical_claims.service_from aggregated
-- edge: longest_stay_days <- dw.claims.medical_claims.service_to aggregated
select
  member_id,
  place_of_service,
  listagg(distinct dx1, ',') within group (order by dx1) as dx_list,
  sum(nvl(paid_amount, 0)) as paid,
  count(*) as claim_lines,
  max(datediff(day, service_from, service_to)) as longest_stay_days
from dw.claims.medical_claims
group by grouping sets ((member_id, place_of_service), (member_id), ())

-- case: rs_cte_column_list_nested_union_except
-- relation: dw.ehr.inpatient: patient_id, admit_date, facility_id, mrn
-- relation: dw.ehr.outpatient: patient_id, visit_date, clinic_id, mrn
-- relation: dw.ehr.opt_outs: patient_id, opted_out_on
-- note: the CTE's column list renames the set operation's columns positionally (person, seen_on, site); the parenthesized UNION gives both branches; the right side of EXCEPT is upstream of nothing; date_trunc generalized.
-- edge: person <- dw.ehr.inpatient.patient_id copy
-- edge: person <- dw.ehr.outpatient.patient_id copy
-- edge: seen_on <- dw.ehr.inpatient.admit_date copy
-- edge: seen_on <- dw.ehr.outpatient.visit_date copy
-- edge: site <- dw.ehr.inpatient.facility_id copy
-- edge: site <- dw.ehr.outpatient.clinic_id copy
-- edge: seen_month <- dw.ehr.inpatient.admit_date generalized
-- edge: seen_month <- dw.ehr.outpatient.visit_date generalized
with visits (person, seen_on, site) as (
    (
        select patient_id, admit_date, facility_id from dw.ehr.inpatient
        union
        select patient_id, visit_date, clinic_id from dw.ehr.outpatient
    )
    except
    select patient_id, opted_out_on, -1 from dw.ehr.opt_outs
)
select person, seen_on, site, date_trunc('month', seen_on) as seen_month
from visits

-- case: rs_quoted_fold_correlated_avg_first_value
-- relation: dw.ehr.lab_results: patient_id, lab_code, result_value, resulted_at
-- relation: dw.ehr.patients: patient_id, birth_date, zip
-- note: Redshift folds quoted identifiers to lower case by default (enable_case_sensitive_identifier off): r."Patient_ID" and "LAB_CODE" are patient_id and lab_code. delta_from_mean subtracts a correlated avg of the same column from the value: result_value is derived and aggregated, the strongest wins (aggregated). first_value copies result_value, its PARTITION BY/ORDER BY columns filters. left(zip, 3) generalized. The WHERE's correlated subquery and the join key are upstream of nothing.
-- edge: patient_id <- dw.ehr.lab_results.patient_id copy
-- edge: lab_code <- dw.ehr.lab_results.lab_code copy
-- edge: result_value <- dw.ehr.lab_results.result_value copy
-- edge: delta_from_mean <- dw.ehr.lab_results.result_value aggregated
-- edge: first_result <- dw.ehr.lab_results.result_value copy
-- edge: first_result <- dw.ehr.lab_results.patient_id filter
-- edge: first_result <- dw.ehr.lab_results.lab_code filter
-- edge: first_result <- dw.ehr.lab_results.resulted_at filter
-- edge: zip3 <- dw.ehr.patients.zip generalized
select
  r."Patient_ID" as patient_id,
  "LAB_CODE" as lab_code,
  result_value,
  result_value - (select avg(r2.result_value) from dw.ehr.lab_results r2 where r2.lab_code = r.lab_code) as delta_from_mean,
  first_value(result_value) over (
    partition by r."Patient_ID", lab_code
    order by resulted_at
    rows between unbounded preceding and unbounded following
  ) as first_result,
  left(p.zip, 3) as zip3
from dw.ehr.lab_results r
join dw.ehr.patients p on p.patient_id = r.patient_id
where r.resulted_at > (select max(p2.birth_date) from dw.ehr.patients p2 where p2.patient_id = r.patient_id)

-- case: rs_json_text_decode_trunc_dateadd_md5
-- relation: dw.raw.encounters_json: encounter_id, payload, loaded_at
-- note: json_extract_path_text is a JSON path (derived); decode() of it returns literals only: a filter edge, like a CASE; trunc(convert_timezone(...)) truncates a timestamp to its date (generalized, like date_trunc); dateadd derived; md5 of a salted path hashed; date_part(dow) generalized.
-- edge: encounter_id <- dw.raw.encounters_json.encounter_id copy
-- edge: patient_id <- dw.raw.encounters_json.payload derived
-- edge: encounter_class <- dw.raw.encounters_json.payload filter
-- edge: loaded_date <- dw.raw.encounters_json.loaded_at generalized
-- edge: followup_due <- dw.raw.encounters_json.loaded_at derived
-- edge: ssn_hash <- dw.raw.encounters_json.payload hashed
-- edge: loaded_dow <- dw.raw.encounters_json.loaded_at generalized
select
  encounter_id,
  json_extract_path_text(payload, 'patient', 'id') as patient_id,
  decode(json_extract_path_text(payload, 'class'), 'IMP', 'inpatient', 'AMB', 'ambulatory', 'other') as encounter_class,
  trunc(convert_timezone('UTC', 'America/New_York', loaded_at)) as loaded_date,
  dateadd(day, 30, loaded_at::date) as followup_due,
  md5(json_extract_path_text(payload, 'patient', 'ssn') || 'salt') as ssn_hash,
  date_part(dow, loaded_at) as loaded_dow
from dw.raw.encounters_json

-- case: rs_using_three_tables_windows
-- relation: dw.mart.members: member_id, plan_id, enrolled_on
-- relation: dw.mart.plans: plan_id, plan_name, premium
-- relation: dw.mart.member_months: member_id, plan_id, month_start, allowed
-- note: two chained JOIN USING: the unqualified member_id comes from members and member_months, plan_id from all three tables (also as a window's PARTITION BY: filter edges from all three); the running sum and ratio_to_report aggregate allowed; datediff(month, ...) generalized.
-- edge: member_id <- dw.mart.members.member_id copy
-- edge: member_id <- dw.mart.member_months.member_id copy
-- edge: plan_id <- dw.mart.members.plan_id copy
-- edge: plan_id <- dw.mart.member_months.plan_id copy
-- edge: plan_id <- dw.mart.plans.plan_id copy
-- edge: plan_name <- dw.mart.plans.plan_name copy
-- edge: month_start <- dw.mart.member_months.month_start copy
-- edge: plan_allowed_to_date <- dw.mart.member_months.allowed aggregated
-- edge: plan_allowed_to_date <- dw.mart.members.plan_id filter
-- edge: plan_allowed_to_date <- dw.mart.member_months.plan_id filter
-- edge: plan_allowed_to_date <- dw.mart.plans.plan_id filter
-- edge: plan_allowed_to_date <- dw.mart.member_months.month_start filter
-- edge: share_of_month <- dw.mart.member_months.allowed aggregated
-- edge: share_of_month <- dw.mart.member_months.month_start filter
-- edge: months_enrolled <- dw.mart.members.enrolled_on generalized
-- edge: months_enrolled <- dw.mart.member_months.month_start generalized
select
  member_id,
  plan_id,
  p.plan_name,
  mm.month_start,
  sum(mm.allowed) over (partition by plan_id order by mm.month_start rows unbounded preceding) as plan_allowed_to_date,
  ratio_to_report(mm.allowed) over (partition by mm.month_start) as share_of_month,
  datediff(month, m.enrolled_on, mm.month_start) as months_enrolled
from dw.mart.members m
join dw.mart.member_months mm using (member_id, plan_id)
join dw.mart.plans p using (plan_id)

-- case: rs_jinja_set_block
-- relation: dw.mart.members: member_id, plan_id, enrolled_on
-- note: a `{% set %}` block and a loop over it were never rendered.
-- unresolved: jinja
{% set cols = ['member_id', 'plan_id'] %}
select {% for c in cols %}{{ c }}{% if not loop.last %}, {% endif %}{% endfor %}
from dw.mart.members

-- case: rs_unknown_middle_name
-- relation: dw.mart.members: member_id, plan_id, enrolled_on
-- note: middle_name is not a column of members; Redshift rejects the query.
-- unresolved: unknown column
select member_id, middle_name
from dw.mart.members
