-- case: aidbox_death_age
-- origin: ../shared/corpus/aidbox_dbt-sample-project-1.5.1 model.AidboxProject.death_age (verbatim)
-- relation: cdrdemo.dbt.dim_patient: id, birthdate, deceased, alive, gender, race, state, language_display, ms_display, birth_year, deceased_year, age
-- note: age() of two dates is a date difference (generalized), then extract (generalized); count(id) aggregates id; WHERE columns are upstream of nothing.
-- edge: death_age <- cdrdemo.dbt.dim_patient.deceased generalized
-- edge: death_age <- cdrdemo.dbt.dim_patient.birthdate generalized
-- edge: count <- cdrdemo.dbt.dim_patient.id aggregated
SELECT extract('year' FROM age(deceased, birthdate)) death_age
         , count(id) count
    FROM "cdrdemo"."dbt"."dim_patient"
   WHERE NOT alive
         AND deceased is not null
         AND birthdate is not null
GROUP BY 1

-- case: aidbox_demographics
-- origin: ../shared/corpus/aidbox_dbt-sample-project-1.5.1 model.AidboxProject.demographics (verbatim)
-- relation: cdrdemo.dbt.dim_patient: id, birthdate, deceased, alive, gender, race, state, language_display, ms_display, birth_year, deceased_year, age
-- relation: cdrdemo.dbt.fact_observable_period: year, year_date
-- note: count(p.id) FILTER (WHERE ...) aggregates id, and the FILTER's columns are filter edges; the correlated scalar subquery counts pp.id (aggregated), its WHERE is upstream of nothing.
-- edge: year <- cdrdemo.dbt.fact_observable_period.year_date copy
-- edge: gender <- cdrdemo.dbt.dim_patient.gender copy
-- edge: race <- cdrdemo.dbt.dim_patient.race copy
-- edge: state <- cdrdemo.dbt.dim_patient.state copy
-- edge: language_display <- cdrdemo.dbt.dim_patient.language_display copy
-- edge: ms_display <- cdrdemo.dbt.dim_patient.ms_display copy
-- edge: birth <- cdrdemo.dbt.dim_patient.id aggregated
-- edge: birth <- cdrdemo.dbt.dim_patient.birth_year filter
-- edge: birth <- cdrdemo.dbt.fact_observable_period.year_date filter
-- edge: deceased <- cdrdemo.dbt.dim_patient.id aggregated
-- edge: deceased <- cdrdemo.dbt.dim_patient.deceased_year filter
-- edge: deceased <- cdrdemo.dbt.fact_observable_period.year_date filter
-- edge: population <- cdrdemo.dbt.dim_patient.id aggregated
SELECT   op.year_date as year
         , p.gender
         , p.race
         , p.state
         , p.language_display
         , p.ms_display
         , count(p.id) filter (where p.birth_year    = extract('YEAR' from op.year_date)) as birth
         , count(p.id) filter (where p.deceased_year = extract('YEAR' from op.year_date)) as deceased 
         , (SELECT count(pp.id) 
              FROM "cdrdemo"."dbt"."dim_patient" pp 
             WHERE pp.birthDate < (op.year_date + interval '1 YEAR')
                   AND (pp.deceased is null OR pp.deceased > op.year_date)
                   AND pp.race = p.race AND pp.gender = p.gender AND pp.state = p.state
                   AND pp.ms_display = p.ms_display AND pp.language_display = p.language_display) population
    FROM "cdrdemo"."dbt"."fact_observable_period" as op
    JOIN "cdrdemo"."dbt"."dim_patient" as p
      ON p.birth_year = op.year OR p.deceased_year = op.year
GROUP BY 1, 2, 3, 4, 5, 6

-- case: telegram_messages
-- origin: ../shared/corpus/habtamu91_telegram-medical-data-pipeline-1.10.3 model.telegram_medical.stg_telegram_messages (verbatim)
-- relation: telegram_medical.telegram_raw.messages: message_id, channel_id, message_text, message_date, media_url
-- note: casts are copies; DATE() is a conversion (derived); EXTRACT(HOUR) generalized; the CASE returns booleans only, so media_url is a filter edge; literals and CURRENT_TIMESTAMP have no upstream.
-- edge: message_key <- telegram_medical.telegram_raw.messages.message_id copy
-- edge: channel_key <- telegram_medical.telegram_raw.messages.channel_id copy
-- edge: message_content <- telegram_medical.telegram_raw.messages.message_text copy
-- edge: message_date <- telegram_medical.telegram_raw.messages.message_date derived
-- edge: message_hour <- telegram_medical.telegram_raw.messages.message_date generalized
-- edge: has_media <- telegram_medical.telegram_raw.messages.media_url filter
-- edge: source_system <- (none)
-- edge: dbt_loaded_at <- (none)
SELECT
    message_id::VARCHAR(255) AS message_key,
    channel_id::VARCHAR(255) AS channel_key,
    message_text::TEXT AS message_content,
    -- Extract date/time components
    DATE(message_date) AS message_date,
    EXTRACT(HOUR FROM message_date) AS message_hour,
    -- Flags
    CASE WHEN media_url IS NOT NULL THEN TRUE ELSE FALSE END AS has_media,
    -- Metadata
    'telegram' AS source_system,
    CURRENT_TIMESTAMP AS dbt_loaded_at
FROM "telegram_medical"."telegram_raw"."messages"
WHERE message_date >= '2025-01-01'  -- Filter for recent data

-- case: join_using_lateral
-- relation: db.public.patients: patient_id, mrn, birth_date, zip
-- relation: db.public.encounters: encounter_id, patient_id, admitted_at, codes
-- note: JOIN USING: the unqualified patient_id is the one column of both sides (copy from each); a LATERAL subquery counts per patient (aggregated); jsonb_array_elements_text in a lateral gives one row per code.
-- edge: patient_id <- db.public.patients.patient_id copy
-- edge: patient_id <- db.public.encounters.patient_id copy
-- edge: encounter_id <- db.public.encounters.encounter_id copy
-- edge: n_encounters <- db.public.encounters.encounter_id aggregated
-- edge: code <- db.public.encounters.codes derived
-- edge: zip3 <- db.public.patients.zip generalized
select patient_id, e.encounter_id, l.n_encounters, c.code, left(p.zip, 3) as zip3
from db.public.patients p
join db.public.encounters e using (patient_id)
cross join lateral (select count(e2.encounter_id) as n_encounters from db.public.encounters e2 where e2.patient_id = p.patient_id) l
cross join lateral jsonb_array_elements_text(e.codes) as c(code)

-- case: recursive_cte
-- relation: db.public.referrals: referral_id, parent_referral_id, patient_id
-- note: a recursive CTE: the anchor's columns and the recursive step's both feed the output (copies); the depth counter has no upstream.
-- edge: referral_id <- db.public.referrals.referral_id copy
-- edge: patient_id <- db.public.referrals.patient_id copy
-- edge: depth <- (none)
with recursive chain as (
    select referral_id, patient_id, 1 as depth from db.public.referrals where parent_referral_id is null
    union all
    select r.referral_id, r.patient_id, c.depth + 1 from db.public.referrals r join chain c on r.parent_referral_id = c.referral_id
)
select referral_id, patient_id, depth from chain

-- case: pg_ordinality_counters
-- relation: clinic.public.orders: order_id, codes, details
-- note: jsonb_each(...) WITH ORDINALITY AS e(k, v, i): k and v come from details (derived), i is the ordinal (no upstream); unnest(codes) WITH ORDINALITY AS u(code) keeps its ordinal under the name `ordinality` (no upstream).
-- edge: order_id <- clinic.public.orders.order_id copy
-- edge: detail_key <- clinic.public.orders.details derived
-- edge: detail_value <- clinic.public.orders.details derived
-- edge: detail_pos <- (none)
-- edge: code <- clinic.public.orders.codes derived
-- edge: code_pos <- (none)
select o.order_id, e.k as detail_key, e.v as detail_value, e.i as detail_pos, u.code, u.ordinality as code_pos
from clinic.public.orders o
cross join lateral jsonb_each(o.details) with ordinality as e(k, v, i)
cross join lateral unnest(o.codes) with ordinality as u(code)

-- case: pg_quoted_case_exact
-- relation: clinic.public.members: member_id, "FirstName", lastname
-- note: Postgres keeps quoted names as written: "FirstName" finds the column FirstName, but quoted "LastName" is not the column lastname (only an unquoted LastName would fold to it).
-- unresolved: unknown column
select member_id, "FirstName", "LastName" from clinic.public.members

-- case: pg_bare_end_label
-- relation: fhir.raw.encounter: id, resource, ts
-- note: Postgres (14+) takes a keyword as a bare column label: `... end` names a column `end` (an END that closes no CASE). The parser would otherwise stop at it and drop the rest of the select list and FROM. The CASE's own END still closes it.
-- edge: id <- fhir.raw.encounter.id copy
-- edge: start <- fhir.raw.encounter.resource derived
-- edge: end <- fhir.raw.encounter.resource derived
-- edge: is_late <- fhir.raw.encounter.ts filter
-- edge: loaded_at <- fhir.raw.encounter.ts copy
select id,
       (resource #>> '{period,start}') start,
       (resource #>> '{period,end}') end,
       case when e.ts > now() then 1 else 0 end is_late,
       e.ts loaded_at
from fhir.raw.encounter e

-- case: pg_rejects_qualify
-- origin: hand-written (round 3): PostgreSQL has no QUALIFY
-- relation: db.raw.visits: visit_id, patient_id, visit_date
-- unresolved: QUALIFY
select patient_id, visit_id from db.raw.visits
qualify row_number() over (partition by patient_id order by visit_date desc) = 1
