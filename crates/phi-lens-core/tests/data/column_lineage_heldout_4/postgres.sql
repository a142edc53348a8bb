-- case: aidbox_fact_procedure_paths_duration
-- origin: ../shared/corpus/aidbox_dbt-sample-project-1.5.1 model.AidboxProject.fact_procedure (verbatim; relations from its catalog)
-- relation: cdrdemo.dbt.seed_codesystems: alias, system
-- relation: cdrdemo.dbt_fhir.Procedure: id, txid, cts, ts, resource_type, status, resource
-- relation: cdrdemo.dbt.fact_procedure: id, ts, status, patient_id, encounter_id, start, location_synthea_id, type_code, type_display, duration
-- note: as the second held-out set labelled aidbox_fact_encounter: #>> paths derived, `substring(<path> FROM <regex>)` generalized, a seed's system that shapes a jsonpath (uncorrelated scalar subquery, no aggregate) derived, and a timestamp minus a timestamp (duration) derived as date arithmetic. The output `status` is the JSON path, not the table's own status column; `start` is a bare label.
-- edge: id <- cdrdemo.dbt_fhir.Procedure.id copy
-- edge: ts <- cdrdemo.dbt_fhir.Procedure.ts copy
-- edge: status <- cdrdemo.dbt_fhir.Procedure.resource derived
-- edge: patient_id <- cdrdemo.dbt_fhir.Procedure.resource derived
-- edge: encounter_id <- cdrdemo.dbt_fhir.Procedure.resource derived
-- edge: start <- cdrdemo.dbt_fhir.Procedure.resource derived
-- edge: location_synthea_id <- cdrdemo.dbt_fhir.Procedure.resource generalized
-- edge: type_code <- cdrdemo.dbt_fhir.Procedure.resource derived
-- edge: type_code <- cdrdemo.dbt.seed_codesystems.system derived
-- edge: type_display <- cdrdemo.dbt_fhir.Procedure.resource derived
-- edge: type_display <- cdrdemo.dbt.seed_codesystems.system derived
-- edge: duration <- cdrdemo.dbt_fhir.Procedure.resource derived


SELECT   id
       , ts
       , ("resource"#>>'{ status }') status
       , ("resource"#>>'{ subject,id }') patient_id
       , ("resource"#>>'{ encounter,id }') encounter_id 
       , ("resource"#>>'{ performed,Period,start }')::date start 
       , (substring ("resource"#>>'{ location,uri }' FROM '.+\|(.+)$')) location_synthea_id
       , (trim('"' FROM (jsonb_path_query_first("resource", concat('$.code.coding ?(@.system=="', (SELECT system FROM "cdrdemo"."dbt"."seed_codesystems" WHERE alias = 'SNOMED CT-INT' limit 1), '").code')::jsonpath))::text)) type_code
       , (trim('"' FROM (jsonb_path_query_first("resource", concat('$.code.coding ?(@.system=="', (SELECT system FROM "cdrdemo"."dbt"."seed_codesystems" WHERE alias = 'SNOMED CT-INT' limit 1), '").display')::jsonpath))::text)) type_display
       , ("resource"#>>'{ performed,Period,end }')::timestamp - ("resource"#>>'{ performed,Period,start }')::timestamp duration
  FROM "cdrdemo"."dbt_fhir"."Procedure"

WHERE ts > (select max(ts) from "cdrdemo"."dbt"."fact_procedure")

-- case: aidbox_dim_location_nested_jsonpath
-- origin: ../shared/corpus/aidbox_dbt-sample-project-1.5.1 model.AidboxProject.dim_location (verbatim; relations from its catalog)
-- relation: cdrdemo.dbt.seed_identifiers: alias, system
-- relation: cdrdemo.dbt_fhir.Location: id, txid, cts, ts, resource_type, status, resource
-- note: `resource->'managingOrganization'` (unquoted) and `"resource"` are the same column; jsonb_path_query_first over a path built from the seed's system: derived from both.
-- edge: id <- cdrdemo.dbt_fhir.Location.id copy
-- edge: name <- cdrdemo.dbt_fhir.Location.resource derived
-- edge: status <- cdrdemo.dbt_fhir.Location.resource derived
-- edge: city <- cdrdemo.dbt_fhir.Location.resource derived
-- edge: state <- cdrdemo.dbt_fhir.Location.resource derived
-- edge: country <- cdrdemo.dbt_fhir.Location.resource derived
-- edge: organization_synthea_id <- cdrdemo.dbt_fhir.Location.resource derived
-- edge: organization_synthea_id <- cdrdemo.dbt.seed_identifiers.system derived
-- edge: synthea_id <- cdrdemo.dbt_fhir.Location.resource derived
-- edge: synthea_id <- cdrdemo.dbt.seed_identifiers.system derived
select   id 
       , ("resource"#>>'{ name }') as name
       , (trim('"' FROM (jsonb_path_query_first(resource->'managingOrganization', concat('$.identifier ?(@.system=="', (SELECT system FROM "cdrdemo"."dbt"."seed_identifiers" WHERE alias = 'synthea' limit 1), '").value')::jsonpath))::text)) organization_synthea_id
       , (trim('"' FROM (jsonb_path_query_first("resource", concat('$.identifier ?(@.system=="', (SELECT system FROM "cdrdemo"."dbt"."seed_identifiers" WHERE alias = 'synthea' limit 1), '").value')::jsonpath))::text)) synthea_id
       , ("resource"#>>'{ status }')  status
       , ("resource"#>>'{ address,city }') city
       , ("resource"#>>'{ address,state }')  state
       , ("resource"#>>'{ address,country }')  country
from "cdrdemo"."dbt_fhir"."Location"

-- case: aidbox_observable_period_generate_series
-- origin: ../shared/corpus/aidbox_dbt-sample-project-1.5.1 model.AidboxProject.fact_observable_period (verbatim; relations from its catalog)
-- relation: cdrdemo.dbt.dim_patient: id, ts, age, synthea_id, ssn, mrn, gender, alive, race, ethnicity, birthsex, birthdate, birth_year, deceased, deceased_year, state, ms_code, ms_display, language_code, language_display
-- note: generate_series(a, b, 1) AS y: the series values are generated between the min and the max birth year (extract of min()/max() in scalar subqueries), so both outputs are labelled aggregated from birthdate (unquoted birthDate folds to the catalog's birthdate); to_date(y::text, 'YYYY') is a conversion, weaker than aggregated.
-- edge: year_date <- cdrdemo.dbt.dim_patient.birthdate aggregated
-- edge: year <- cdrdemo.dbt.dim_patient.birthdate aggregated
WITH year_min AS (
    select extract('YEAR' from (select min(birthDate) from "cdrdemo"."dbt"."dim_patient")::date) y
), year_max AS ( 
    select extract('YEAR' from (select max(birthDate) from "cdrdemo"."dbt"."dim_patient")::date) y
)
  SELECT   to_date(y::text, 'YYYY') as year_date
         , y as year
    FROM generate_series((select y from year_min), (select y from year_max), 1) as y

-- case: telegram_stg_channels_casts
-- origin: ../shared/corpus/habtamu91_telegram-medical-data-pipeline-1.10.3 model.telegram_medical.stg_telegram_channels (verbatim; relations from its catalog)
-- relation: telegram_medical.telegram_raw.channels: channel_id, channel_name, subscriber_count, is_verified
-- note: ::VARCHAR(255)/::INTEGER/::BOOLEAN casts are copies; a literal and CURRENT_TIMESTAMP have no upstream.
-- edge: channel_key <- telegram_medical.telegram_raw.channels.channel_id copy
-- edge: channel_name <- telegram_medical.telegram_raw.channels.channel_name copy
-- edge: subscribers <- telegram_medical.telegram_raw.channels.subscriber_count copy
-- edge: is_verified <- telegram_medical.telegram_raw.channels.is_verified copy
-- edge: source_system <- (none)
-- edge: dbt_loaded_at <- (none)


SELECT
    channel_id::VARCHAR(255) AS channel_key,
    channel_name::VARCHAR(255) AS channel_name,
    subscriber_count::INTEGER AS subscribers,
    is_verified::BOOLEAN AS is_verified,
    'telegram' AS source_system,
    CURRENT_TIMESTAMP AS dbt_loaded_at
FROM "telegram_medical"."telegram_raw"."channels"

-- case: lightdash_points_transaction_two_part_star
-- origin: ../shared/corpus/adnanfakhar4504_lightdash-analytics-1.8.4 model.highreward_dev_database.points_transaction (verbatim; no catalog: the table's columns assumed from the model's documented columns)
-- relation: high_rewards.public.points_transaction: id, created_at, updated_at, points_earned, transaction_type, is_active, user_id, user_time_zone_date
-- note: `SELECT * FROM public.points_transaction` names the relation by schema and table only (the database is the connection's).
-- edge: id <- high_rewards.public.points_transaction.id copy
-- edge: created_at <- high_rewards.public.points_transaction.created_at copy
-- edge: updated_at <- high_rewards.public.points_transaction.updated_at copy
-- edge: points_earned <- high_rewards.public.points_transaction.points_earned copy
-- edge: transaction_type <- high_rewards.public.points_transaction.transaction_type copy
-- edge: is_active <- high_rewards.public.points_transaction.is_active copy
-- edge: user_id <- high_rewards.public.points_transaction.user_id copy
-- edge: user_time_zone_date <- high_rewards.public.points_transaction.user_time_zone_date copy
SELECT * FROM public.points_transaction

-- case: aidbox_dim_practitioner_array_index_paths
-- origin: ../shared/corpus/aidbox_dbt-sample-project-1.5.1 model.AidboxProject.dim_practitioner (verbatim; relations from its catalog)
-- relation: cdrdemo.dbt.seed_identifiers: alias, system
-- relation: cdrdemo.dbt_fhir.Practitioner: id, txid, cts, ts, resource_type, status, resource
-- note: #>> paths with an array index (address,0,state) are derived; npi's jsonpath is built around the seed's system (derived, as the earlier sets labelled it).
-- edge: id <- cdrdemo.dbt_fhir.Practitioner.id copy
-- edge: npi <- cdrdemo.dbt_fhir.Practitioner.resource derived
-- edge: npi <- cdrdemo.dbt.seed_identifiers.system derived
-- edge: active <- cdrdemo.dbt_fhir.Practitioner.resource derived
-- edge: gender <- cdrdemo.dbt_fhir.Practitioner.resource derived
-- edge: state <- cdrdemo.dbt_fhir.Practitioner.resource derived
-- edge: country <- cdrdemo.dbt_fhir.Practitioner.resource derived
-- edge: city <- cdrdemo.dbt_fhir.Practitioner.resource derived
SELECT id
       , (trim('"' FROM (jsonb_path_query_first("resource", concat('$.identifier ?(@.system=="', (SELECT system FROM "cdrdemo"."dbt"."seed_identifiers" WHERE alias = 'npi' limit 1), '").value')::jsonpath))::text)) npi
       , ("resource"#>>'{ active }') active
       , ("resource"#>>'{ gender }') gender
       , ("resource"#>>'{ address,0,state }') state
       , ("resource"#>>'{ address,0,country }') country
       , ("resource"#>>'{ address,0,city }') city
  FROM "cdrdemo"."dbt_fhir"."Practitioner"

-- case: pg_using_lateral_jsonb_correlated_sum
-- relation: emr.public.patients: patient_id, mrn, first_name, last_name, birth_date, zip
-- relation: emr.public.encounters: encounter_id, patient_id, admitted_at, discharged_at, dx_codes
-- relation: emr.public.claims: claim_id, encounter_id, patient_id, paid_amount, billed_amount
-- note: the unqualified patient_id of `JOIN ... USING (patient_id)` comes from both sides; jsonb_array_elements in a LATERAL gives one row per element and ->> a path (derived); date_bin is date bucketing (generalized, like date_trunc); age() of two timestamps generalized; the correlated scalar subquery sums claims.paid_amount (aggregated), its WHERE is upstream of nothing, as is the EXISTS in the WHERE.
-- edge: patient_id <- emr.public.patients.patient_id copy
-- edge: patient_id <- emr.public.encounters.patient_id copy
-- edge: encounter_id <- emr.public.encounters.encounter_id copy
-- edge: display_name <- emr.public.patients.last_name derived
-- edge: display_name <- emr.public.patients.first_name derived
-- edge: dx_code <- emr.public.encounters.dx_codes derived
-- edge: admitted_slot <- emr.public.encounters.admitted_at generalized
-- edge: length_of_stay <- emr.public.encounters.discharged_at generalized
-- edge: length_of_stay <- emr.public.encounters.admitted_at generalized
-- edge: encounter_paid <- emr.public.claims.paid_amount aggregated
-- edge: mrn_hash <- emr.public.patients.mrn hashed
select
    patient_id,
    e.encounter_id,
    upper(p.last_name) || ', ' || p.first_name as display_name,
    dx.value ->> 'code' as dx_code,
    date_bin('15 minutes', e.admitted_at, timestamp '2000-01-01') as admitted_slot,
    age(e.discharged_at, e.admitted_at) as length_of_stay,
    (select sum(c.paid_amount) from emr.public.claims c where c.encounter_id = e.encounter_id) as encounter_paid,
    md5(p.mrn) as mrn_hash
from emr.public.patients p
join emr.public.encounters e using (patient_id)
cross join lateral jsonb_array_elements(e.dx_codes) as dx(value)
where exists (
    select 1 from emr.public.claims c2
    where c2.patient_id = p.patient_id and c2.billed_amount > 0
)

-- case: pg_surrogate_key_macro_left_in
-- relation: emr.public.patients: patient_id, mrn, first_name, last_name, birth_date, zip
-- note: a dbt_utils macro call was never rendered.
-- unresolved: jinja
select
    {{ dbt_utils.generate_surrogate_key(['mrn', 'birth_date']) }} as patient_key,
    patient_id
from emr.public.patients

-- case: pg_ambiguous_patient_id
-- relation: emr.public.patients: patient_id, mrn, first_name, last_name, birth_date, zip
-- relation: emr.public.encounters: encounter_id, patient_id, admitted_at, discharged_at, dx_codes
-- note: patient_id is unqualified and both joined tables have it (ON, not USING): Postgres rejects it as ambiguous.
-- unresolved: ambiguous column
select patient_id, e.admitted_at
from emr.public.patients p
join emr.public.encounters e on e.patient_id = p.patient_id
