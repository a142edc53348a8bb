-- case: aidbox_dim_organization
-- origin: ../shared/corpus/aidbox_dbt-sample-project-1.5.1 model.AidboxProject.dim_organization (verbatim; relations from its catalog)
-- relation: cdrdemo.dbt.seed_identifiers: alias, system
-- relation: cdrdemo.dbt.seed_codesystems: alias, system
-- relation: cdrdemo.dbt_fhir.Organization: id, txid, cts, ts, resource_type, status, resource
-- relation: cdrdemo.dbt.dim_organization: id, ts, name, active, city, state, country, synthea_id, type_code, type_display
-- note: #>> paths on the jsonb column "resource" are derived. The jsonpath of synthea_id/type_code/type_display is built by concat() around an uncorrelated scalar subquery that returns a seed's `system` value (not an aggregate): that value shapes the path, so the seed column is a derived edge too. The incremental max(ts) over the model's own table (WHERE) is upstream of nothing.
-- edge: id <- cdrdemo.dbt_fhir.Organization.id copy
-- edge: ts <- cdrdemo.dbt_fhir.Organization.ts copy
-- edge: name <- cdrdemo.dbt_fhir.Organization.resource derived
-- edge: active <- cdrdemo.dbt_fhir.Organization.resource derived
-- edge: city <- cdrdemo.dbt_fhir.Organization.resource derived
-- edge: state <- cdrdemo.dbt_fhir.Organization.resource derived
-- edge: country <- cdrdemo.dbt_fhir.Organization.resource derived
-- edge: synthea_id <- cdrdemo.dbt_fhir.Organization.resource derived
-- edge: synthea_id <- cdrdemo.dbt.seed_identifiers.system derived
-- edge: type_code <- cdrdemo.dbt_fhir.Organization.resource derived
-- edge: type_code <- cdrdemo.dbt.seed_codesystems.system derived
-- edge: type_display <- cdrdemo.dbt_fhir.Organization.resource derived
-- edge: type_display <- cdrdemo.dbt.seed_codesystems.system derived


SELECT id
       , ts
       , ("resource"#>>'{ name }') name
       , ("resource"#>>'{ active }') active
       , ("resource"#>>'{ address,0,city }')  city
       , ("resource"#>>'{ address,0,state }')  state
       , ("resource"#>>'{ address,0,country }')  country
       , (trim('"' FROM (jsonb_path_query_first("resource", concat('$.identifier ?(@.system=="', (SELECT system FROM "cdrdemo"."dbt"."seed_identifiers" WHERE alias = 'synthea' limit 1), '").value')::jsonpath))::text)) synthea_id
       , (trim('"' FROM (jsonb_path_query_first("resource", concat('$.type.coding ?(@.system=="', (SELECT system FROM "cdrdemo"."dbt"."seed_codesystems" WHERE alias = 'organization-type' limit 1), '").code')::jsonpath))::text)) type_code
       , (trim('"' FROM (jsonb_path_query_first("resource", concat('$.type.coding ?(@.system=="', (SELECT system FROM "cdrdemo"."dbt"."seed_codesystems" WHERE alias = 'organization-type' limit 1), '").display')::jsonpath))::text)) type_display
  FROM "cdrdemo"."dbt_fhir"."Organization"


  where ts > (select max(ts) from "cdrdemo"."dbt"."dim_organization")


-- case: aidbox_fact_observation_quantity
-- origin: ../shared/corpus/aidbox_dbt-sample-project-1.5.1 model.AidboxProject.fact_observation_quantity (verbatim; relations from its catalog)
-- relation: cdrdemo.dbt.seed_codesystems: alias, system
-- relation: cdrdemo.dbt_fhir.Observation: id, txid, cts, ts, resource_type, status, resource
-- relation: cdrdemo.dbt.fact_observation_quantity: id, ts, status, issued, effective, patient_id, encounter_id, code, code_display, category, unit, value
-- note: `id::uuid` keeps the name id (a cast: copy); `"resource"#>>'{...}'` paths then casts are derived; the top-level "status" column is NOT read (the output status is the JSON path). code/code_display/category as in dim_organization (seed system shapes the jsonpath: derived). WHERE is upstream of nothing.
-- edge: id <- cdrdemo.dbt_fhir.Observation.id copy
-- edge: ts <- cdrdemo.dbt_fhir.Observation.ts copy
-- edge: status <- cdrdemo.dbt_fhir.Observation.resource derived
-- edge: issued <- cdrdemo.dbt_fhir.Observation.resource derived
-- edge: effective <- cdrdemo.dbt_fhir.Observation.resource derived
-- edge: patient_id <- cdrdemo.dbt_fhir.Observation.resource derived
-- edge: encounter_id <- cdrdemo.dbt_fhir.Observation.resource derived
-- edge: code <- cdrdemo.dbt_fhir.Observation.resource derived
-- edge: code <- cdrdemo.dbt.seed_codesystems.system derived
-- edge: code_display <- cdrdemo.dbt_fhir.Observation.resource derived
-- edge: code_display <- cdrdemo.dbt.seed_codesystems.system derived
-- edge: category <- cdrdemo.dbt_fhir.Observation.resource derived
-- edge: category <- cdrdemo.dbt.seed_codesystems.system derived
-- edge: unit <- cdrdemo.dbt_fhir.Observation.resource derived
-- edge: value <- cdrdemo.dbt_fhir.Observation.resource derived


SELECT   id::uuid
       , ts
       , ("resource"#>>'{ status }') status
       , ("resource"#>>'{ issued }')::timestamp issued
       , ("resource"#>>'{ effective,dateTime }')::timestamp effective
       , ("resource"#>>'{ subject,id }')::uuid patient_id
       , ("resource"#>>'{ encounter,id }')::uuid encounter_id 
       , (trim('"' FROM (jsonb_path_query_first("resource", concat('$.code.coding ?(@.system=="', (SELECT system FROM "cdrdemo"."dbt"."seed_codesystems" WHERE alias = 'loinc' limit 1), '").code')::jsonpath))::text)) code
       , (trim('"' FROM (jsonb_path_query_first("resource", concat('$.code.coding ?(@.system=="', (SELECT system FROM "cdrdemo"."dbt"."seed_codesystems" WHERE alias = 'loinc' limit 1), '").display')::jsonpath))::text)) code_display
       , (trim('"' FROM (jsonb_path_query_first("resource", concat('$.category.coding ?(@.system=="', (SELECT system FROM "cdrdemo"."dbt"."seed_codesystems" WHERE alias = 'observation-category' limit 1), '").code')::jsonpath))::text)) category
       , ("resource"#>>'{ value,Quantity,unit }') unit
       , ("resource"#>>'{ value,Quantity,value }') value 
  FROM "cdrdemo"."dbt_fhir"."Observation"
 WHERE ("resource"#>>'{ value,Quantity }') is not null


   AND ts > (select max(ts) from "cdrdemo"."dbt"."fact_observation_quantity")


-- TODO:
--  + value.Quantity
--  - value.CodeableConcept
--  - component


-- case: aidbox_fact_encounter
-- origin: ../shared/corpus/aidbox_dbt-sample-project-1.5.1 model.AidboxProject.fact_encounter (verbatim; relations from its catalog)
-- relation: cdrdemo.dbt.seed_identifiers: alias, system
-- relation: cdrdemo.dbt.seed_codesystems: alias, system
-- relation: cdrdemo.dbt_fhir.Encounter: id, txid, cts, ts, resource_type, status, resource
-- relation: cdrdemo.dbt.fact_encounter: id, ts, status, type_code, type_display, class, start, end, patient_id, synthea_id, duration, location_synthea_id, organization_synthea_id, practitioner_npi
-- note: the alias `end` is given without AS (Postgres accepts it as a bare column label; the model ran, its catalog has the column). duration subtracts two timestamps read from JSON paths (date arithmetic: derived). location_synthea_id, organization_synthea_id and practitioner_npi are `substring(<path> FROM '<regex>')`: by the written rule substr is generalized, although the regex keeps the id after the `|` whole.
-- edge: id <- cdrdemo.dbt_fhir.Encounter.id copy
-- edge: ts <- cdrdemo.dbt_fhir.Encounter.ts copy
-- edge: status <- cdrdemo.dbt_fhir.Encounter.resource derived
-- edge: type_code <- cdrdemo.dbt_fhir.Encounter.resource derived
-- edge: type_code <- cdrdemo.dbt.seed_codesystems.system derived
-- edge: type_display <- cdrdemo.dbt_fhir.Encounter.resource derived
-- edge: type_display <- cdrdemo.dbt.seed_codesystems.system derived
-- edge: class <- cdrdemo.dbt_fhir.Encounter.resource derived
-- edge: start <- cdrdemo.dbt_fhir.Encounter.resource derived
-- edge: end <- cdrdemo.dbt_fhir.Encounter.resource derived
-- edge: patient_id <- cdrdemo.dbt_fhir.Encounter.resource derived
-- edge: synthea_id <- cdrdemo.dbt_fhir.Encounter.resource derived
-- edge: synthea_id <- cdrdemo.dbt.seed_identifiers.system derived
-- edge: duration <- cdrdemo.dbt_fhir.Encounter.resource derived
-- edge: location_synthea_id <- cdrdemo.dbt_fhir.Encounter.resource generalized
-- edge: organization_synthea_id <- cdrdemo.dbt_fhir.Encounter.resource generalized
-- edge: practitioner_npi <- cdrdemo.dbt_fhir.Encounter.resource generalized


SELECT id
       , ts
       , ("resource"#>>'{ status }') status
       , (trim('"' FROM (jsonb_path_query_first("resource", concat('$.type.coding ?(@.system=="', (SELECT system FROM "cdrdemo"."dbt"."seed_codesystems" WHERE alias = 'SNOMED CT-INT' limit 1), '").code')::jsonpath))::text)) type_code
       , (trim('"' FROM (jsonb_path_query_first("resource", concat('$.type.coding ?(@.system=="', (SELECT system FROM "cdrdemo"."dbt"."seed_codesystems" WHERE alias = 'SNOMED CT-INT' limit 1), '").display')::jsonpath))::text)) type_display
       , ("resource"#>>'{ class,code }') class
       , ("resource"#>>'{ period,start }') start
       , ("resource"#>>'{ period,end }') end
       , ("resource"#>>'{ subject,id }') patient_id
       , (trim('"' FROM (jsonb_path_query_first("resource", concat('$.identifier ?(@.system=="', (SELECT system FROM "cdrdemo"."dbt"."seed_identifiers" WHERE alias = 'synthea' limit 1), '").value')::jsonpath))::text)) synthea_id
       , ("resource"#>>'{ period,end }')::timestamp - ("resource"#>>'{ period,start }')::timestamp duration
       , (substring ("resource"#>>'{ location,0,location,uri }' FROM '.+\|(.+)$')) location_synthea_id
       , (substring ("resource"#>>'{ serviceProvider,uri }' FROM '.+\|(.+)$')) organization_synthea_id
       , (substring ("resource"#>>'{ participant,0,individual,uri }' FROM '.+\|(.+)$')) practitioner_npi
  FROM "cdrdemo"."dbt_fhir"."Encounter"


  WHERE ts > (select max(ts) from "cdrdemo"."dbt"."fact_encounter")


-- case: aidbox_administration
-- origin: ../shared/corpus/aidbox_dbt-sample-project-1.5.1 model.AidboxProject.administration (verbatim; relations from its catalog)
-- relation: cdrdemo.dbt.dim_organization: id, ts, name, active, city, state, country, synthea_id, type_code, type_display
-- relation: cdrdemo.dbt.dim_location: id, name, organization_synthea_id, synthea_id, status, city, state, country
-- relation: cdrdemo.dbt.fact_encounter: id, ts, status, type_code, type_display, class, start, end, patient_id, synthea_id, duration, location_synthea_id, organization_synthea_id, practitioner_npi
-- note: columns qualified by the full three-part relation name ("cdrdemo"."dbt"."fact_encounter".class). date is date_trunc('month', date(start)) (generalized); duration and duration_minutes are avg() (aggregated; round/extract around it do not lower it); count(*) has no upstream column and its output is named count. GROUP BY 1..8 and the join keys are upstream of nothing.
-- edge: organization <- cdrdemo.dbt.dim_organization.name copy
-- edge: organization_id <- cdrdemo.dbt.dim_organization.id copy
-- edge: location_name <- cdrdemo.dbt.dim_location.name copy
-- edge: state <- cdrdemo.dbt.dim_location.state copy
-- edge: class <- cdrdemo.dbt.fact_encounter.class copy
-- edge: type_code <- cdrdemo.dbt.fact_encounter.type_code copy
-- edge: type_display <- cdrdemo.dbt.fact_encounter.type_display copy
-- edge: date <- cdrdemo.dbt.fact_encounter.start generalized
-- edge: duration <- cdrdemo.dbt.fact_encounter.duration aggregated
-- edge: duration_minutes <- cdrdemo.dbt.fact_encounter.duration aggregated
-- edge: count <- (none)
SELECT   "cdrdemo"."dbt"."dim_organization".name organization
         , "cdrdemo"."dbt"."dim_organization".id organization_id
         , "cdrdemo"."dbt"."dim_location".name location_name
         , "cdrdemo"."dbt"."dim_location".state state
         , "cdrdemo"."dbt"."fact_encounter".class class
         , "cdrdemo"."dbt"."fact_encounter".type_code type_code
         , "cdrdemo"."dbt"."fact_encounter".type_display type_display
         , date_trunc('month', date ("cdrdemo"."dbt"."fact_encounter".start)) date
         , avg("cdrdemo"."dbt"."fact_encounter".duration) duration
         , round(extract(epoch from (avg("cdrdemo"."dbt"."fact_encounter".duration)))/60) duration_minutes
         , count(*)
    FROM "cdrdemo"."dbt"."fact_encounter"
    JOIN "cdrdemo"."dbt"."dim_organization" on "cdrdemo"."dbt"."fact_encounter".organization_synthea_id = "cdrdemo"."dbt"."dim_organization".synthea_id
    JOIN "cdrdemo"."dbt"."dim_location"     on "cdrdemo"."dbt"."fact_encounter".location_synthea_id = "cdrdemo"."dbt"."dim_location".synthea_id
GROUP BY 1, 2, 3, 4, 5, 6, 7, 8


-- case: pg_jsonb_to_recordset_lateral
-- relation: clinic.ehr.patients: patient_id, mrn, ssn, birth_date, meds, address
-- note: jsonb_to_recordset in a LATERAL gives one row per array element with typed fields m.drug, m.dose: both derived from meds (the cast stays derived). date_part of age() is generalized; sha256(...::bytea) hashed; address->'home'->>'zip' a JSON path (derived) and left() of it generalized.
-- edge: patient_id <- clinic.ehr.patients.patient_id copy
-- edge: drug <- clinic.ehr.patients.meds derived
-- edge: dose <- clinic.ehr.patients.meds derived
-- edge: age_years <- clinic.ehr.patients.birth_date generalized
-- edge: ssn_hash <- clinic.ehr.patients.ssn hashed
-- edge: zip3 <- clinic.ehr.patients.address generalized
select
    p.patient_id,
    m.drug,
    m.dose::numeric as dose,
    date_part('year', age(p.birth_date)) as age_years,
    sha256(p.ssn::bytea) as ssn_hash,
    left(p.address -> 'home' ->> 'zip', 3) as zip3
from clinic.ehr.patients p
cross join lateral jsonb_to_recordset(p.meds) as m(drug text, dose text)

-- case: pg_grouping_sets_case_percentile
-- relation: clinic.ehr.encounters: encounter_id, patient_id, department, admitted_at, discharged_at, discharge_status, charges
-- note: GROUPING SETS keys selected as expressions keep their own class (coalesce derived, date_trunc generalized). sum(case ... then 1 else 0 end) makes discharge_status a filter edge only; avg of a timestamp difference is aggregated for both; percentile_cont(...) WITHIN GROUP (ORDER BY charges) aggregates charges (the ordered set is its input value).
-- edge: department <- clinic.ehr.encounters.department derived
-- edge: admit_month <- clinic.ehr.encounters.admitted_at generalized
-- edge: patients <- clinic.ehr.encounters.patient_id aggregated
-- edge: deaths <- clinic.ehr.encounters.discharge_status filter
-- edge: avg_los <- clinic.ehr.encounters.discharged_at aggregated
-- edge: avg_los <- clinic.ehr.encounters.admitted_at aggregated
-- edge: median_charges <- clinic.ehr.encounters.charges aggregated
select
    coalesce(e.department, 'ALL') as department,
    date_trunc('month', e.admitted_at)::date as admit_month,
    count(distinct e.patient_id) as patients,
    sum(case when e.discharge_status = 'expired' then 1 else 0 end) as deaths,
    avg(e.discharged_at - e.admitted_at) as avg_los,
    percentile_cont(0.5) within group (order by e.charges) as median_charges
from clinic.ehr.encounters e
group by grouping sets ((e.department, date_trunc('month', e.admitted_at)), (date_trunc('month', e.admitted_at)))

-- case: pg_alias_not_in_from
-- relation: clinic.ehr.patients: patient_id, mrn, ssn, birth_date, meds, address
-- note: `p.*` names an alias that no FROM item defines (Postgres: missing FROM-clause entry for table "p"): the name is found nowhere.
-- unresolved: unknown relation
select p.* from clinic.ehr.patients

-- case: pg_jinja_comment
-- relation: clinic.ehr.patients: patient_id, mrn, ssn, birth_date, meds, address
-- note: a Jinja comment `{# ... #}` survives only in uncompiled model SQL.
-- unresolved: jinja
select patient_id, {# mrn is PHI, keep it out #} birth_date from clinic.ehr.patients
