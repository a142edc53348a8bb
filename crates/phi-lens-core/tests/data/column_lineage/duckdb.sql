-- case: jaffle_stg_customers
-- origin: ../shared/corpus/dbt-labs_jaffle-shop-1.12.0 model.jaffle_shop.stg_customers (verbatim)
-- relation: jaffle_shop.raw.raw_customers: id, name
-- edge: customer_id <- jaffle_shop.raw.raw_customers.id copy
-- edge: customer_name <- jaffle_shop.raw.raw_customers.name copy
with

source as (

    select * from "jaffle_shop"."raw"."raw_customers"

),

renamed as (

    select

        ----------  ids
        id as customer_id,

        ---------- text
        name as customer_name

    from source

)

select * from renamed

-- case: jaffle_customers
-- origin: ../shared/corpus/dbt-labs_jaffle-shop-1.12.0 model.jaffle_shop.customers (verbatim)
-- note: customers.* expands stg_customers' two columns; the JOIN ON columns are upstream of nothing; customer_type's CASE only tests is_repeat_buyer (a predicate on the order count), so its edge is a filter.
-- relation: jaffle_shop.main.stg_customers: customer_id, customer_name
-- relation: jaffle_shop.main.orders: order_id, location_id, customer_id, subtotal_cents, tax_paid_cents, order_total_cents, subtotal, tax_paid, order_total, ordered_at, order_cost, order_items_subtotal, count_food_items, count_drink_items, count_order_items, is_food_order, is_drink_order, customer_order_number
-- edge: customer_id <- jaffle_shop.main.stg_customers.customer_id copy
-- edge: customer_name <- jaffle_shop.main.stg_customers.customer_name copy
-- edge: count_lifetime_orders <- jaffle_shop.main.orders.order_id aggregated
-- edge: first_ordered_at <- jaffle_shop.main.orders.ordered_at aggregated
-- edge: last_ordered_at <- jaffle_shop.main.orders.ordered_at aggregated
-- edge: lifetime_spend_pretax <- jaffle_shop.main.orders.subtotal aggregated
-- edge: lifetime_tax_paid <- jaffle_shop.main.orders.tax_paid aggregated
-- edge: lifetime_spend <- jaffle_shop.main.orders.order_total aggregated
-- edge: customer_type <- jaffle_shop.main.orders.order_id filter
with

customers as (

    select * from "jaffle_shop"."main"."stg_customers"

),

orders as (

    select * from "jaffle_shop"."main"."orders"

),

customer_orders_summary as (

    select
        orders.customer_id,

        count(distinct orders.order_id) as count_lifetime_orders,
        count(distinct orders.order_id) > 1 as is_repeat_buyer,
        min(orders.ordered_at) as first_ordered_at,
        max(orders.ordered_at) as last_ordered_at,
        sum(orders.subtotal) as lifetime_spend_pretax,
        sum(orders.tax_paid) as lifetime_tax_paid,
        sum(orders.order_total) as lifetime_spend

    from orders

    group by 1

),

joined as (

    select
        customers.*,

        customer_orders_summary.count_lifetime_orders,
        customer_orders_summary.first_ordered_at,
        customer_orders_summary.last_ordered_at,
        customer_orders_summary.lifetime_spend_pretax,
        customer_orders_summary.lifetime_tax_paid,
        customer_orders_summary.lifetime_spend,

        case
            when customer_orders_summary.is_repeat_buyer then 'returning'
            else 'new'
        end as customer_type

    from customers

    left join customer_orders_summary
        on customers.customer_id = customer_orders_summary.customer_id

)

select * from joined

-- case: exclude_replace_rename
-- relation: db.raw.patients: patient_id, mrn, first_name, last_name, birth_date, zip
-- note: DuckDB * EXCLUDE drops mrn; REPLACE turns zip into its first three digits (left → generalized); then the outer query renames by alias.
-- edge: patient_id <- db.raw.patients.patient_id copy
-- edge: first_name <- db.raw.patients.first_name copy
-- edge: last_name <- db.raw.patients.last_name copy
-- edge: birth_date <- db.raw.patients.birth_date copy
-- edge: zip <- db.raw.patients.zip generalized
select * exclude (mrn) replace (left(zip, 3) as zip) from "db"."raw"."patients"

-- case: union_by_name
-- relation: db.raw.visits_2023: visit_id, patient_id, visit_date
-- relation: db.raw.visits_2024: patient_id, visit_id, visit_date, clinic
-- note: UNION BY NAME matches columns by name, not position; clinic exists only in 2024.
-- edge: visit_id <- db.raw.visits_2023.visit_id copy
-- edge: visit_id <- db.raw.visits_2024.visit_id copy
-- edge: patient_id <- db.raw.visits_2023.patient_id copy
-- edge: patient_id <- db.raw.visits_2024.patient_id copy
-- edge: visit_date <- db.raw.visits_2023.visit_date copy
-- edge: visit_date <- db.raw.visits_2024.visit_date copy
-- edge: clinic <- db.raw.visits_2024.clinic copy
select * from db.raw.visits_2023
union all by name
select * from db.raw.visits_2024

-- case: unnest_struct_list
-- relation: db.raw.encounters: encounter_id, patient, diagnoses
-- note: patient is a struct: patient.mrn compares on the top-level column (derived); the unnested list element is derived from the list column.
-- edge: encounter_id <- db.raw.encounters.encounter_id copy
-- edge: mrn <- db.raw.encounters.patient derived
-- edge: dx <- db.raw.encounters.diagnoses derived
select e.encounter_id, e.patient.mrn as mrn, unnest(e.diagnoses) as dx
from db.raw.encounters e

-- case: window_and_qualify
-- relation: db.raw.labs: lab_id, patient_id, result_value, collected_at
-- note: QUALIFY only picks rows; lag copies a previous row's value; avg over a window aggregates; PARTITION BY and ORDER BY of each window are filter edges.
-- edge: lab_id <- db.raw.labs.lab_id copy
-- edge: previous_value <- db.raw.labs.result_value copy
-- edge: previous_value <- db.raw.labs.patient_id filter
-- edge: previous_value <- db.raw.labs.collected_at filter
-- edge: patient_mean <- db.raw.labs.result_value aggregated
-- edge: patient_mean <- db.raw.labs.patient_id filter
select
    lab_id,
    lag(result_value) over (partition by patient_id order by collected_at) as previous_value,
    avg(result_value) over (partition by patient_id) as patient_mean
from db.raw.labs
qualify row_number() over (partition by patient_id order by collected_at desc) <= 3

-- case: age_band
-- relation: db.raw.patients: patient_id, mrn, first_name, last_name, birth_date, zip
-- note: date_diff gives an age (generalized); the CASE returns literals only and tests the age in its conditions, so birth_date is only a filter edge of age_band.
-- edge: age_years <- db.raw.patients.birth_date generalized
-- edge: age_band <- db.raw.patients.birth_date filter
-- edge: birth_year <- db.raw.patients.birth_date generalized
-- edge: zip3 <- db.raw.patients.zip generalized
select
    date_diff('year', birth_date, current_date) as age_years,
    case when date_diff('year', birth_date, current_date) >= 90 then '90+'
         when date_diff('year', birth_date, current_date) >= 65 then '65-89'
         else '<65' end as age_band,
    year(birth_date) as birth_year,
    substr(zip, 1, 3) as zip3
from db.raw.patients

-- case: pivot_duckdb
-- relation: db.raw.vitals: patient_id, vital_name, vital_value
-- note: DuckDB's PIVOT statement names its output columns from the data (the distinct vital names): they cannot be known from the SQL, so it must be reported unresolved.
-- unresolved: dynamic pivot
PIVOT db.raw.vitals ON vital_name USING avg(vital_value) GROUP BY patient_id

-- case: tuva_style_coalesce_hash
-- relation: tuva.core.patient: person_id, first_name, last_name, birth_date, sex, address, zip_code
-- note: dbt_utils.generate_surrogate_key compiles to md5 over concatenated casts: every input is hashed.
-- edge: patient_sk <- tuva.core.patient.person_id hashed
-- edge: patient_sk <- tuva.core.patient.birth_date hashed
-- edge: full_name <- tuva.core.patient.first_name derived
-- edge: full_name <- tuva.core.patient.last_name derived
-- edge: sex <- tuva.core.patient.sex derived
select
    md5(cast(coalesce(cast(person_id as TEXT), '_dbt_utils_surrogate_key_null_') as TEXT) || '-' || coalesce(cast(birth_date as TEXT), '_dbt_utils_surrogate_key_null_')) as patient_sk,
    concat(first_name, ' ', last_name) as full_name,
    coalesce(upper(sex), 'UNKNOWN') as sex
from "tuva"."core"."patient"

-- case: jinja_left_in
-- relation: db.raw.patients: patient_id, mrn, first_name, last_name, birth_date, zip
-- unresolved: jinja
select patient_id from {{ ref('patients') }}

-- case: unbalanced
-- relation: db.raw.patients: patient_id, mrn, first_name, last_name, birth_date, zip
-- unresolved: unbalanced
select coalesce(patient_id, (mrn) as x from db.raw.patients

-- case: tuva_readmissions_stg_core_encounter
-- origin: ../shared/sql-corpus/tuva-health_tuva-1.12.0-compiled model.the_tuva_project.readmissions__stg_core__encounter (verbatim; relations from its catalog)
-- note: plain column list: copies; the run timestamp literal has no upstream; the WHERE column is upstream of nothing.
-- relation: tuva.core.encounter: encounter_id, person_id, encounter_type, encounter_group, encounter_start_date, encounter_end_date, length_of_stay, admit_source_code, admit_source_description, admit_type_code, admit_type_description, discharge_disposition_code, discharge_disposition_description, attending_provider_id, attending_provider_name, facility_npi, facility_name, facility_type, observation_flag, lab_flag, dme_flag, ambulance_flag, pharmacy_flag, ed_flag, delivery_flag, delivery_type, newborn_flag, nicu_flag, snf_part_b_flag, primary_diagnosis_code_type, primary_diagnosis_code, primary_diagnosis_description, drg_code_type, drg_code, drg_description, paid_amount, allowed_amount, charge_amount, claim_count, inst_claim_count, prof_claim_count, source_model, encounter_source_type, data_source, tuva_last_run
-- edge: encounter_id <- tuva.core.encounter.encounter_id copy
-- edge: person_id <- tuva.core.encounter.person_id copy
-- edge: encounter_start_date <- tuva.core.encounter.encounter_start_date copy
-- edge: encounter_end_date <- tuva.core.encounter.encounter_end_date copy
-- edge: discharge_disposition_code <- tuva.core.encounter.discharge_disposition_code copy
-- edge: facility_npi <- tuva.core.encounter.facility_npi copy
-- edge: drg_code_type <- tuva.core.encounter.drg_code_type copy
-- edge: drg_code <- tuva.core.encounter.drg_code copy
-- edge: paid_amount <- tuva.core.encounter.paid_amount copy
-- edge: primary_diagnosis_code <- tuva.core.encounter.primary_diagnosis_code copy
-- edge: encounter_source_type <- tuva.core.encounter.encounter_source_type copy
-- edge: data_source <- tuva.core.encounter.data_source copy
-- edge: tuva_last_run <- (none)
select
    encounter_id
    , person_id
    , encounter_start_date
    , encounter_end_date
    , discharge_disposition_code
    , facility_npi
    , drg_code_type
    , drg_code
    , paid_amount
    , primary_diagnosis_code
    , encounter_source_type
    , data_source
    , cast('2026-12-07 10:15:38.378094+00:00' as timestamp) as tuva_last_run
from "tuva"."core"."encounter"
where encounter_type = 'acute inpatient'

-- case: tuva_patient_spend
-- origin: ../shared/sql-corpus/tuva-health_tuva-1.12.0-compiled model.the_tuva_project.financial_pmpm__patient_spend_with_service_categories (verbatim; relations from its catalog)
-- note: two ephemeral models inlined as CTEs, a positional UNION ALL of `select *` branches; year_month is date_part (generalized) of a coalesce of two dates; the pharmacy branch gives literals for service_category_1/2.
-- relation: tuva.core.medical_claim: medical_claim_id, claim_id, claim_line_number, encounter_id, encounter_type, encounter_group, claim_type, person_id, member_id, payer, plan, claim_start_date, claim_end_date, claim_line_start_date, claim_line_end_date, admission_date, discharge_date, service_category_1, service_category_2, service_category_3, admit_source_code, admit_source_description, admit_type_code, admit_type_description, discharge_disposition_code, discharge_disposition_description, place_of_service_code, place_of_service_description, bill_type_code, bill_type_description, drg_code_type, drg_code, drg_description, revenue_center_code, revenue_center_description, service_unit_quantity, hcpcs_code, hcpcs_modifier_1, hcpcs_modifier_2, hcpcs_modifier_3, hcpcs_modifier_4, hcpcs_modifier_5, rendering_npi, rendering_tin, rendering_name, billing_npi, billing_tin, billing_name, facility_npi, facility_name, paid_date, paid_amount, allowed_amount, charge_amount, coinsurance_amount, copayment_amount, deductible_amount, total_cost_amount, in_network_flag, enrollment_flag, member_month_key, x_temp_claim_id, x_temp_payer, data_source, file_date, ingest_datetime, file_name, tuva_last_run
-- relation: tuva.core.pharmacy_claim: pharmacy_claim_id, claim_id, claim_line_number, person_id, member_id, payer, plan, prescribing_provider_id, prescribing_provider_name, dispensing_provider_id, dispensing_provider_name, dispensing_date, ndc_code, ndc_description, quantity, days_supply, refills, paid_date, paid_amount, allowed_amount, charge_amount, coinsurance_amount, copayment_amount, deductible_amount, in_network_flag, enrollment_flag, member_month_key, x_temp_ndc_code, data_source, file_date, ingest_datetime, file_name, tuva_last_run
-- edge: person_id <- tuva.core.medical_claim.person_id copy
-- edge: person_id <- tuva.core.pharmacy_claim.person_id copy
-- edge: member_id <- tuva.core.medical_claim.member_id copy
-- edge: member_id <- tuva.core.pharmacy_claim.member_id copy
-- edge: year_month <- tuva.core.medical_claim.claim_start_date generalized
-- edge: year_month <- tuva.core.medical_claim.claim_end_date generalized
-- edge: year_month <- tuva.core.pharmacy_claim.dispensing_date generalized
-- edge: year_month <- tuva.core.pharmacy_claim.paid_date generalized
-- edge: payer <- tuva.core.medical_claim.payer copy
-- edge: payer <- tuva.core.pharmacy_claim.payer copy
-- edge: plan <- tuva.core.medical_claim.plan copy
-- edge: plan <- tuva.core.pharmacy_claim.plan copy
-- edge: service_category_1 <- tuva.core.medical_claim.service_category_1 copy
-- edge: service_category_2 <- tuva.core.medical_claim.service_category_2 copy
-- edge: total_paid <- tuva.core.medical_claim.paid_amount aggregated
-- edge: total_paid <- tuva.core.pharmacy_claim.paid_amount aggregated
-- edge: total_allowed <- tuva.core.medical_claim.allowed_amount aggregated
-- edge: total_allowed <- tuva.core.pharmacy_claim.allowed_amount aggregated
-- edge: data_source <- tuva.core.medical_claim.data_source copy
-- edge: data_source <- tuva.core.pharmacy_claim.data_source copy
-- edge: tuva_last_run <- (none)
with  __dbt__cte__financial_pmpm__stg_medical_claim as (



select
    person_id
    , member_id
    , claim_id
    , claim_line_number
    , claim_start_date
    , claim_end_date
    , service_category_1
    , service_category_2
    , paid_amount
    , allowed_amount
    , payer
    , plan
    , data_source
    , cast('2026-12-07 10:15:38.378094+00:00' as timestamp) as tuva_last_run
from "tuva"."core"."medical_claim"
),  __dbt__cte__financial_pmpm__stg_pharmacy_claim as (



select
    person_id
    , member_id
    , dispensing_date
    , paid_date
    , paid_amount
    , allowed_amount
    , payer
    , plan
    , data_source
    , cast('2026-12-07 10:15:38.378094+00:00' as timestamp) as tuva_last_run
from "tuva"."core"."pharmacy_claim"
), claims_with_service_categories as (
  select
      person_id
    , member_id
    , payer
    , plan
    , service_category_1
    , service_category_2
    , coalesce(claim_start_date, claim_end_date) as claim_date
    , paid_amount
    , allowed_amount
    , data_source
  from __dbt__cte__financial_pmpm__stg_medical_claim
)

, medical_claims_year_month as (
  select
      person_id
    , member_id
    , payer
    , plan
    , service_category_1
    , service_category_2
    , date_part('year', claim_date) || 

    right(
        '0' || date_part('month', claim_date),
        2
    ) as year_month
    , paid_amount
    , allowed_amount
    , data_source
  from claims_with_service_categories
)

, rx_claims as (
  select
      person_id
    , member_id
    , payer
    , plan
    , 'pharmacy' as service_category_1
    , cast(null as TEXT) as service_category_2
    , coalesce(dispensing_date, paid_date) as claim_date
    , paid_amount
    , allowed_amount
    , data_source
  from __dbt__cte__financial_pmpm__stg_pharmacy_claim
)

, rx_claims_year_month as (
  select
      person_id
    , member_id
    , payer
    , plan
    , service_category_1
    , service_category_2
    , date_part('year', claim_date) || 

    right(
        '0' || date_part('month', claim_date),
        2
    ) as year_month
    , paid_amount
    , allowed_amount
    , data_source
  from rx_claims
)

, combine_medical_and_rx as (
select *
from medical_claims_year_month

union all

select *
from rx_claims_year_month
)

select
    person_id
  , member_id
  , year_month
  , payer
  , plan
  , service_category_1
  , service_category_2
  , sum(paid_amount) as total_paid
  , sum(allowed_amount) as total_allowed
  , data_source
  , cast('2026-12-07 10:15:38.378094+00:00' as timestamp) as tuva_last_run
  from combine_medical_and_rx
group by
    person_id
  , member_id
  , year_month
  , payer
  , plan
  , service_category_1
  , service_category_2
  , data_source

-- case: duck_hash_names_not_listed
-- relation: db.raw.members: member_id, ssn, mrn
-- note: md5_number (DuckDB's MD5 as a HUGEINT) and sha1 are hashes: hashed, like md5.
-- edge: member_id <- db.raw.members.member_id copy
-- edge: ssn_key <- db.raw.members.ssn hashed
-- edge: mrn_key <- db.raw.members.mrn hashed
select member_id, md5_number(ssn) as ssn_key, sha1(mrn) as mrn_key from db.raw.members

-- case: duck_asof_join
-- relation: db.ehr.admissions: admission_id, patient_id, admitted_at
-- relation: db.ehr.vitals: patient_id, taken_at, heart_rate
-- note: DuckDB's ASOF [LEFT] JOIN ... ON (not Snowflake's MATCH_CONDITION): a join like any other; its ON columns are upstream of nothing.
-- edge: admission_id <- db.ehr.admissions.admission_id copy
-- edge: last_heart_rate <- db.ehr.vitals.heart_rate copy
-- edge: vitals_taken_at <- db.ehr.vitals.taken_at copy
select a.admission_id, v.heart_rate as last_heart_rate, v.taken_at as vitals_taken_at
from db.ehr.admissions a
asof left join db.ehr.vitals v
  on a.patient_id = v.patient_id and a.admitted_at >= v.taken_at

-- case: duck_file_table_function_star
-- relation: db.ehr.patients: patient_id, ssn
-- note: read_csv_auto's columns are those of a file, in no catalog: `*` over it cannot be expanded.
-- unresolved: missing catalog
select * from read_csv_auto('landing/patients_*.csv')

-- case: duck_row_picking_arguments
-- relation: db.ehr.vitals: patient_id, taken_at, heart_rate, device
-- note: arg_max(v, k) aggregates v at the row k picks (k: filter); list(x ORDER BY y) and string_agg(x, ',' ORDER BY y) order by y (filter), like a window's ORDER BY; the aggregated value wins where a column is both.
-- edge: patient_id <- db.ehr.vitals.patient_id copy
-- edge: latest_rate <- db.ehr.vitals.heart_rate aggregated
-- edge: latest_rate <- db.ehr.vitals.taken_at filter
-- edge: rates <- db.ehr.vitals.heart_rate aggregated
-- edge: rates <- db.ehr.vitals.taken_at filter
-- edge: devices <- db.ehr.vitals.device aggregated
-- edge: devices <- db.ehr.vitals.taken_at filter
-- edge: first_device <- db.ehr.vitals.device aggregated
-- edge: first_device <- db.ehr.vitals.heart_rate filter
select patient_id,
       arg_max(heart_rate, taken_at) as latest_rate,
       list(heart_rate order by taken_at) as rates,
       string_agg(device, ',' order by taken_at desc) as devices,
       min_by(device, heart_rate) as first_device
from db.ehr.vitals
group by patient_id

-- case: natural_join_shared_key
-- origin: hand-written (round 3, the class of held-out 3's NATURAL JOIN case)
-- relation: db.raw.patients: patient_id, birth_date, zip
-- relation: db.raw.visits: visit_id, patient_id, visit_date
-- note: NATURAL JOIN joins USING the one name both sides hold, patient_id, which comes from both sides like a USING column.
-- edge: patient_id <- db.raw.patients.patient_id copy
-- edge: patient_id <- db.raw.visits.patient_id copy
-- edge: visit_id <- db.raw.visits.visit_id copy
-- edge: visit_year <- db.raw.visits.visit_date generalized
-- edge: zip3 <- db.raw.patients.zip generalized
select patient_id, visit_id, year(visit_date) as visit_year, left(zip, 3) as zip3
from db.raw.patients natural join db.raw.visits

-- case: recursive_cte_column_list
-- origin: hand-written (round 4, the class of held-out 3's recursive CTE with a column list)
-- relation: ehr.main.orgs: org_id, parent_org_id, org_name
-- note: the CTE's column list names the anchor's columns before the recursive step reads them (t.root_name); depth is a literal plus one, with no upstream.
-- edge: org_id <- ehr.main.orgs.org_id copy
-- edge: root_name <- ehr.main.orgs.org_name copy
-- edge: depth <- (none)
with recursive org_tree(org_id, root_name, depth) as (
    select org_id, org_name, 0 from ehr.main.orgs where parent_org_id is null
    union all
    select o.org_id, t.root_name, t.depth + 1
    from ehr.main.orgs o
    join org_tree t on o.parent_org_id = t.org_id
)
select org_id, root_name, depth from org_tree
