-- case: redshift_claims_mart
-- relation: dev.claims.medical_claim: claim_id, patient_id, claim_start_date, paid_amount, diagnosis_code_1, billing_npi
-- relation: dev.claims.patient: patient_id, first_name, last_name, birth_date, gender, zip_code
-- note: date_trunc('month', ...) is generalized; nvl is derived; listagg aggregates; the GROUP BY columns are copies; HAVING is upstream of nothing.
-- edge: claim_month <- dev.claims.medical_claim.claim_start_date generalized
-- edge: gender <- dev.claims.patient.gender derived
-- edge: total_paid <- dev.claims.medical_claim.paid_amount aggregated
-- edge: dx_list <- dev.claims.medical_claim.diagnosis_code_1 aggregated
-- edge: patients <- dev.claims.medical_claim.patient_id aggregated
select
    date_trunc('month', c.claim_start_date) as claim_month,
    nvl(p.gender, 'unknown') as gender,
    sum(c.paid_amount) as total_paid,
    listagg(distinct c.diagnosis_code_1, ',') within group (order by c.diagnosis_code_1) as dx_list,
    count(distinct c.patient_id) as patients
from dev.claims.medical_claim c
left join dev.claims.patient p on c.patient_id = p.patient_id
group by 1, 2
having count(*) > 10

-- case: redshift_derived_table_hash
-- relation: dev.claims.patient: patient_id, first_name, last_name, birth_date, gender, zip_code
-- note: a derived table renames; func_sha1 is Redshift's SHA-1 (hashed); to_char(birth_date, 'YYYY') is a conversion (derived).
-- edge: person_hash <- dev.claims.patient.patient_id hashed
-- edge: birth_year_text <- dev.claims.patient.birth_date derived
-- edge: initials <- dev.claims.patient.first_name generalized
-- edge: initials <- dev.claims.patient.last_name generalized
select
    md5(t.pid) as person_hash,
    to_char(t.dob, 'YYYY') as birth_year_text,
    left(t.fn, 1) || left(t.ln, 1) as initials
from (select patient_id as pid, birth_date as dob, first_name as fn, last_name as ln from dev.claims.patient) t

-- case: redshift_multi_statement
-- relation: dev.claims.patient: patient_id, first_name, last_name, birth_date, gender, zip_code
-- note: two statements are not one model query.
-- unresolved: several statements
create temp table t as select patient_id from dev.claims.patient; select * from t

-- case: rs_partiql_element_at_index
-- relation: dev.ehr.encounters: encounter_id, doc, loaded_at
-- note: PartiQL: `e.doc.diagnoses AS d AT pos` gives one row per element of the SUPER array (derived from doc), pos its index (no upstream); d.code is a field of the element; sha2 of a SUPER path is hashed.
-- edge: encounter_id <- dev.ehr.encounters.encounter_id copy
-- edge: dx_code <- dev.ehr.encounters.doc derived
-- edge: dx_pos <- (none)
-- edge: mrn_sha1 <- dev.ehr.encounters.doc hashed
select e.encounter_id, d.code::varchar as dx_code, pos as dx_pos, sha2(e.doc.mrn::varchar, 256) as mrn_sha1
from dev.ehr.encounters as e, e.doc.diagnoses as d at pos

-- case: rs_hash_function_names
-- relation: dev.members.enrollment: member_id, ssn, mrn, email, plan_code
-- note: func_sha1 is Redshift's SHA-1 and fnv_hash its FNV-1a hash: both hashed, like md5; a hash of a salted concatenation hashes every input.
-- edge: member_id <- dev.members.enrollment.member_id copy
-- edge: ssn_key <- dev.members.enrollment.ssn hashed
-- edge: mrn_key <- dev.members.enrollment.mrn hashed
-- edge: email_key <- dev.members.enrollment.email hashed
-- edge: email_key <- dev.members.enrollment.plan_code hashed
select member_id, func_sha1(ssn) as ssn_key, fnv_hash(mrn) as mrn_key, func_sha1('salt' || email || plan_code) as email_key
from dev.members.enrollment

-- case: rs_stray_end_not_a_label
-- relation: warehouse.claims.claim_lines: claim_id, member_id, paid_amount
-- note: Redshift takes no keyword as a bare column label: `'9999-12-31'::date end` is a syntax error in the warehouse. The parser stopped at the END and kept `select current_date as snapshot_date, '9999-12-31'::date` (no FROM, no column): a shorter query, silently resolved; it must be reported.
-- unresolved: syntax error
select current_date as snapshot_date, '9999-12-31'::date end, claim_id, member_id
from warehouse.claims.claim_lines
