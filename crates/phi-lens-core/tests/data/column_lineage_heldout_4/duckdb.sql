-- case: jaffle_orders_booleans_row_number
-- origin: ../shared/corpus/dbt-labs_jaffle-shop-1.12.0 model.jaffle_shop.orders (verbatim; relations from its catalog)
-- relation: jaffle_shop.main.stg_orders: order_id, location_id, customer_id, subtotal_cents, tax_paid_cents, order_total_cents, subtotal, tax_paid, order_total, ordered_at
-- relation: jaffle_shop.main.order_items: order_item_id, order_id, product_id, ordered_at, product_name, product_price, is_food_item, is_drink_item, supply_cost
-- note: orders.* expands stg_orders; sum(case when is_food_item then 1 else 0 end) sums literals, so is_food_item is only a filter of count_food_items, and the comparison `count_food_items > 0` keeps it a filter; row_number() has only its PARTITION BY/ORDER BY columns as filters; `select *, row_number()` over a CTE star.
-- edge: order_id <- jaffle_shop.main.stg_orders.order_id copy
-- edge: location_id <- jaffle_shop.main.stg_orders.location_id copy
-- edge: customer_id <- jaffle_shop.main.stg_orders.customer_id copy
-- edge: subtotal_cents <- jaffle_shop.main.stg_orders.subtotal_cents copy
-- edge: tax_paid_cents <- jaffle_shop.main.stg_orders.tax_paid_cents copy
-- edge: order_total_cents <- jaffle_shop.main.stg_orders.order_total_cents copy
-- edge: subtotal <- jaffle_shop.main.stg_orders.subtotal copy
-- edge: tax_paid <- jaffle_shop.main.stg_orders.tax_paid copy
-- edge: order_total <- jaffle_shop.main.stg_orders.order_total copy
-- edge: ordered_at <- jaffle_shop.main.stg_orders.ordered_at copy
-- edge: order_cost <- jaffle_shop.main.order_items.supply_cost aggregated
-- edge: order_items_subtotal <- jaffle_shop.main.order_items.product_price aggregated
-- edge: count_food_items <- jaffle_shop.main.order_items.is_food_item filter
-- edge: count_drink_items <- jaffle_shop.main.order_items.is_drink_item filter
-- edge: count_order_items <- jaffle_shop.main.order_items.order_item_id aggregated
-- edge: is_food_order <- jaffle_shop.main.order_items.is_food_item filter
-- edge: is_drink_order <- jaffle_shop.main.order_items.is_drink_item filter
-- edge: customer_order_number <- jaffle_shop.main.stg_orders.customer_id filter
-- edge: customer_order_number <- jaffle_shop.main.stg_orders.ordered_at filter
with

orders as (

    select * from "jaffle_shop"."main"."stg_orders"

),

order_items as (

    select * from "jaffle_shop"."main"."order_items"

),

order_items_summary as (

    select
        order_id,

        sum(supply_cost) as order_cost,
        sum(product_price) as order_items_subtotal,
        count(order_item_id) as count_order_items,
        sum(
            case
                when is_food_item then 1
                else 0
            end
        ) as count_food_items,
        sum(
            case
                when is_drink_item then 1
                else 0
            end
        ) as count_drink_items

    from order_items

    group by 1

),

compute_booleans as (

    select
        orders.*,

        order_items_summary.order_cost,
        order_items_summary.order_items_subtotal,
        order_items_summary.count_food_items,
        order_items_summary.count_drink_items,
        order_items_summary.count_order_items,
        order_items_summary.count_food_items > 0 as is_food_order,
        order_items_summary.count_drink_items > 0 as is_drink_order

    from orders

    left join
        order_items_summary
        on orders.order_id = order_items_summary.order_id

),

customer_order_count as (

    select
        *,

        row_number() over (
            partition by customer_id
            order by ordered_at asc
        ) as customer_order_number

    from compute_booleans

)

select * from customer_order_count

-- case: jaffle_order_items_joined_summary
-- origin: ../shared/corpus/dbt-labs_jaffle-shop-1.12.0 model.jaffle_shop.order_items (verbatim; relations from its catalog)
-- relation: jaffle_shop.main.stg_order_items: order_item_id, order_id, product_id
-- relation: jaffle_shop.main.stg_orders: order_id, location_id, customer_id, subtotal_cents, tax_paid_cents, order_total_cents, subtotal, tax_paid, order_total, ordered_at
-- relation: jaffle_shop.main.stg_products: product_id, product_name, product_type, product_description, product_price, is_food_item, is_drink_item
-- relation: jaffle_shop.main.stg_supplies: supply_uuid, supply_id, product_id, supply_name, supply_cost, is_perishable_supply
-- note: order_items.* expands stg_order_items (three columns); supply_cost is the sum of a CTE grouped by product_id (aggregated); the join keys are upstream of nothing.
-- edge: order_item_id <- jaffle_shop.main.stg_order_items.order_item_id copy
-- edge: order_id <- jaffle_shop.main.stg_order_items.order_id copy
-- edge: product_id <- jaffle_shop.main.stg_order_items.product_id copy
-- edge: ordered_at <- jaffle_shop.main.stg_orders.ordered_at copy
-- edge: product_name <- jaffle_shop.main.stg_products.product_name copy
-- edge: product_price <- jaffle_shop.main.stg_products.product_price copy
-- edge: is_food_item <- jaffle_shop.main.stg_products.is_food_item copy
-- edge: is_drink_item <- jaffle_shop.main.stg_products.is_drink_item copy
-- edge: supply_cost <- jaffle_shop.main.stg_supplies.supply_cost aggregated
with

order_items as (

    select * from "jaffle_shop"."main"."stg_order_items"

),


orders as (

    select * from "jaffle_shop"."main"."stg_orders"

),

products as (

    select * from "jaffle_shop"."main"."stg_products"

),

supplies as (

    select * from "jaffle_shop"."main"."stg_supplies"

),

order_supplies_summary as (

    select
        product_id,

        sum(supply_cost) as supply_cost

    from supplies

    group by 1

),

joined as (

    select
        order_items.*,

        orders.ordered_at,

        products.product_name,
        products.product_price,
        products.is_food_item,
        products.is_drink_item,

        order_supplies_summary.supply_cost

    from order_items

    left join orders on order_items.order_id = orders.order_id

    left join products on order_items.product_id = products.product_id

    left join order_supplies_summary
        on order_items.product_id = order_supplies_summary.product_id

)

select * from joined

-- case: jaffle_stg_supplies_surrogate_key
-- origin: ../shared/corpus/dbt-labs_jaffle-shop-1.12.0 model.jaffle_shop.stg_supplies (verbatim; relations from its catalog)
-- relation: jaffle_shop.raw.raw_supplies: id, name, cost, perishable, sku
-- note: dbt_utils.generate_surrogate_key compiles to md5 over coalesced casts: both inputs hashed; (cost / 100)::numeric is arithmetic on the value (derived) then a cast.
-- edge: supply_uuid <- jaffle_shop.raw.raw_supplies.id hashed
-- edge: supply_uuid <- jaffle_shop.raw.raw_supplies.sku hashed
-- edge: supply_id <- jaffle_shop.raw.raw_supplies.id copy
-- edge: product_id <- jaffle_shop.raw.raw_supplies.sku copy
-- edge: supply_name <- jaffle_shop.raw.raw_supplies.name copy
-- edge: supply_cost <- jaffle_shop.raw.raw_supplies.cost derived
-- edge: is_perishable_supply <- jaffle_shop.raw.raw_supplies.perishable copy
with

source as (

    select * from "jaffle_shop"."raw"."raw_supplies"

),

renamed as (

    select

        ----------  ids
        md5(cast(coalesce(cast(id as TEXT), '_dbt_utils_surrogate_key_null_') || '-' || coalesce(cast(sku as TEXT), '_dbt_utils_surrogate_key_null_') as TEXT)) as supply_uuid,
        id as supply_id,
        sku as product_id,

        ---------- text
        name as supply_name,

        ---------- numerics
        (cost / 100)::numeric(16, 2) as supply_cost,

        ---------- booleans
        perishable as is_perishable_supply

    from source

)

select * from renamed

-- case: jaffle_stg_orders_cents_date_trunc
-- origin: ../shared/corpus/dbt-labs_jaffle-shop-1.12.0 model.jaffle_shop.stg_orders (verbatim; relations from its catalog)
-- relation: jaffle_shop.raw.raw_orders: id, customer, ordered_at, store_id, subtotal, tax_paid, order_total
-- note: the same source column feeds a copy (subtotal_cents) and an arithmetic (subtotal = (subtotal / 100)::numeric, derived); date_trunc is generalized and keeps its name ordered_at.
-- edge: order_id <- jaffle_shop.raw.raw_orders.id copy
-- edge: location_id <- jaffle_shop.raw.raw_orders.store_id copy
-- edge: customer_id <- jaffle_shop.raw.raw_orders.customer copy
-- edge: subtotal_cents <- jaffle_shop.raw.raw_orders.subtotal copy
-- edge: tax_paid_cents <- jaffle_shop.raw.raw_orders.tax_paid copy
-- edge: order_total_cents <- jaffle_shop.raw.raw_orders.order_total copy
-- edge: subtotal <- jaffle_shop.raw.raw_orders.subtotal derived
-- edge: tax_paid <- jaffle_shop.raw.raw_orders.tax_paid derived
-- edge: order_total <- jaffle_shop.raw.raw_orders.order_total derived
-- edge: ordered_at <- jaffle_shop.raw.raw_orders.ordered_at generalized
with

source as (

    select * from "jaffle_shop"."raw"."raw_orders"

),

renamed as (

    select

        ----------  ids
        id as order_id,
        store_id as location_id,
        customer as customer_id,

        ---------- numerics
        subtotal as subtotal_cents,
        tax_paid as tax_paid_cents,
        order_total as order_total_cents,
        (subtotal / 100)::numeric(16, 2) as subtotal,
        (tax_paid / 100)::numeric(16, 2) as tax_paid,
        (order_total / 100)::numeric(16, 2) as order_total,

        ---------- timestamps
        date_trunc('day', ordered_at) as ordered_at

    from source

)

select * from renamed

-- case: clinical_trials_mart_string_agg
-- origin: ../shared/corpus/firmai-research_clinical_trials-1.8.7 model.clinical_trials.clinicaltrials_mart (verbatim; dlt-loaded sources with no catalog: their columns assumed from the SQL and dlt's child-table layout)
-- relation: clinical_trials.main.raw_clinicaltrials_studies: nct_id, _dlt_id, protocol_section__identification_module__brief_title, protocol_section__identification_module__official_title, protocol_section__status_module__overall_status, protocol_section__status_module__start_date_struct__date, protocol_section__status_module__completion_date_struct__date, protocol_section__design_module__study_type, protocol_section__design_module__enrollment_info__type
-- relation: clinical_trials.raw_data.raw_clinicaltrials_studies__protocol_section__conditions_module__conditions: value, _dlt_parent_id, _dlt_id
-- relation: clinical_trials.raw_data.raw_clinicaltrials_studies__protocol_section__sponsor_collaborators_module__collaborators: name, class, _dlt_parent_id, _dlt_id
-- relation: clinical_trials.raw_data.raw_clinicaltrials_studies__protocol_section__arms_interventions_module__interventions: name, type, _dlt_parent_id, _dlt_id
-- relation: clinical_trials.raw_data.raw_clinicaltrials_studies__results_section__adverse_events_module__event_groups: id, title, serious_num_affected, _dlt_parent_id, _dlt_id
-- relation: clinical_trials.raw_data.raw_clinicaltrials_studies__results_section__baseline_characteristics_module__measures: title, param, _dlt_parent_id, _dlt_id
-- relation: clinical_trials.raw_data.raw_clinicaltrials_studies__results_section__outcome_measures_module__outcome_measures: title, type, _dlt_parent_id, _dlt_id
-- note: GROUP BY names the SELECT aliases (brief_title, ...: DuckDB takes an alias where no FROM column has the name): the group keys are copies; STRING_AGG(DISTINCT x) aggregates, also over a ::TEXT cast; the six LEFT JOIN keys are upstream of nothing.
-- edge: nct_id <- clinical_trials.main.raw_clinicaltrials_studies.nct_id copy
-- edge: brief_title <- clinical_trials.main.raw_clinicaltrials_studies.protocol_section__identification_module__brief_title copy
-- edge: official_title <- clinical_trials.main.raw_clinicaltrials_studies.protocol_section__identification_module__official_title copy
-- edge: overall_status <- clinical_trials.main.raw_clinicaltrials_studies.protocol_section__status_module__overall_status copy
-- edge: start_date <- clinical_trials.main.raw_clinicaltrials_studies.protocol_section__status_module__start_date_struct__date copy
-- edge: completion_date <- clinical_trials.main.raw_clinicaltrials_studies.protocol_section__status_module__completion_date_struct__date copy
-- edge: study_type <- clinical_trials.main.raw_clinicaltrials_studies.protocol_section__design_module__study_type copy
-- edge: enrollment <- clinical_trials.main.raw_clinicaltrials_studies.protocol_section__design_module__enrollment_info__type copy
-- edge: condition <- clinical_trials.raw_data.raw_clinicaltrials_studies__protocol_section__conditions_module__conditions.value aggregated
-- edge: sponsor_name <- clinical_trials.raw_data.raw_clinicaltrials_studies__protocol_section__sponsor_collaborators_module__collaborators.name aggregated
-- edge: investigator_name <- clinical_trials.raw_data.raw_clinicaltrials_studies__protocol_section__arms_interventions_module__interventions.name aggregated
-- edge: serious_adverse_events <- clinical_trials.raw_data.raw_clinicaltrials_studies__results_section__adverse_events_module__event_groups.serious_num_affected aggregated
-- edge: baseline_measure <- clinical_trials.raw_data.raw_clinicaltrials_studies__results_section__baseline_characteristics_module__measures.title aggregated
-- edge: outcome_measure <- clinical_trials.raw_data.raw_clinicaltrials_studies__results_section__outcome_measures_module__outcome_measures.title aggregated
WITH base_studies AS (
    SELECT 
        s.nct_id,
        s.protocol_section__identification_module__brief_title as brief_title,
        s.protocol_section__identification_module__official_title as official_title,
        s.protocol_section__status_module__overall_status as overall_status,
        s.protocol_section__status_module__start_date_struct__date as start_date,
        s.protocol_section__status_module__completion_date_struct__date as completion_date,
        s.protocol_section__design_module__study_type as study_type,
        s.protocol_section__design_module__enrollment_info__type as enrollment,
        STRING_AGG(DISTINCT e.value, ', ') AS condition,
        STRING_AGG(DISTINCT sc.name, ', ') AS sponsor_name,
        STRING_AGG(DISTINCT i.name, ', ') AS investigator_name,
        STRING_AGG(DISTINCT ae.serious_num_affected::TEXT, ', ') AS serious_adverse_events,
        STRING_AGG(DISTINCT bm.title, ', ') AS baseline_measure,
        STRING_AGG(DISTINCT om.title, ', ') AS outcome_measure
    FROM "clinical_trials"."main"."raw_clinicaltrials_studies" s
    LEFT JOIN "clinical_trials"."raw_data"."raw_clinicaltrials_studies__protocol_section__conditions_module__conditions" e ON s._dlt_id = e._dlt_parent_id
    LEFT JOIN "clinical_trials"."raw_data"."raw_clinicaltrials_studies__protocol_section__sponsor_collaborators_module__collaborators" sc ON s._dlt_id = sc._dlt_parent_id
    LEFT JOIN "clinical_trials"."raw_data"."raw_clinicaltrials_studies__protocol_section__arms_interventions_module__interventions" i ON s._dlt_id = i._dlt_parent_id
    LEFT JOIN "clinical_trials"."raw_data"."raw_clinicaltrials_studies__results_section__adverse_events_module__event_groups" ae ON s._dlt_id = ae._dlt_parent_id
    LEFT JOIN "clinical_trials"."raw_data"."raw_clinicaltrials_studies__results_section__baseline_characteristics_module__measures" bm ON s._dlt_id = bm._dlt_parent_id
    LEFT JOIN "clinical_trials"."raw_data"."raw_clinicaltrials_studies__results_section__outcome_measures_module__outcome_measures" om ON s._dlt_id = om._dlt_parent_id
    GROUP BY s.nct_id, brief_title, official_title, overall_status, start_date, completion_date, study_type, enrollment
)
SELECT * FROM base_studies

-- case: chinook_stg_track_renames
-- origin: ../shared/corpus/ashhimself_dataproducts_with_dbt-1.8.3 model.dbt_duckdb_chinook.stg_track (verbatim; relations from its catalog)
-- relation: chinook.main.raw_track: track_id, name, album_id, media_type_id, genre_id, composer, milliseconds, bytes, unit_price
-- note: renames only (AS with mixed-case keywords): copies.
-- edge: track_id <- chinook.main.raw_track.track_id copy
-- edge: track_name <- chinook.main.raw_track.name copy
-- edge: album_id <- chinook.main.raw_track.album_id copy
-- edge: media_type_id <- chinook.main.raw_track.media_type_id copy
-- edge: genre_id <- chinook.main.raw_track.genre_id copy
-- edge: track_composer_name <- chinook.main.raw_track.composer copy
-- edge: track_milliseconds <- chinook.main.raw_track.milliseconds copy
-- edge: track_bytes <- chinook.main.raw_track.bytes copy
-- edge: track_unit_price <- chinook.main.raw_track.unit_price copy
with source as (

    select * from "chinook"."main"."raw_track"
),

renamed AS (
    SELECT
      track_id,
       name AS track_name,
       album_id,
       media_type_id,
       genre_id,
       composer AS track_composer_name,
       milliseconds AS track_milliseconds,
       bytes AS track_bytes,
       unit_price AS track_unit_price
    FROM source
)

SELECT * FROM renamed

-- case: chinook_stg_customer_marketingsystem_upper_column
-- origin: ../shared/corpus/ashhimself_dataproducts_with_dbt-1.8.3 model.dbt_duckdb_chinook.stg_customer_marketingsystem (verbatim; relations from its catalog)
-- relation: chinook.main.raw_customer_marketingsystem: customer_id, first_name, last_name, LTV, propensity_to_leave, customer_segment, engagement_score
-- note: the seed's column is `LTV` (upper case in the catalog) and the SQL reads it unquoted as `ltv`: DuckDB matches names case-insensitively, so it is a copy (the catalog names the output LTV).
-- edge: customer_id <- chinook.main.raw_customer_marketingsystem.customer_id copy
-- edge: first_name <- chinook.main.raw_customer_marketingsystem.first_name copy
-- edge: last_name <- chinook.main.raw_customer_marketingsystem.last_name copy
-- edge: ltv <- chinook.main.raw_customer_marketingsystem.ltv copy
-- edge: propensity_to_leave <- chinook.main.raw_customer_marketingsystem.propensity_to_leave copy
-- edge: customer_segment <- chinook.main.raw_customer_marketingsystem.customer_segment copy
-- edge: engagement_score <- chinook.main.raw_customer_marketingsystem.engagement_score copy
with source as (

    select * from "chinook"."main"."raw_customer_marketingsystem"
),

renamed as (
    select
        customer_id,
        first_name,
        last_name,
        ltv,
        propensity_to_leave,
        customer_segment,
        engagement_score

    from source
)

select * from renamed

-- case: dbt_project_evaluator_documentation_coverage
-- origin: ../shared/corpus/ashhimself_dataproducts_with_dbt-1.8.3 model.dbt_project_evaluator.fct_documentation_coverage (verbatim; the dbt_project_evaluator package as installed in ashhimself/dataproducts_with_dbt; relations from its catalog)
-- relation: chinook.main.int_all_graph_resources: resource_id, resource_name, prefix, resource_type, file_path, directory_path, is_generic_test, file_name, model_type_prefix, model_type_folder, position_folder, column_name, is_test_unique, is_test_not_null, is_test_unique_combination_of_columns, is_enabled, materialized, on_schema_change, database, schema, package_name, alias, is_described, model_group, access, is_public, latest_version, version, deprecation_date, is_contract_enforced, total_defined_columns, total_described_columns, exposure_type, maturity, url, owner_name, owner_email, meta, macro_dependencies, metric_type, label, metric_filter, metric_measure, metric_measure_alias, numerator, denominator, expr, metric_window, grain_to_date, source_name, is_source_described, loaded_at_field, loader, identifier, hard_coded_references, number_lines, sql_complexity, is_excluded, model_type, folder_name_rank
-- note: every sum/count is over a CASE returning literals (1.0, 0, NULL) whose conditions test is_described and model_type: filter edges only, an aggregated filter stays a filter; count(*) and now() have no upstream; the left join key resource_id is upstream of nothing.
-- edge: measured_at <- (none)
-- edge: total_models <- (none)
-- edge: documented_models <- chinook.main.int_all_graph_resources.is_described filter
-- edge: documentation_coverage_pct <- chinook.main.int_all_graph_resources.is_described filter
-- edge: base_documentation_coverage_pct <- chinook.main.int_all_graph_resources.is_described filter
-- edge: base_documentation_coverage_pct <- chinook.main.int_all_graph_resources.model_type filter
-- edge: staging_documentation_coverage_pct <- chinook.main.int_all_graph_resources.is_described filter
-- edge: staging_documentation_coverage_pct <- chinook.main.int_all_graph_resources.model_type filter
-- edge: intermediate_documentation_coverage_pct <- chinook.main.int_all_graph_resources.is_described filter
-- edge: intermediate_documentation_coverage_pct <- chinook.main.int_all_graph_resources.model_type filter
-- edge: marts_documentation_coverage_pct <- chinook.main.int_all_graph_resources.is_described filter
-- edge: marts_documentation_coverage_pct <- chinook.main.int_all_graph_resources.model_type filter
-- edge: other_documentation_coverage_pct <- chinook.main.int_all_graph_resources.is_described filter
-- edge: other_documentation_coverage_pct <- chinook.main.int_all_graph_resources.model_type filter
with

models as (
    select * from "chinook"."main"."int_all_graph_resources"
    where resource_type = 'model'
    and not is_excluded
),

conversion as (
    select
        resource_id,
        case when is_described then 1 else 0 end as is_described_model,
        
            case when model_type = 'base' then 1.0 else NULL end as is_base_model,
            case when is_described and model_type = 'base' then 1.0 else 0 end as is_described_base_model,
        
            case when model_type = 'staging' then 1.0 else NULL end as is_staging_model,
            case when is_described and model_type = 'staging' then 1.0 else 0 end as is_described_staging_model,
        
            case when model_type = 'intermediate' then 1.0 else NULL end as is_intermediate_model,
            case when is_described and model_type = 'intermediate' then 1.0 else 0 end as is_described_intermediate_model,
        
            case when model_type = 'marts' then 1.0 else NULL end as is_marts_model,
            case when is_described and model_type = 'marts' then 1.0 else 0 end as is_described_marts_model,
        
            case when model_type = 'other' then 1.0 else NULL end as is_other_model,
            case when is_described and model_type = 'other' then 1.0 else 0 end as is_described_other_model
        

    from models
),

final as (
    select
        now() as measured_at,
        count(*) as total_models,
        sum(is_described_model) as documented_models,
        round(sum(is_described_model) * 100.00 / count(*), 2) as documentation_coverage_pct,
        
            round(
                
    ( sum(is_described_base_model) * 100 ) / nullif( ( count(is_base_model) ), 0)

            , 2) as base_documentation_coverage_pct,
        
            round(
                
    ( sum(is_described_staging_model) * 100 ) / nullif( ( count(is_staging_model) ), 0)

            , 2) as staging_documentation_coverage_pct,
        
            round(
                
    ( sum(is_described_intermediate_model) * 100 ) / nullif( ( count(is_intermediate_model) ), 0)

            , 2) as intermediate_documentation_coverage_pct,
        
            round(
                
    ( sum(is_described_marts_model) * 100 ) / nullif( ( count(is_marts_model) ), 0)

            , 2) as marts_documentation_coverage_pct,
        
            round(
                
    ( sum(is_described_other_model) * 100 ) / nullif( ( count(is_other_model) ), 0)

            , 2) as other_documentation_coverage_pct
        

    from models
    left join conversion
    on models.resource_id = conversion.resource_id
)

select * from final

-- case: dbt_project_evaluator_model_test_summary
-- origin: ../shared/corpus/ashhimself_dataproducts_with_dbt-1.8.3 model.dbt_project_evaluator.int_model_test_summary (verbatim; the dbt_project_evaluator package; relations from its catalog)
-- relation: chinook.main.int_all_graph_resources: resource_id, resource_name, prefix, resource_type, file_path, directory_path, is_generic_test, file_name, model_type_prefix, model_type_folder, position_folder, column_name, is_test_unique, is_test_not_null, is_test_unique_combination_of_columns, is_enabled, materialized, on_schema_change, database, schema, package_name, alias, is_described, model_group, access, is_public, latest_version, version, deprecation_date, is_contract_enforced, total_defined_columns, total_described_columns, exposure_type, maturity, url, owner_name, owner_email, meta, macro_dependencies, metric_type, label, metric_filter, metric_measure, metric_measure_alias, numerator, denominator, expr, metric_window, grain_to_date, source_name, is_source_described, loaded_at_field, loader, identifier, hard_coded_references, number_lines, sql_complexity, is_excluded, model_type, folder_name_rank
-- relation: chinook.main.int_direct_relationships: unique_id, resource_id, resource_name, resource_type, file_path, directory_path, file_name, model_type, materialized, is_public, access, source_name, is_excluded, direct_parent_id, is_primary_test_relationship
-- relation: chinook.main.base_node_columns: node_unique_id, name, description, data_type, constraints, has_not_null_constraint, constraints_count, quote
-- note: is_primary_key_tested is `sum(case when <counts compared> then 1 else 0 end) >= 1`: every column that reaches those counts (the counted resource_id and the test flags and has_not_null_constraint in their CASE conditions) only picks the branch: filter edges, kept through coalesce. number_of_tests_on_model sums count(distinct resource_id) (aggregated). The joins, WHERE and GROUP BY 1,2 are upstream of nothing.
-- edge: resource_name <- chinook.main.int_all_graph_resources.resource_name copy
-- edge: resource_type <- chinook.main.int_all_graph_resources.resource_type copy
-- edge: model_type <- chinook.main.int_all_graph_resources.model_type copy
-- edge: is_primary_key_tested <- chinook.main.int_direct_relationships.resource_id filter
-- edge: is_primary_key_tested <- chinook.main.int_all_graph_resources.is_test_unique filter
-- edge: is_primary_key_tested <- chinook.main.int_all_graph_resources.is_test_not_null filter
-- edge: is_primary_key_tested <- chinook.main.int_all_graph_resources.is_test_unique_combination_of_columns filter
-- edge: is_primary_key_tested <- chinook.main.base_node_columns.has_not_null_constraint filter
-- edge: number_of_tests_on_model <- chinook.main.int_direct_relationships.resource_id aggregated
-- edge: number_of_constraints_on_model <- chinook.main.base_node_columns.constraints_count aggregated
with 

all_graph_resources as (
    select * from "chinook"."main"."int_all_graph_resources"
    where not is_excluded
),

relationships as (
    select * from "chinook"."main"."int_direct_relationships"
),

count_column_tests as (
    
    select 
        relationships.direct_parent_id, 
        all_graph_resources.column_name,
        sum(case
                when all_graph_resources.is_test_unique
                then 1
                else 0
            end
         ) as test_unique_count,count(distinct case when 
                all_graph_resources.is_test_unique or  
                all_graph_resources.is_test_not_null
            then relationships.resource_id else null end
        ) as primary_key_method_1_count,count(distinct case when 
                all_graph_resources.is_test_unique_combination_of_columns
            then relationships.resource_id else null end
        ) as primary_key_method_2_count,
        count(distinct relationships.resource_id) as tests_count
    from all_graph_resources
    left join relationships
        on all_graph_resources.resource_id = relationships.resource_id
    where all_graph_resources.resource_type = 'test'
    and relationships.is_primary_test_relationship
    group by 1,2
),

count_column_constraints as (

    select
        node_unique_id as direct_parent_id,
        name as column_name,
        case
            when has_not_null_constraint
            then 1
            else 0
        end as constraint_not_null_count,
        constraints_count
    from "chinook"."main"."base_node_columns"

),

combine_column_counts as (

    select
        count_column_tests.*,
        count_column_tests.test_unique_count + count_column_constraints.constraint_not_null_count as primary_key_mixed_method_count,
        count_column_constraints.constraints_count
    from count_column_tests
    left join count_column_constraints
        on count_column_tests.direct_parent_id = count_column_constraints.direct_parent_id
        and count_column_tests.column_name = count_column_constraints.column_name

),

agg_test_relationships as (

    select 
        direct_parent_id, 
        sum(case 
                when (
                    primary_key_method_1_count >= 2
                        or
                    primary_key_method_2_count >= 1
                        or
                    primary_key_mixed_method_count >= 2
                ) then 1 
                else 0 
            end
        ) >= 1 as is_primary_key_tested,
        sum(tests_count) as number_of_tests_on_model,
        sum(constraints_count) as number_of_constraints_on_model
    from combine_column_counts
    group by 1

),

final as (
    select 
        all_graph_resources.resource_name,
        all_graph_resources.resource_type,
        all_graph_resources.model_type,
        coalesce(agg_test_relationships.is_primary_key_tested, FALSE) as is_primary_key_tested,
        coalesce(agg_test_relationships.number_of_tests_on_model, 0) as number_of_tests_on_model,
        coalesce(agg_test_relationships.number_of_constraints_on_model, 0) as number_of_constraints_on_model
    from all_graph_resources
    left join agg_test_relationships
        on all_graph_resources.resource_id = agg_test_relationships.direct_parent_id
    where
        all_graph_resources.resource_type in ('model', 'seed', 'source', 'snapshot')
)

select * from final

-- case: dbt_project_evaluator_model_fanout
-- origin: ../shared/corpus/ashhimself_dataproducts_with_dbt-1.8.3 model.dbt_project_evaluator.fct_model_fanout (verbatim; the dbt_project_evaluator package; relations from its catalog)
-- relation: chinook.main.int_all_dag_relationships: parent_id, parent, parent_resource_type, parent_model_type, parent_materialized, parent_access, parent_is_public, parent_source_name, parent_file_path, parent_directory_path, parent_file_name, parent_is_excluded, child_id, child, child_resource_type, child_model_type, child_materialized, child_access, child_is_public, child_source_name, child_file_path, child_directory_path, child_file_name, child_is_excluded, distance, path, is_dependent_on_chain_of_views
-- note: string_agg(child, ', ' order by child): child is the aggregated value and also its ORDER BY (a value wins); HAVING count(*) >= 3, the self-join on models_without_children and the ordered CTE pick rows only.
-- edge: parent <- chinook.main.int_all_dag_relationships.parent copy
-- edge: parent_model_type <- chinook.main.int_all_dag_relationships.parent_model_type copy
-- edge: leaf_children <- chinook.main.int_all_dag_relationships.child aggregated
with all_dag_relationships as (
    select  
        *
    from "chinook"."main"."int_all_dag_relationships"
    where not parent_is_excluded
    and not child_is_excluded
),

-- find all models without children
models_without_children as (
    select
        parent
    from all_dag_relationships
    where parent_resource_type = 'model'
    group by 1
    having max(distance) = 0
),

-- all parents with more direct children than the threshold for fanout (determined by variable models_fanout_threshold, default 3)
    -- Note: only counts "leaf children" - direct chilren that are models AND are child-less (are at the right-most-point in the DAG)
model_fanout as (
    select 
        all_dag_relationships.parent,
        all_dag_relationships.parent_model_type,
        all_dag_relationships.child
    from all_dag_relationships
    inner join models_without_children
        on all_dag_relationships.child = models_without_children.parent
    where all_dag_relationships.distance = 1 and all_dag_relationships.child_resource_type = 'model'
    group by 1, 2, 3
    -- we order the CTE so that listagg returns values correctly sorted for some warehouses
    order by 1, 2, 3
),

model_fanout_agg as (
    select
        parent,
        parent_model_type,
        

    

    string_agg(
        child
        , ', '
        order by child
        ) as leaf_children
    from model_fanout
    group by 1, 2
    having count(*) >= 3
)

select * from model_fanout_agg



    

    
    

    

    

-- case: pharma_stg_sales_filtered
-- origin: ../shared/corpus/isac9_pharma-pipeline-dbt-1.11.11 model.pharma_pipeline.stg_sales (verbatim; relations from its catalog)
-- relation: dev.main.raw_sales: week, territory, product, cumulative_units, cumulative_revenue_usd
-- note: the WHERE tests four of the copied columns: upstream of nothing; current_timestamp has no upstream.
-- edge: week <- dev.main.raw_sales.week copy
-- edge: territory <- dev.main.raw_sales.territory copy
-- edge: product <- dev.main.raw_sales.product copy
-- edge: cumulative_units <- dev.main.raw_sales.cumulative_units copy
-- edge: cumulative_revenue_usd <- dev.main.raw_sales.cumulative_revenue_usd copy
-- edge: loaded_at <- (none)
with source as (
    select * from "dev"."main"."raw_sales"
),

cleaned as (
    select
        week,
        territory,
        product,
        cumulative_units,
        cumulative_revenue_usd,
        current_timestamp as loaded_at
    from source
    where territory is not null
      and product is not null
      and cumulative_units >= 0
      and cumulative_revenue_usd >= 0
)

select * from cleaned

-- case: tuva_core_medication_coalesce_mapping
-- origin: ../shared/sql-corpus/tuva-health_tuva-1.12.0-compiled model.the_tuva_project.core__medication (verbatim; relations from its catalog)
-- relation: tuva.core._stg_clinical_medication: medication_id, person_id, patient_id, encounter_id, dispensing_date, prescribing_date, source_code_type, source_code, source_description, ndc_code, ndc_description, rxnorm_code, rxnorm_description, atc_code, atc_description, route, strength, quantity, quantity_unit, days_supply, practitioner_id, data_source, tuva_last_run
-- relation: tuva.terminology.ndc: ndc, rxcui, rxnorm_description, fda_description
-- relation: tuva.terminology.rxnorm_to_atc: rxcui, rxnorm_description, atc_1_code, atc_1_name, atc_2_code, atc_2_name, atc_3_code, atc_3_name, atc_4_code, atc_4_name
-- note: the terminology tables are joined twice (in the CTE and again outside, aliases ndc/rxatc both times): coalesce is derived from every argument, across both levels; the *_mapping_method CASEs return literals or a CASE of literals, so every column they test is a filter edge (sm.rxnorm_mapping_method as a THEN value carries only its own filter edges). The unqualified data_source/tuva_last_run of the outer select exist only in source_mapping. ON conditions (also the coalesce in one) are upstream of nothing.
-- edge: medication_id <- tuva.core._stg_clinical_medication.medication_id copy
-- edge: person_id <- tuva.core._stg_clinical_medication.person_id copy
-- edge: patient_id <- tuva.core._stg_clinical_medication.patient_id copy
-- edge: encounter_id <- tuva.core._stg_clinical_medication.encounter_id copy
-- edge: dispensing_date <- tuva.core._stg_clinical_medication.dispensing_date copy
-- edge: prescribing_date <- tuva.core._stg_clinical_medication.prescribing_date copy
-- edge: source_code_type <- tuva.core._stg_clinical_medication.source_code_type copy
-- edge: source_code <- tuva.core._stg_clinical_medication.source_code copy
-- edge: source_description <- tuva.core._stg_clinical_medication.source_description copy
-- edge: ndc_code <- tuva.core._stg_clinical_medication.ndc_code derived
-- edge: ndc_code <- tuva.terminology.ndc.ndc derived
-- edge: ndc_description <- tuva.core._stg_clinical_medication.ndc_description derived
-- edge: ndc_description <- tuva.terminology.ndc.fda_description derived
-- edge: ndc_description <- tuva.terminology.ndc.rxnorm_description derived
-- edge: ndc_mapping_method <- tuva.core._stg_clinical_medication.ndc_code filter
-- edge: ndc_mapping_method <- tuva.terminology.ndc.ndc filter
-- edge: rxnorm_code <- tuva.core._stg_clinical_medication.rxnorm_code derived
-- edge: rxnorm_code <- tuva.terminology.rxnorm_to_atc.rxcui derived
-- edge: rxnorm_code <- tuva.terminology.ndc.rxcui derived
-- edge: rxnorm_description <- tuva.core._stg_clinical_medication.rxnorm_description derived
-- edge: rxnorm_description <- tuva.terminology.rxnorm_to_atc.rxnorm_description derived
-- edge: rxnorm_description <- tuva.terminology.ndc.rxnorm_description derived
-- edge: rxnorm_mapping_method <- tuva.core._stg_clinical_medication.rxnorm_code filter
-- edge: rxnorm_mapping_method <- tuva.terminology.rxnorm_to_atc.rxcui filter
-- edge: rxnorm_mapping_method <- tuva.terminology.ndc.rxcui filter
-- edge: atc_code <- tuva.core._stg_clinical_medication.atc_code derived
-- edge: atc_code <- tuva.terminology.rxnorm_to_atc.atc_3_code derived
-- edge: atc_description <- tuva.core._stg_clinical_medication.atc_description derived
-- edge: atc_description <- tuva.terminology.rxnorm_to_atc.atc_4_name derived
-- edge: atc_description <- tuva.terminology.rxnorm_to_atc.atc_3_name derived
-- edge: atc_mapping_method <- tuva.core._stg_clinical_medication.atc_code filter
-- edge: atc_mapping_method <- tuva.terminology.rxnorm_to_atc.atc_3_name filter
-- edge: route <- tuva.core._stg_clinical_medication.route copy
-- edge: strength <- tuva.core._stg_clinical_medication.strength copy
-- edge: quantity <- tuva.core._stg_clinical_medication.quantity copy
-- edge: quantity_unit <- tuva.core._stg_clinical_medication.quantity_unit copy
-- edge: days_supply <- tuva.core._stg_clinical_medication.days_supply copy
-- edge: practitioner_id <- tuva.core._stg_clinical_medication.practitioner_id copy
-- edge: data_source <- tuva.core._stg_clinical_medication.data_source copy
-- edge: tuva_last_run <- tuva.core._stg_clinical_medication.tuva_last_run copy
with source_mapping as (

    select
     meds.medication_id
   , meds.person_id
   , meds.patient_id
   , meds.encounter_id
   , meds.dispensing_date
   , meds.prescribing_date
   , meds.source_code_type
   , meds.source_code
   , meds.source_description
   , coalesce(
       meds.ndc_code
       , ndc.ndc
       ) as ndc_code
   , coalesce(
       meds.ndc_description
       , ndc.fda_description
       , ndc.rxnorm_description
       ) as ndc_description
   , case
        when meds.ndc_code is not null then 'manual'
        when ndc.ndc is not null then 'automatic'
        end as ndc_mapping_method
   , coalesce(
        meds.rxnorm_code
        , rxatc.rxcui
        ) as rxnorm_code
   , coalesce(
       meds.rxnorm_description
       , rxatc.rxnorm_description
       ) as rxnorm_description
   , case
        when meds.rxnorm_code is not null then 'manual'
        when rxatc.rxcui is not null then 'automatic'
        end as rxnorm_mapping_method
   , coalesce(
        meds.atc_code
        , rxatc.atc_3_code
        ) as atc_code
   , coalesce(
        meds.atc_description
        , rxatc.atc_4_name
        ) as atc_description
   , case
        when meds.atc_code is not null then 'manual'
        when rxatc.atc_3_name is not null then 'automatic'
        end as atc_mapping_method
   , meds.route
   , meds.strength
   , meds.quantity
   , meds.quantity_unit
   , meds.days_supply
   , meds.practitioner_id
   , meds.data_source
   , meds.tuva_last_run
   

from "tuva"."core"."_stg_clinical_medication" as meds
    left outer join "tuva"."terminology"."ndc" as ndc
        on meds.source_code_type = 'ndc'
        and meds.source_code = ndc.ndc
    left outer join "tuva"."terminology"."rxnorm_to_atc" as rxatc
        on meds.source_code_type = 'rxnorm'
        and meds.source_code = rxatc.rxcui



   )


-- add auto rxnorm + atc
select
     sm.medication_id
   , sm.person_id
   , sm.patient_id
   , sm.encounter_id
   , sm.dispensing_date
   , sm.prescribing_date
   , sm.source_code_type
   , sm.source_code
   , sm.source_description
   , sm.ndc_code
   , sm.ndc_description
   , sm.ndc_mapping_method
   , coalesce(
        sm.rxnorm_code
        , ndc.rxcui
        ) as rxnorm_code
   , coalesce(
        sm.rxnorm_description
        , ndc.rxnorm_description
        ) as rxnorm_description
   , case
        when sm.rxnorm_mapping_method is not null then sm.rxnorm_mapping_method
        when ndc.rxcui is not null then 'automatic'
        end as rxnorm_mapping_method
   , coalesce(
        sm.atc_code
        , rxatc.atc_3_code
        ) as atc_code
   , coalesce(
        sm.atc_description
        , rxatc.atc_3_name
        ) as atc_description
   , case
        when sm.atc_mapping_method is not null then sm.atc_mapping_method
        when rxatc.atc_3_name is not null then 'automatic'
        end as atc_mapping_method
   , sm.route
   , sm.strength
   , sm.quantity
   , sm.quantity_unit
   , sm.days_supply
   , sm.practitioner_id
   

   , data_source
   , tuva_last_run
from source_mapping as sm
    left outer join "tuva"."terminology"."ndc" as ndc
        on sm.ndc_code = ndc.ndc
    left outer join "tuva"."terminology"."rxnorm_to_atc" as rxatc
        on coalesce(sm.rxnorm_code, ndc.rxcui) = rxatc.rxcui

-- case: tuva_service_category_1_allowed_pivot
-- origin: ../shared/sql-corpus/tuva-health_tuva-1.12.0-compiled model.the_tuva_project.financial_pmpm__service_category_1_allowed_pivot (verbatim; relations from its catalog)
-- relation: tuva.financial_pmpm._int_patient_spend_with_service_categories: person_id, member_id, year_month, payer, plan, service_category_1, service_category_2, total_paid, total_allowed, data_source, tuva_last_run
-- note: dbt_utils.pivot compiles to sum(case when service_category_1 = ... then total_allowed else 0 end) over a grouped CTE that already sums total_allowed: aggregated, with service_category_1 as the CASE condition (filter).
-- edge: person_id <- tuva.financial_pmpm._int_patient_spend_with_service_categories.person_id copy
-- edge: member_id <- tuva.financial_pmpm._int_patient_spend_with_service_categories.member_id copy
-- edge: year_month <- tuva.financial_pmpm._int_patient_spend_with_service_categories.year_month copy
-- edge: payer <- tuva.financial_pmpm._int_patient_spend_with_service_categories.payer copy
-- edge: plan <- tuva.financial_pmpm._int_patient_spend_with_service_categories.plan copy
-- edge: data_source <- tuva.financial_pmpm._int_patient_spend_with_service_categories.data_source copy
-- edge: inpatient_allowed <- tuva.financial_pmpm._int_patient_spend_with_service_categories.total_allowed aggregated
-- edge: inpatient_allowed <- tuva.financial_pmpm._int_patient_spend_with_service_categories.service_category_1 filter
-- edge: outpatient_allowed <- tuva.financial_pmpm._int_patient_spend_with_service_categories.total_allowed aggregated
-- edge: outpatient_allowed <- tuva.financial_pmpm._int_patient_spend_with_service_categories.service_category_1 filter
-- edge: office_based_allowed <- tuva.financial_pmpm._int_patient_spend_with_service_categories.total_allowed aggregated
-- edge: office_based_allowed <- tuva.financial_pmpm._int_patient_spend_with_service_categories.service_category_1 filter
-- edge: ancillary_allowed <- tuva.financial_pmpm._int_patient_spend_with_service_categories.total_allowed aggregated
-- edge: ancillary_allowed <- tuva.financial_pmpm._int_patient_spend_with_service_categories.service_category_1 filter
-- edge: other_allowed <- tuva.financial_pmpm._int_patient_spend_with_service_categories.total_allowed aggregated
-- edge: other_allowed <- tuva.financial_pmpm._int_patient_spend_with_service_categories.service_category_1 filter
-- edge: pharmacy_allowed <- tuva.financial_pmpm._int_patient_spend_with_service_categories.total_allowed aggregated
-- edge: pharmacy_allowed <- tuva.financial_pmpm._int_patient_spend_with_service_categories.service_category_1 filter
-- edge: tuva_last_run <- (none)


with service_cat_1 as (
  select
    person_id
  , member_id
  , year_month
  , payer
  , plan
  , service_category_1
  , data_source
  , sum(total_allowed) as total_allowed
  from "tuva"."financial_pmpm"."_int_patient_spend_with_service_categories"
  group by
    person_id
  , member_id
  , year_month
  , payer
  , plan
  , service_category_1
  , data_source
)

select
  person_id
, member_id
, year_month
, payer
, plan
, data_source
, 
  
    sum(
      
      case
      when service_category_1 = 'inpatient'
        then total_allowed
      else 0
      end
    )
    
      
        as inpatient_allowed
      
    
    ,
  
    sum(
      
      case
      when service_category_1 = 'outpatient'
        then total_allowed
      else 0
      end
    )
    
      
        as outpatient_allowed
      
    
    ,
  
    sum(
      
      case
      when service_category_1 = 'office-based'
        then total_allowed
      else 0
      end
    )
    
      
        as office_based_allowed
      
    
    ,
  
    sum(
      
      case
      when service_category_1 = 'ancillary'
        then total_allowed
      else 0
      end
    )
    
      
        as ancillary_allowed
      
    
    ,
  
    sum(
      
      case
      when service_category_1 = 'other'
        then total_allowed
      else 0
      end
    )
    
      
        as other_allowed
      
    
    ,
  
    sum(
      
      case
      when service_category_1 = 'pharmacy'
        then total_allowed
      else 0
      end
    )
    
      
        as pharmacy_allowed
      
    
    
  

, cast('2026-12-07 10:15:38.378094+00:00' as timestamp) as tuva_last_run
from service_cat_1
group by
  person_id
, member_id
, year_month
, payer
, plan
, data_source

-- case: tuva_pharmacy_brand_generic_opportunity
-- origin: ../shared/sql-corpus/tuva-health_tuva-1.12.0-compiled model.the_tuva_project.pharmacy__brand_generic_opportunity (verbatim; relations from its catalog)
-- relation: tuva.core.pharmacy_claim: pharmacy_claim_id, claim_id, claim_line_number, person_id, member_id, payer, plan, prescribing_provider_id, prescribing_provider_name, dispensing_provider_id, dispensing_provider_name, dispensing_date, ndc_code, ndc_description, quantity, days_supply, refills, paid_date, paid_amount, allowed_amount, charge_amount, coinsurance_amount, copayment_amount, deductible_amount, in_network_flag, enrollment_flag, member_month_key, x_temp_ndc_code, data_source, file_date, ingest_datetime, file_name, tuva_last_run
-- relation: tuva.terminology.ndc: ndc, rxcui, rxnorm_description, fda_description
-- relation: tuva.pharmacy._int_claims_current_cost: ndc_code, ndc_description, data_source, rxcui, brand_vs_generic, generic_available, paid_amount, claim_count, cost_per_claim, total_units, cost_per_unit, tuva_last_run
-- relation: tuva.pharmacy._int_generic_cost: brand_rxcui, data_source, prescribed_atleast_one_generic_history, generic_average_cost_per_unit, tuva_last_run
-- note: the ephemeral stg_pharmacy_claim is inlined as a CTE; `case when quantity > 0 then paid_amount / quantity` is arithmetic on both (quantity is a value and a condition: a value wins); the opportunity CASE tests the same difference it multiplies: derived throughout. The three-key joins and the WHERE on _int_generic_cost are upstream of nothing.
-- edge: data_source <- tuva.core.pharmacy_claim.data_source copy
-- edge: claim_id <- tuva.core.pharmacy_claim.claim_id copy
-- edge: claim_line_number <- tuva.core.pharmacy_claim.claim_line_number copy
-- edge: ndc_code <- tuva.pharmacy._int_claims_current_cost.ndc_code copy
-- edge: ndc_description <- tuva.pharmacy._int_claims_current_cost.ndc_description copy
-- edge: brand_rxcui <- tuva.pharmacy._int_claims_current_cost.rxcui copy
-- edge: brand_vs_generic <- tuva.pharmacy._int_claims_current_cost.brand_vs_generic copy
-- edge: generic_available <- tuva.pharmacy._int_claims_current_cost.generic_available copy
-- edge: paid_amount <- tuva.core.pharmacy_claim.paid_amount copy
-- edge: total_units <- tuva.core.pharmacy_claim.quantity copy
-- edge: brand_cost_per_unit <- tuva.core.pharmacy_claim.paid_amount derived
-- edge: brand_cost_per_unit <- tuva.core.pharmacy_claim.quantity derived
-- edge: generic_average_cost_per_unit <- tuva.pharmacy._int_generic_cost.generic_average_cost_per_unit copy
-- edge: brand_less_generic_cost_per_unit <- tuva.core.pharmacy_claim.paid_amount derived
-- edge: brand_less_generic_cost_per_unit <- tuva.core.pharmacy_claim.quantity derived
-- edge: brand_less_generic_cost_per_unit <- tuva.pharmacy._int_generic_cost.generic_average_cost_per_unit derived
-- edge: generic_available_total_opportunity <- tuva.core.pharmacy_claim.paid_amount derived
-- edge: generic_available_total_opportunity <- tuva.core.pharmacy_claim.quantity derived
-- edge: generic_available_total_opportunity <- tuva.pharmacy._int_generic_cost.generic_average_cost_per_unit derived
-- edge: tuva_last_run <- (none)


/* claimid/line/source grain. calculates opportunity at line level*/

with  __dbt__cte__stg_pharmacy_claim as (


select
    p.ndc_code
  , n.fda_description as ndc_description
  , p.data_source
  , n.rxcui
  , p.paid_amount
  , p.allowed_amount
  , p.claim_id
  , p.claim_line_number
  , p.person_id
  , p.member_id
  , p.prescribing_provider_id
  , p.dispensing_provider_id
  , p.dispensing_date
  , p.quantity
  , p.days_supply
  , p.refills
  , p.paid_date
from "tuva"."core"."pharmacy_claim" as p
left outer join "tuva"."terminology"."ndc" as n
  on p.ndc_code = n.ndc
), cpu as (
select claim_id
, claim_line_number
, data_source
, case when quantity > 0 then paid_amount / quantity else null end as brand_cost_per_unit
from __dbt__cte__stg_pharmacy_claim
)


select
    pc.data_source
  , pc.claim_id
  , pc.claim_line_number
  , cc.ndc_code
  , cc.ndc_description
  , cc.rxcui as brand_rxcui
  , cc.brand_vs_generic
  , cc.generic_available
  , pc.paid_amount
  , pc.quantity as total_units
  , cpu.brand_cost_per_unit
  , gc.generic_average_cost_per_unit
  , cpu.brand_cost_per_unit - gc.generic_average_cost_per_unit as brand_less_generic_cost_per_unit
  , case
      when cpu.brand_cost_per_unit - gc.generic_average_cost_per_unit > 0
        then (cpu.brand_cost_per_unit - gc.generic_average_cost_per_unit) * pc.quantity
      else 0
    end as generic_available_total_opportunity
  , cast('2026-12-07 10:15:38.378094+00:00' as timestamp) as tuva_last_run
from __dbt__cte__stg_pharmacy_claim as pc
inner join cpu on pc.claim_id = cpu.claim_id
  and
  pc.claim_line_number = cpu.claim_line_number
  and
  pc.data_source = cpu.data_source
inner join "tuva"."pharmacy"."_int_claims_current_cost" as cc
  on cc.ndc_code = pc.ndc_code
  and
  cc.data_source = pc.data_source
inner join "tuva"."pharmacy"."_int_generic_cost" as gc
  on cc.rxcui = gc.brand_rxcui
  and gc.data_source = cc.data_source
where prescribed_atleast_one_generic_history = 1

-- case: tuva_hcc_prep_conditions_snomed_union
-- origin: ../shared/sql-corpus/tuva-health_tuva-1.12.0-compiled model.the_tuva_project.hcc_suspecting__int_prep_conditions (verbatim; relations from its catalog)
-- relation: tuva.hcc_suspecting._stg_condition: claim_id, person_id, payer, recorded_date, condition_type, code_type, code, data_source
-- relation: tuva.terminology.snomed_icd_10_map: id, effective_time, active, module_id, ref_set_id, referenced_component_id, referenced_component_name, map_group, map_priority, map_rule, map_advice, map_target, map_target_name, correlation_id, map_category_id, map_category_name
-- note: a `select *` UNION ALL of two CTEs: the snomed branch gives code_type as a literal and code from the map's map_target (renamed twice), the other branch copies both; SELECT DISTINCT does not aggregate; the map's WHERE and the join on snomed_code are upstream of nothing.
-- edge: person_id <- tuva.hcc_suspecting._stg_condition.person_id copy
-- edge: payer <- tuva.hcc_suspecting._stg_condition.payer copy
-- edge: claim_id <- tuva.hcc_suspecting._stg_condition.claim_id copy
-- edge: recorded_date <- tuva.hcc_suspecting._stg_condition.recorded_date copy
-- edge: condition_type <- tuva.hcc_suspecting._stg_condition.condition_type copy
-- edge: code_type <- tuva.hcc_suspecting._stg_condition.code_type copy
-- edge: code <- tuva.terminology.snomed_icd_10_map.map_target copy
-- edge: code <- tuva.hcc_suspecting._stg_condition.code copy
-- edge: data_source <- tuva.hcc_suspecting._stg_condition.data_source copy
-- edge: tuva_last_run <- (none)


with conditions as (

    select
          person_id
        , payer
        , claim_id
        , recorded_date
        , condition_type
        , code_type
        , code
        , data_source
    from "tuva"."hcc_suspecting"."_stg_condition"

)

/*
    Default mapping guidance: Most map groups terminate with an unconditional
    rule – a rule whose predicate is “TRUE” or, equivalently, “OTHERWISE TRUE”.
    This rule is considered a “default” because it should be applied if
    nothing further is known about the patient’s condition.
*/
, seed_snomed_icd_10_map as (

    select
          referenced_component_id as snomed_code
        , map_target as icd_10_code
    from "tuva"."terminology"."snomed_icd_10_map"
    where lower(map_rule) in ('true', 'otherwise true')
    and map_group = '1'

)

, snomed_conditions as (

    select
          person_id
        , payer
        , claim_id
        , recorded_date
        , condition_type
        , 'icd-10-cm' as code_type
        , icd_10_code as code
        , data_source
    from conditions
         inner join seed_snomed_icd_10_map
         on conditions.code = seed_snomed_icd_10_map.snomed_code
    where conditions.code_type = 'snomed-ct'

)

, other_conditions as (

    select
          person_id
        , payer
        , claim_id
        , recorded_date
        , condition_type
        , code_type
        , code
        , data_source
    from conditions
    where conditions.code_type <> 'snomed-ct'

)

, union_conditions as (

    select * from snomed_conditions
    union all
    select * from other_conditions

)

, add_data_types as (

    select
          cast(person_id as TEXT) as person_id
        , cast(payer as TEXT) as payer
        , cast(claim_id as TEXT) as claim_id
        , cast(recorded_date as date) as recorded_date
        , cast(condition_type as TEXT) as condition_type
        , cast(code_type as TEXT) as code_type
        , cast(code as TEXT) as code
        , cast(data_source as TEXT) as data_source
    from union_conditions

)

-- Need the distinct to remove cases where 2 snomed codes map to 1 ICD code for the same claim
select distinct
      person_id
    , payer
    , claim_id
    , recorded_date
    , condition_type
    , code_type
    , code
    , data_source
    , cast('2026-12-07 10:15:38.378094+00:00' as timestamp) as tuva_last_run
from add_data_types

-- case: chinook_dim_customer_cte_subset
-- origin: ../shared/corpus/ashhimself_dataproducts_with_dbt-1.8.3 model.dbt_duckdb_chinook.dim_customer (verbatim; relations from its catalog)
-- relation: chinook.main.stg_customer: customer_id, first_name, last_name, company, address, city, state, country, postal_code, phone, fax, email, support_rep_id
-- note: a CTE selects twelve of stg_customer's thirteen columns (support_rep_id left out) and `SELECT *` of it: copies.
-- edge: customer_id <- chinook.main.stg_customer.customer_id copy
-- edge: first_name <- chinook.main.stg_customer.first_name copy
-- edge: last_name <- chinook.main.stg_customer.last_name copy
-- edge: company <- chinook.main.stg_customer.company copy
-- edge: address <- chinook.main.stg_customer.address copy
-- edge: city <- chinook.main.stg_customer.city copy
-- edge: state <- chinook.main.stg_customer.state copy
-- edge: country <- chinook.main.stg_customer.country copy
-- edge: postal_code <- chinook.main.stg_customer.postal_code copy
-- edge: phone <- chinook.main.stg_customer.phone copy
-- edge: fax <- chinook.main.stg_customer.fax copy
-- edge: email <- chinook.main.stg_customer.email copy


WITH customer AS (
    SELECT
        customer_id,
        first_name,
        last_name,
        company,
        address,
        city,
        state,
        country,
        postal_code,
        phone,
        fax,
        email

    FROM "chinook"."main"."stg_customer"
)

SELECT * FROM customer

-- case: duck_exclude_replace_struct_qualify_bucket
-- relation: warehouse.raw.claims: claim_id, patient_id, provider_npi, service_date, billed_amount, paid_amount, diagnosis, ssn
-- relation: warehouse.raw.patients: patient_id, birth_date, zip, ssn, sex
-- note: `* EXCLUDE (ssn) REPLACE (coalesce(paid_amount, 0) AS paid_amount)` drops the claim's ssn (p.ssn is the patients' one) and keeps paid_amount under its name; c.diagnosis.code is a struct field (derived); time_bucket is date bucketing (generalized, like date_trunc); the framed running sum aggregates paid_amount with its PARTITION BY/ORDER BY columns as filters; QUALIFY over a window max picks rows only; the JOIN USING key is read qualified (c.patient_id), so only the claims side.
-- edge: claim_id <- warehouse.raw.claims.claim_id copy
-- edge: patient_id <- warehouse.raw.claims.patient_id copy
-- edge: dx_code <- warehouse.raw.claims.diagnosis derived
-- edge: service_week <- warehouse.raw.claims.service_date generalized
-- edge: paid_3_claims <- warehouse.raw.claims.paid_amount aggregated
-- edge: paid_3_claims <- warehouse.raw.claims.patient_id filter
-- edge: paid_3_claims <- warehouse.raw.claims.service_date filter
-- edge: patient_share <- warehouse.raw.claims.billed_amount derived
-- edge: patient_share <- warehouse.raw.claims.paid_amount derived
-- edge: person_hash <- warehouse.raw.patients.ssn hashed
-- edge: person_hash <- warehouse.raw.patients.birth_date hashed
with claims as (
    select * exclude (ssn) replace (coalesce(paid_amount, 0) as paid_amount)
    from warehouse.raw.claims
),
scored as (
    select
        c.claim_id,
        c.patient_id,
        c.diagnosis.code as dx_code,
        time_bucket(interval '7 days', c.service_date) as service_week,
        sum(c.paid_amount) over (
            partition by c.patient_id
            order by c.service_date
            rows between 2 preceding and current row
        ) as paid_3_claims,
        c.billed_amount - c.paid_amount as patient_share,
        md5(p.ssn || p.birth_date::varchar) as person_hash
    from claims as c
    join warehouse.raw.patients as p using (patient_id)
    qualify max(c.billed_amount) over (partition by c.patient_id) > 100
)
select * from scored

-- case: duck_ref_left_in
-- relation: warehouse.main.stg_encounters: encounter_id, patient_id, admit_date
-- note: the model's raw SQL: `{{ ref('stg_encounters') }}` was never rendered.
-- unresolved: jinja
select patient_id, count(*) as encounter_count
from {{ ref('stg_encounters') }}
group by patient_id

-- case: duck_unbalanced_cte
-- relation: warehouse.raw.encounters: encounter_id, patient_id, admit_date, discharge_date
-- note: the CTE's parenthesis is never closed before the main SELECT.
-- unresolved: unbalanced parentheses
with enc as (
    select patient_id, admit_date
    from warehouse.raw.encounters
    where admit_date > date '2024-01-01'
select * from enc
