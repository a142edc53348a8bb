-- case: desmondgukwe_stg_claims
-- origin: github desmondgukwe/dbt_project @ 405ea8b312b719fdca20f287b1f8b70609d57be1 models/staging/stg_claims.sql (Jinja rendered by hand: ref('raw_claims') → dev.health.raw_claims, columns from seeds/raw_claims.csv; the project names no adapter and date_trunc('month', x) is valid Redshift, so it is filed here)
-- relation: dev.health.raw_claims: claim_id, patient_id, claim_date, claim_amount, diagnosis_code
-- note: casts are copies; date_trunc of a cast is generalized.
-- edge: claim_id <- dev.health.raw_claims.claim_id copy
-- edge: patient_id <- dev.health.raw_claims.patient_id copy
-- edge: claim_date <- dev.health.raw_claims.claim_date copy
-- edge: claim_amount <- dev.health.raw_claims.claim_amount copy
-- edge: diagnosis_code <- dev.health.raw_claims.diagnosis_code copy
-- edge: claim_month <- dev.health.raw_claims.claim_date generalized

-- Working example: staging model for raw patient claims
-- Cleans data and derives claim_month

with source as (
    select * from "dev"."health"."raw_claims"
),
renamed as (
    select
        claim_id,
        patient_id,
        cast(claim_date as date) as claim_date,
        cast(claim_amount as numeric) as claim_amount,
        diagnosis_code,
        date_trunc('month', cast(claim_date as date)) as claim_month
    from source
)
select * from renamed

-- case: rs_json_hash_decode
-- relation: dev.members.member: member_id, attributes, birth_date, death_date, ssn, email, gender
-- note: json_extract_path_text is a JSON path (derived), left() of it generalized; datediff generalized; func_sha1 and sha2 hashed. nvl2(death_date, 'deceased', 'alive') and decode(gender, 'M', 'male', ...) only test their first argument and return literals, like a CASE: filter edges.
-- edge: member_id <- dev.members.member.member_id copy
-- edge: zip <- dev.members.member.attributes derived
-- edge: zip3 <- dev.members.member.attributes generalized
-- edge: age <- dev.members.member.birth_date generalized
-- edge: ssn_sha1 <- dev.members.member.ssn hashed
-- edge: email_sha2 <- dev.members.member.email hashed
-- edge: vital_status <- dev.members.member.death_date filter
-- edge: gender_text <- dev.members.member.gender filter
select
    m.member_id,
    json_extract_path_text(m.attributes, 'address', 'zip') as zip,
    left(json_extract_path_text(m.attributes, 'address', 'zip'), 3) as zip3,
    datediff(year, m.birth_date, getdate()) as age,
    func_sha1(m.ssn) as ssn_sha1,
    sha2(m.email, 256) as email_sha2,
    nvl2(m.death_date, 'deceased', 'alive') as vital_status,
    decode(m.gender, 'M', 'male', 'F', 'female', 'unknown') as gender_text
from dev.members.member m

-- case: rs_super_partiql_unnest
-- relation: dev.claims.raw_claims: claim_id, payload, loaded_at
-- note: Redshift PartiQL: `from t c, c.payload.lines as l` unnests the SUPER array c.payload.lines (one row per element, derived from payload); l.hcpcs and c.payload.header.payer are SUPER navigation paths on the top-level column (derived).
-- edge: claim_id <- dev.claims.raw_claims.claim_id copy
-- edge: line_number <- dev.claims.raw_claims.payload derived
-- edge: hcpcs <- dev.claims.raw_claims.payload derived
-- edge: payer <- dev.claims.raw_claims.payload derived
select c.claim_id, l.line_number::int as line_number, l.hcpcs::varchar as hcpcs, c.payload.header.payer::varchar as payer
from dev.claims.raw_claims c, c.payload.lines as l

-- case: rs_group_window_over_aggregate
-- relation: dev.claims.claim_line: claim_id, provider_npi, service_date, paid_amount, place_of_service
-- note: count(*) has no upstream; median and listagg aggregate; a window over an aggregate (sum(sum(x)) over ...) is aggregated with its PARTITION BY/ORDER BY columns as filters (date_part of service_date in both); ratio_to_report likewise.
-- edge: provider_npi <- dev.claims.claim_line.provider_npi copy
-- edge: service_year <- dev.claims.claim_line.service_date generalized
-- edge: claims <- (none)
-- edge: median_paid <- dev.claims.claim_line.paid_amount aggregated
-- edge: pos_list <- dev.claims.claim_line.place_of_service aggregated
-- edge: cumulative_paid <- dev.claims.claim_line.paid_amount aggregated
-- edge: cumulative_paid <- dev.claims.claim_line.provider_npi filter
-- edge: cumulative_paid <- dev.claims.claim_line.service_date filter
-- edge: share_of_year <- dev.claims.claim_line.paid_amount aggregated
-- edge: share_of_year <- dev.claims.claim_line.service_date filter
select
    provider_npi,
    date_part(year, service_date) as service_year,
    count(*) as claims,
    median(paid_amount) as median_paid,
    listagg(distinct place_of_service, '|') within group (order by place_of_service) as pos_list,
    sum(sum(paid_amount)) over (partition by provider_npi order by date_part(year, service_date) rows unbounded preceding) as cumulative_paid,
    ratio_to_report(sum(paid_amount)) over (partition by date_part(year, service_date)) as share_of_year
from dev.claims.claim_line
group by provider_npi, date_part(year, service_date)

-- case: rs_cte_union_star_scalar
-- relation: dev.claims.medical_claim: claim_id, member_id, paid_amount, claim_start_date
-- relation: dev.claims.pharmacy_claim: claim_id, member_id, paid_amount, dispensing_date
-- relation: dev.claims.member_months: member_id, year_month
-- note: `select *` branches of a UNION ALL over CTEs (positional); claim_type is a literal in both branches; coalesce is derived; count(*) in a correlated scalar subquery has no upstream.
-- edge: member_id <- dev.claims.medical_claim.member_id copy
-- edge: member_id <- dev.claims.pharmacy_claim.member_id copy
-- edge: claim_type <- (none)
-- edge: paid_amount <- dev.claims.medical_claim.paid_amount derived
-- edge: paid_amount <- dev.claims.pharmacy_claim.paid_amount derived
-- edge: member_months <- (none)
with medical as (
    select claim_id, member_id, paid_amount, 'medical' as claim_type from dev.claims.medical_claim
), pharmacy as (
    select claim_id, member_id, paid_amount, 'pharmacy' as claim_type from dev.claims.pharmacy_claim
), unioned as (
    select * from medical union all select * from pharmacy
)
select
    u.member_id,
    u.claim_type,
    coalesce(u.paid_amount, 0) as paid_amount,
    (select count(*) from dev.claims.member_months mm where mm.member_id = u.member_id) as member_months
from unioned u

-- case: rs_quoted_identifiers_fold
-- relation: dev.ehr.patients: patientid, mrn, dob
-- note: Redshift folds unquoted names to lower case and, by default (enable_case_sensitive_identifier off), quoted ones too: "PatientId" finds patientid and the quoted alias "PatientKey" becomes patientkey.
-- edge: PatientKey <- dev.ehr.patients.patientid copy
-- edge: MRN <- dev.ehr.patients.mrn copy
-- edge: birth_year <- dev.ehr.patients.dob generalized
select "PatientId" as "PatientKey", "MRN", extract(year from DOB) as birth_year from dev.ehr.patients

-- case: rs_jinja_star_macro
-- relation: dev.ehr.patients: patientid, mrn, dob
-- note: a dbt_utils.star() call left uncompiled.
-- unresolved: jinja
select {{ dbt_utils.star(from=ref('patients'), except=['mrn']) }} from dev.ehr.patients

-- case: rs_star_unknown_relation
-- relation: dev.ehr.patients: patientid, mrn, dob
-- relation: dev.staging.claims_feed: ?
-- note: `*` over a relation with no known columns (the patients relation is known but not read).
-- unresolved: missing catalog
select * from dev.staging.claims_feed
