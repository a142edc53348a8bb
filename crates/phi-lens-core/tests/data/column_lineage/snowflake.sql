-- case: andrewstaus_accounts_pii
-- origin: ../shared/corpus/andrewstaus_dbt_analytics-1.9.8 model.analytics.stg_accounts_db__accounts_pii (verbatim)
-- note: the ephemeral model is inlined as a CTE; `::string` casts are copies; lower(trim()) is derived; the correlated max() in WHERE and the QUALIFY are upstream of nothing.
-- relation: raw.accounts_db.accounts: id, party_key, first_name, last_name, loaded_at
-- relation: analytics.accounts_db.accounts_pii: account_id, first_name, last_name, loaded_at
-- edge: account_id <- raw.accounts_db.accounts.id copy
-- edge: first_name <- raw.accounts_db.accounts.first_name derived
-- edge: last_name <- raw.accounts_db.accounts.last_name derived
-- edge: loaded_at <- raw.accounts_db.accounts.loaded_at copy
with  __dbt__cte__src_accounts_db_accounts as (
with accounts as (
    select * from raw.accounts_db.accounts
)

select
    id         ::string    account_id,
    party_key  ::string    individual_party_key,
    first_name ::string    first_name,
    last_name  ::string    last_name,
    loaded_at  ::timestamp loaded_at
from accounts
), accounts as (
    select * from __dbt__cte__src_accounts_db_accounts
)

select
    account_id,
    lower(trim(first_name :: string)) first_name,
    lower(trim(last_name :: string)) last_name,
    loaded_at
from accounts

where loaded_at >= (select max(loaded_at) from analytics.accounts_db.accounts_pii )
qualify row_number() over (partition by account_id order by loaded_at desc) = 1

-- case: flatten_variant
-- relation: RAW.EHR.ENCOUNTERS: ENCOUNTER_ID, PAYLOAD, LOADED_AT
-- note: LATERAL FLATTEN over a JSON array inside a VARIANT: f.value:code is a JSON path on the flattened element (derived from PAYLOAD); payload:patient.mrn is a JSON path on the top-level column PAYLOAD.
-- edge: ENCOUNTER_ID <- RAW.EHR.ENCOUNTERS.ENCOUNTER_ID copy
-- edge: MRN <- RAW.EHR.ENCOUNTERS.PAYLOAD derived
-- edge: DX_CODE <- RAW.EHR.ENCOUNTERS.PAYLOAD derived
-- edge: DX_RANK <- (none)
select
    e.encounter_id,
    e.payload:patient.mrn::string as mrn,
    f.value:code::string as dx_code,
    f.index as dx_rank
from raw.ehr.encounters e,
     lateral flatten(input => e.payload:diagnoses) f

-- case: exclude_rename_snowflake
-- relation: RAW.EHR.PATIENTS: PATIENT_ID, MRN, SSN, FIRST_NAME, LAST_NAME, DOB, ZIP
-- note: Snowflake * EXCLUDE then * RENAME; unquoted names fold to upper case.
-- edge: PATIENT_ID <- RAW.EHR.PATIENTS.PATIENT_ID copy
-- edge: MEDICAL_RECORD_NUMBER <- RAW.EHR.PATIENTS.MRN copy
-- edge: FIRST_NAME <- RAW.EHR.PATIENTS.FIRST_NAME copy
-- edge: LAST_NAME <- RAW.EHR.PATIENTS.LAST_NAME copy
-- edge: DOB <- RAW.EHR.PATIENTS.DOB copy
-- edge: ZIP <- RAW.EHR.PATIENTS.ZIP copy
select * exclude (ssn) rename (mrn as medical_record_number) from raw.ehr.patients

-- case: quoted_mixed_case
-- relation: RAW.EHR.PROVIDERS: "ProviderId", "NPI", NAME
-- note: a quoted mixed-case name keeps its case; an unquoted one folds to upper.
-- edge: ProviderId <- RAW.EHR.PROVIDERS.ProviderId copy
-- edge: PROVIDER_NPI <- RAW.EHR.PROVIDERS.NPI copy
-- edge: NAME_UPPER <- RAW.EHR.PROVIDERS.NAME derived
select "ProviderId", "NPI" as provider_npi, upper(name) as name_upper from raw.ehr.providers

-- case: pivot_snowflake
-- relation: RAW.EHR.VITALS: PATIENT_ID, VITAL_NAME, VITAL_VALUE
-- note: PIVOT(avg(vital_value) FOR vital_name IN (...)): the new columns aggregate VITAL_VALUE with VITAL_NAME as a filter (PIVOT FOR); PATIENT_ID stays as it is.
-- edge: PATIENT_ID <- RAW.EHR.VITALS.PATIENT_ID copy
-- edge: HR <- RAW.EHR.VITALS.VITAL_VALUE aggregated
-- edge: HR <- RAW.EHR.VITALS.VITAL_NAME filter
-- edge: BP <- RAW.EHR.VITALS.VITAL_VALUE aggregated
-- edge: BP <- RAW.EHR.VITALS.VITAL_NAME filter
select * from raw.ehr.vitals
    pivot (avg(vital_value) for vital_name in ('heart_rate' as hr, 'blood_pressure' as bp)) as p

-- case: iff_datediff_sha2
-- relation: RAW.EHR.PATIENTS: PATIENT_ID, MRN, SSN, FIRST_NAME, LAST_NAME, DOB, ZIP
-- note: IFF's condition is a filter and its branches values; datediff is generalized; sha2 of a salted SSN is still hashed.
-- edge: SSN_HASH <- RAW.EHR.PATIENTS.SSN hashed
-- edge: AGE <- RAW.EHR.PATIENTS.DOB generalized
-- edge: IS_ELDERLY <- RAW.EHR.PATIENTS.DOB generalized
-- edge: DISPLAY_ZIP <- RAW.EHR.PATIENTS.ZIP derived
-- edge: DISPLAY_ZIP <- RAW.EHR.PATIENTS.DOB filter
select
    sha2(ssn || 'pepper', 256) as ssn_hash,
    datediff(year, dob, current_date()) as age,
    datediff(year, dob, current_date()) >= 65 as is_elderly,
    iff(datediff(year, dob, current_date()) > 89, '000', zip) as display_zip
from raw.ehr.patients

-- case: scalar_subquery_correlated
-- relation: RAW.EHR.PATIENTS: PATIENT_ID, MRN, SSN, FIRST_NAME, LAST_NAME, DOB, ZIP
-- relation: RAW.EHR.ENCOUNTERS: ENCOUNTER_ID, PAYLOAD, LOADED_AT
-- relation: RAW.EHR.CLAIMS: CLAIM_ID, PATIENT_ID, PAID_AMOUNT, CLAIM_DATE
-- note: the correlated scalar subquery sums PAID_AMOUNT (aggregated); its WHERE columns are upstream of nothing; EXISTS only picks rows.
-- edge: PATIENT_ID <- RAW.EHR.PATIENTS.PATIENT_ID copy
-- edge: TOTAL_PAID <- RAW.EHR.CLAIMS.PAID_AMOUNT aggregated
-- edge: LAST_CLAIM <- RAW.EHR.CLAIMS.CLAIM_DATE aggregated
select
    p.patient_id,
    (select sum(c.paid_amount) from raw.ehr.claims c where c.patient_id = p.patient_id) as total_paid,
    (select max(claim_date) from raw.ehr.claims c2 where c2.patient_id = p.patient_id) as last_claim
from raw.ehr.patients p
where exists (select 1 from raw.ehr.claims c3 where c3.patient_id = p.patient_id)

-- case: synthea_union_positional
-- relation: RAW.SYNTHEA.CONDITIONS: PATIENT, CODE, DESCRIPTION, START
-- relation: RAW.SYNTHEA.PROCEDURES: PATIENT, CODE, DESCRIPTION, DATE
-- note: UNION ALL is positional: the second branch's DATE feeds EVENT_DATE; the string literal column has no upstream.
-- edge: PATIENT_ID <- RAW.SYNTHEA.CONDITIONS.PATIENT copy
-- edge: PATIENT_ID <- RAW.SYNTHEA.PROCEDURES.PATIENT copy
-- edge: CODE <- RAW.SYNTHEA.CONDITIONS.CODE copy
-- edge: CODE <- RAW.SYNTHEA.PROCEDURES.CODE copy
-- edge: EVENT_DATE <- RAW.SYNTHEA.CONDITIONS.START copy
-- edge: EVENT_DATE <- RAW.SYNTHEA.PROCEDURES.DATE derived
-- edge: EVENT_TYPE <- (none)
select patient as patient_id, code, start as event_date, 'condition' as event_type from raw.synthea.conditions
union all
select patient, code, to_date(date), 'procedure' from raw.synthea.procedures

-- case: udf_unknown
-- relation: RAW.EHR.PATIENTS: PATIENT_ID, MRN, SSN, FIRST_NAME, LAST_NAME, DOB, ZIP
-- note: a user-defined function in a schema may hash, mask or copy: it cannot be classified.
-- unresolved: unknown function
select util.mask_ssn(ssn) as ssn_masked from raw.ehr.patients

-- case: star_without_catalog
-- relation: RAW.EHR.NOTES: ?
-- note: the relation's columns are unknown (no catalog, nothing documented): SELECT * cannot be expanded.
-- unresolved: missing catalog
select * from raw.ehr.notes

-- case: sf_quoted_case_exact
-- relation: RAW.EHR.MEMBERS: MEMBER_ID, SSN, "dob"
-- note: Snowflake stores unquoted names upper case and quoted ones as written: "dob" finds the quoted lower-case column, "ssn" (lower case, quoted) is not SSN.
-- unresolved: unknown column
select member_id, "dob", "ssn" from raw.ehr.members

-- case: sf_pivot_single_aggregate_alias
-- relation: RAW.BILLING.CHARGES: CHARGE_ID, PATIENT_ID, CHARGE_MONTH, AMOUNT
-- note: Snowflake appends an aggregate's alias to each pivot column, also for a lone aggregate: JAN_TOTAL, FEB_TOTAL (the value alias, an underscore, the aggregate alias). AMOUNT is aggregated with CHARGE_MONTH as the PIVOT FOR filter; PATIENT_ID is the implicit grouping column.
-- edge: PATIENT_ID <- RAW.BILLING.CHARGES.PATIENT_ID copy
-- edge: JAN_TOTAL <- RAW.BILLING.CHARGES.AMOUNT aggregated
-- edge: JAN_TOTAL <- RAW.BILLING.CHARGES.CHARGE_MONTH filter
-- edge: FEB_TOTAL <- RAW.BILLING.CHARGES.AMOUNT aggregated
-- edge: FEB_TOTAL <- RAW.BILLING.CHARGES.CHARGE_MONTH filter
select p.patient_id, p.jan_total, p.feb_total
from (select patient_id, charge_month, amount from raw.billing.charges)
    pivot (sum(amount) as total for charge_month in ('2026-01' as jan, '2026-02' as feb)) as p

-- case: sf_user_table_function
-- relation: RAW.EHR.PATIENTS: PATIENT_ID, SSN
-- note: a table function in a schema is a user-defined function no catalog describes: its rows are not known, `t.*` cannot be expanded.
-- unresolved: unknown function
select t.*, current_date as as_of from table(raw.ehr.patients_between('2024-01-01'::date, current_date)) t

-- case: sf_listagg_within_group_order
-- relation: RAW.EHR.ENCOUNTERS: ENCOUNTER_ID, PATIENT_ID, DX_CODE, ADMITTED_AT
-- note: LISTAGG/ARRAY_AGG ... WITHIN GROUP (ORDER BY y) only order the values: y is a filter; for PERCENTILE_CONT WITHIN GROUP (ORDER BY x) x is the value aggregated. MAX_BY(v, k): k picks the row (filter).
-- edge: patient_id <- raw.ehr.encounters.patient_id copy
-- edge: dx_history <- raw.ehr.encounters.dx_code aggregated
-- edge: dx_history <- raw.ehr.encounters.admitted_at filter
-- edge: median_admitted <- raw.ehr.encounters.admitted_at aggregated
-- edge: last_encounter <- raw.ehr.encounters.encounter_id aggregated
-- edge: last_encounter <- raw.ehr.encounters.admitted_at filter
select patient_id,
       listagg(dx_code, '|') within group (order by admitted_at) as dx_history,
       percentile_cont(0.5) within group (order by admitted_at) as median_admitted,
       max_by(encounter_id, admitted_at) as last_encounter
from raw.ehr.encounters
group by patient_id
