-- case: trino_unnest_map_and_row_array
-- relation: hive.ehr.observations: obs_id, patient_id, codes, components, observed_at
-- note: UNNEST of a map gives key and value columns (m(k, v)), UNNEST of an array of rows gives its fields as columns (c(code, value)): elements, derived; element_at of a map derived; cardinality an element count (generalized).
-- edge: obs_id <- hive.ehr.observations.obs_id copy
-- edge: patient_id <- hive.ehr.observations.patient_id copy
-- edge: code_system <- hive.ehr.observations.codes derived
-- edge: code <- hive.ehr.observations.codes derived
-- edge: loinc_code <- hive.ehr.observations.codes derived
-- edge: component_count <- hive.ehr.observations.components generalized
-- edge: component_value <- hive.ehr.observations.components derived
select
  o.obs_id,
  o.patient_id,
  k as code_system,
  v as code,
  element_at(o.codes, 'loinc') as loinc_code,
  cardinality(o.components) as component_count,
  c.value as component_value
from hive.ehr.observations o
cross join unnest(o.codes) as m(k, v)
cross join unnest(o.components) as c(code, value)

-- case: trino_grouping_sets_count_if_percentile
-- relation: hive.claims.professional: claim_id, member_id, npi, specialty, service_date, allowed, units
-- note: GROUPING SETS over a column and an expression: specialty is a copy, year(service_date) generalized; count_if aggregates its predicate's column; approx_percentile, count(distinct) and arbitrary aggregate.
-- edge: specialty <- hive.claims.professional.specialty copy
-- edge: service_year <- hive.claims.professional.service_date generalized
-- edge: multi_unit_claims <- hive.claims.professional.units aggregated
-- edge: p90_allowed <- hive.claims.professional.allowed aggregated
-- edge: members <- hive.claims.professional.member_id aggregated
-- edge: sample_npi <- hive.claims.professional.npi aggregated
select
  specialty,
  year(service_date) as service_year,
  count_if(units > 1) as multi_unit_claims,
  approx_percentile(allowed, 0.9) as p90_allowed,
  count(distinct member_id) as members,
  arbitrary(npi) as sample_npi
from hive.claims.professional
group by grouping sets ((specialty, year(service_date)), (specialty), ())

-- case: trino_dates_hash_format_substr
-- relation: hive.ehr.patients: patient_id, mrn, birth_date, death_date, zip, first_name
-- note: to_hex(sha256(to_utf8())) hashed; date_diff('year', ...) of birth_date and coalesce(death_date, current_date) generalized for both; date_add derived; format_datetime a conversion (derived); substr generalized; regexp_replace a string function (derived).
-- edge: patient_id <- hive.ehr.patients.patient_id copy
-- edge: mrn_token <- hive.ehr.patients.mrn hashed
-- edge: age_years <- hive.ehr.patients.birth_date generalized
-- edge: age_years <- hive.ehr.patients.death_date generalized
-- edge: first_checkup_due <- hive.ehr.patients.birth_date derived
-- edge: birth_month <- hive.ehr.patients.birth_date derived
-- edge: zip3 <- hive.ehr.patients.zip generalized
-- edge: first_name_clean <- hive.ehr.patients.first_name derived
select
  patient_id,
  to_hex(sha256(to_utf8(mrn))) as mrn_token,
  date_diff('year', birth_date, coalesce(death_date, current_date)) as age_years,
  date_add('day', 90, birth_date) as first_checkup_due,
  format_datetime(cast(birth_date as timestamp), 'yyyy-MM') as birth_month,
  substr(zip, 1, 3) as zip3,
  regexp_replace(first_name, '[^A-Za-z]', '') as first_name_clean
from hive.ehr.patients

-- case: trino_lateral_aggregate_correlated_min
-- relation: hive.ehr.encounters: encounter_id, patient_id, admit_ts, discharge_ts, drg
-- relation: hive.ehr.vitals: encounter_id, taken_at, heart_rate
-- note: a correlated LATERAL subquery that aggregates (max → aggregated, count(*) no upstream); a correlated scalar min() aggregated; the IN subquery in WHERE and the correlation keys are upstream of nothing.
-- edge: encounter_id <- hive.ehr.encounters.encounter_id copy
-- edge: patient_id <- hive.ehr.encounters.patient_id copy
-- edge: max_hr <- hive.ehr.vitals.heart_rate aggregated
-- edge: readings <- (none)
-- edge: first_vital_at <- hive.ehr.vitals.taken_at aggregated
select
  e.encounter_id,
  e.patient_id,
  lv.max_hr,
  lv.readings,
  (select min(v2.taken_at) from hive.ehr.vitals v2 where v2.encounter_id = e.encounter_id) as first_vital_at
from hive.ehr.encounters e
cross join lateral (
  select max(v.heart_rate) as max_hr, count(*) as readings
  from hive.ehr.vitals v
  where v.encounter_id = e.encounter_id
) as lv
where e.drg in (select drg from hive.ehr.encounters where discharge_ts is not null)

-- case: trino_intersect_union_quoted_fold
-- relation: hive.registry.diabetes: patient_id, enrolled_on
-- relation: hive.registry.hypertension: patient_id, enrolled_on
-- relation: hive.registry.deceased: patient_id, died_on
-- note: Trino names are case-insensitive, quoted or not ("PATIENT_ID", "Enrolled_On" read the subquery's patient_id, enrolled_on). `(A INTERSECT B) UNION C`: the right side of INTERSECT is upstream of nothing, the UNION branch positional; the concatenation is derived from both columns of both branches.
-- edge: patient_id <- hive.registry.diabetes.patient_id copy
-- edge: patient_id <- hive.registry.deceased.patient_id copy
-- edge: first_enrolled <- hive.registry.diabetes.enrolled_on copy
-- edge: first_enrolled <- hive.registry.deceased.died_on copy
-- edge: registry_key <- hive.registry.diabetes.patient_id derived
-- edge: registry_key <- hive.registry.deceased.patient_id derived
-- edge: registry_key <- hive.registry.diabetes.enrolled_on derived
-- edge: registry_key <- hive.registry.deceased.died_on derived
select
  "PATIENT_ID" as patient_id,
  "Enrolled_On" as first_enrolled,
  "PATIENT_ID" || ':' || cast("Enrolled_On" as varchar) as registry_key
from (
  (
    select patient_id, enrolled_on from hive.registry.diabetes
    intersect
    select patient_id, enrolled_on from hive.registry.hypertension
  )
  union
  select patient_id, died_on from hive.registry.deceased
) as both_registries

-- case: spellbook_dip_exchange_perpetual_trades_raw_jinja
-- origin: ../shared/corpus/spellbook_hourly_spellbook-1.12.0 model.hourly_spellbook.dip_exchange_base_perpetual_trades raw_code (duneanalytics/spellbook @ 91dac121414fe46afdb47690ea5906871373dba5 dbt_subprojects/hourly_spellbook/models/_sector/perpetual/projects/dip_exchange/dip_exchange_base_perpetual_trades.sql; a dbt-trino model as committed, uncompiled, verbatim)
-- relation: delta_prod.dip_exchange_v1.base_perpetual_trades: ?
-- note: config(), a `{% set %}` list of ref() and a `{% for %}` loop around the UNION ALL branches were never rendered.
-- unresolved: jinja
{{ config(
    schema = 'dip_exchange_base',
    alias = 'perpetual_trades'
    , post_hook='{{ hide_spells() }}'
        )
}}

{% set dip_exchange_base_perpetual_trade_models = [
    ref('dip_exchange_v1_base_perpetual_trades')
] %}

SELECT *
FROM
(
    {% for dip_exchange_perpetual_trades in dip_exchange_base_perpetual_trade_models %}
    SELECT
    blockchain
    ,block_date
    ,block_month
    ,block_time
    ,virtual_asset
    ,underlying_asset
    ,market
    ,market_address
    ,volume_usd
    ,fee_usd
    ,margin_usd
    ,trade
    ,project
    ,version
    ,frontend
    ,trader
    ,volume_raw
    ,tx_hash
    ,tx_from
    ,tx_to
    ,evt_index
    FROM {{ dip_exchange_perpetual_trades }}
    {% if not loop.last %}
    UNION ALL
    {% endif %}
    {% endfor %}
)

-- case: spellbook_cex_zkevm_addresses_macro_only
-- origin: ../shared/corpus/spellbook_hourly_spellbook-1.12.0 model.hourly_spellbook.cex_zkevm_addresses raw_code (duneanalytics/spellbook @ 91dac121414fe46afdb47690ea5906871373dba5 dbt_subprojects/hourly_spellbook/models/_sector/cex/addresses/chains/zkevm/cex_zkevm_addresses.sql; as committed, uncompiled, verbatim)
-- note: the whole model is a `{% set %}`, a config() and one macro call (cex_evms) with ref() and source() arguments: no SQL without Jinja.
-- unresolved: jinja
{% set blockchain = 'zkevm' %}

{{config(
        schema = 'cex_' + blockchain,
        alias = 'addresses',
        materialized = 'table',
        tags = ['static'],
        file_format = 'delta',
        incremental_strategy = 'merge',
        unique_key = ['blockchain', 'address']
        )}}

{{cex_evms(
        cex_addresses = ref('cex_evms_addresses')
        , blockchain = blockchain
        , token_transfers = source('tokens_'~blockchain,'transfers')
        , contract_creations =  source(blockchain, 'creation_traces')
        )}}
