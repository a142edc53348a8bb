-- case: piperider_fct_transactions_surrogate_keys
-- origin: ../shared/corpus/balurc_dbt_piperider-1.4.5 model.dbt_piperider.fct_transactions (verbatim; no catalog: stg_transaction_data's columns from its documented columns in the manifest)
-- relation: analytics_credit_debit_transaction.analytics_dev.stg_transaction_data: transaction_date, transaction_id, customer_id, account_id, merchant_name, merchant_business_line, amount
-- note: each dbt_utils surrogate key is md5 over coalesced casts (TEXT, as compiled): hashed.
-- edge: date_key <- analytics_credit_debit_transaction.analytics_dev.stg_transaction_data.transaction_date hashed
-- edge: transaction_date <- analytics_credit_debit_transaction.analytics_dev.stg_transaction_data.transaction_date copy
-- edge: transaction_key <- analytics_credit_debit_transaction.analytics_dev.stg_transaction_data.transaction_id hashed
-- edge: customer_key <- analytics_credit_debit_transaction.analytics_dev.stg_transaction_data.customer_id hashed
-- edge: account_key <- analytics_credit_debit_transaction.analytics_dev.stg_transaction_data.account_id hashed
-- edge: merchant_key <- analytics_credit_debit_transaction.analytics_dev.stg_transaction_data.merchant_name hashed
-- edge: merchant_key <- analytics_credit_debit_transaction.analytics_dev.stg_transaction_data.merchant_business_line hashed
-- edge: amount <- analytics_credit_debit_transaction.analytics_dev.stg_transaction_data.amount copy
SELECT
    
    
md5(cast(coalesce(cast(transaction_date as TEXT), '_dbt_utils_surrogate_key_null_') as TEXT)) AS date_key,
    transaction_date,
    
    
md5(cast(coalesce(cast(transaction_id as TEXT), '_dbt_utils_surrogate_key_null_') as TEXT)) AS transaction_key,
    
    
md5(cast(coalesce(cast(customer_id as TEXT), '_dbt_utils_surrogate_key_null_') as TEXT)) AS customer_key,
    
    
md5(cast(coalesce(cast(account_id as TEXT), '_dbt_utils_surrogate_key_null_') as TEXT)) AS account_key,
    
    
md5(cast(coalesce(cast(merchant_name as TEXT), '_dbt_utils_surrogate_key_null_') || '-' || coalesce(cast(merchant_business_line as TEXT), '_dbt_utils_surrogate_key_null_') as TEXT)) AS merchant_key,
    amount
FROM analytics_credit_debit_transaction.analytics_dev.stg_transaction_data

-- case: piperider_stg_dates_date_parts
-- origin: ../shared/corpus/balurc_dbt_piperider-1.4.5 model.dbt_piperider.stg_dates (verbatim; the source has no catalog: its columns assumed from the select lists of stg_dates and stg_transaction_data)
-- relation: raw_transactions.debit_credit_transactions.dc_transactions: transaction_date, transaction_reference, user_reference, account_reference, merchant_name, merchant_business_line, amount
-- note: DAY/MONTH/YEAR are date parts (generalized, then a ::VARCHAR cast); DAYNAME and MONTHNAME name a part of the date, labelled generalized like extract; SELECT DISTINCT does not aggregate.
-- edge: transaction_date <- raw_transactions.debit_credit_transactions.dc_transactions.transaction_date copy
-- edge: day_of_month <- raw_transactions.debit_credit_transactions.dc_transactions.transaction_date generalized
-- edge: day_name <- raw_transactions.debit_credit_transactions.dc_transactions.transaction_date generalized
-- edge: month_of_year <- raw_transactions.debit_credit_transactions.dc_transactions.transaction_date generalized
-- edge: month_name <- raw_transactions.debit_credit_transactions.dc_transactions.transaction_date generalized
-- edge: year <- raw_transactions.debit_credit_transactions.dc_transactions.transaction_date generalized
WITH transaction_dates AS (
  SELECT DISTINCT 
    transaction_date,
    DAY(transaction_date)::VARCHAR as day_of_month,
    DAYNAME(transaction_date) as day_name,
    MONTH(transaction_date)::VARCHAR as month_of_year,
    MONTHNAME(transaction_date) as month_name,
    YEAR(transaction_date)::VARCHAR as year
  FROM raw_transactions.debit_credit_transactions.dc_transactions 
)

SELECT * FROM transaction_dates

-- case: piperider_dim_dates_key_and_star
-- origin: ../shared/corpus/balurc_dbt_piperider-1.4.5 model.dbt_piperider.dim_dates (verbatim; no catalog: stg_dates' columns from its documented columns in the manifest)
-- relation: analytics_credit_debit_transaction.analytics_dev.stg_dates: transaction_date, day_of_month, day_name, month_of_year, month_name, year
-- note: a surrogate key (hashed) before `*`: the star expands all six columns of stg_dates, transaction_date included.
-- edge: date_key <- analytics_credit_debit_transaction.analytics_dev.stg_dates.transaction_date hashed
-- edge: transaction_date <- analytics_credit_debit_transaction.analytics_dev.stg_dates.transaction_date copy
-- edge: day_of_month <- analytics_credit_debit_transaction.analytics_dev.stg_dates.day_of_month copy
-- edge: day_name <- analytics_credit_debit_transaction.analytics_dev.stg_dates.day_name copy
-- edge: month_of_year <- analytics_credit_debit_transaction.analytics_dev.stg_dates.month_of_year copy
-- edge: month_name <- analytics_credit_debit_transaction.analytics_dev.stg_dates.month_name copy
-- edge: year <- analytics_credit_debit_transaction.analytics_dev.stg_dates.year copy
SELECT
    
    
md5(cast(coalesce(cast(transaction_date as TEXT), '_dbt_utils_surrogate_key_null_') as TEXT)) AS date_key,
    *
FROM analytics_credit_debit_transaction.analytics_dev.stg_dates

-- case: piperider_dim_merchants_revenue_grouped
-- origin: ../shared/corpus/balurc_dbt_piperider-1.4.5 model.dbt_piperider.dim_merchants_revenue (verbatim; no catalog: the three upstream models' columns from their compiled select lists (dim_dates and dim_merchants are a key plus `*` of stg_dates/stg_merchants))
-- relation: analytics_credit_debit_transaction.analytics_dev.fct_transactions: date_key, transaction_date, transaction_key, customer_key, account_key, merchant_key, amount
-- relation: analytics_credit_debit_transaction.analytics_dev.dim_dates: date_key, transaction_date, day_of_month, day_name, month_of_year, month_name, year
-- relation: analytics_credit_debit_transaction.analytics_dev.dim_merchants: merchant_key, merchant_name, merchant_business_line
-- note: the unqualified merchant_name exists only in dim_merchants; GROUP BY 1, 2, 3 keys are copies; count(*) has no upstream; the WHERE and ORDER BY are upstream of nothing.
-- edge: year <- analytics_credit_debit_transaction.analytics_dev.dim_dates.year copy
-- edge: month <- analytics_credit_debit_transaction.analytics_dev.dim_dates.month_of_year copy
-- edge: merchant_name <- analytics_credit_debit_transaction.analytics_dev.dim_merchants.merchant_name copy
-- edge: total_transactions <- (none)
-- edge: total_amount <- analytics_credit_debit_transaction.analytics_dev.fct_transactions.amount aggregated
WITH merchants_revenue AS (
select
    t2.year,
    t2.month_of_year as month,
    merchant_name,
    count(*) as total_transactions,
    sum(t1.amount) as total_amount
from analytics_credit_debit_transaction.analytics_dev.fct_transactions t1
join analytics_credit_debit_transaction.analytics_dev.dim_dates t2
    on t1.date_key = t2.date_key
join analytics_credit_debit_transaction.analytics_dev.dim_merchants t3
    on t1.merchant_key = t3.merchant_key
where t3.merchant_name <> 'No Merchant'
group by 1, 2, 3
order by 1, 2, 3
)

SELECT * FROM merchants_revenue

-- case: algorand_fact_daily_balances_incremental
-- origin: ../shared/corpus/flipsidecrypto_algorand-models-1.2.0 model.algorand_models.core__fact_daily_balances (verbatim; relations from its catalog)
-- relation: ALGORAND_DEV.silver.daily_balances: DATE, ADDRESS, BALANCE, _UNIQUE_KEY
-- relation: ALGORAND_DEV.core.dim_account: DIM_ACCOUNT_ID, ADDRESS, ACCOUNT_CLOSED, NON_ZERO_REWARDS_BASE, NON_ZERO_REWARDS_TOTAL, NON_ZERO_BALANCE, DIM_BLOCK_ID__CREATED_AT, CREATED_AT, DIM_BLOCK_ID__CLOSED_AT, CLOSED_AT, DIM_WALLET_TYPE_ID, _INSERTED_TIMESTAMP, _AUDIT_RUN_ID
-- relation: ALGORAND_DEV.core.fact_daily_balances: FACT_DAILY_BALANCE_ID, DIM_ACCOUNT_ID, ADDRESS, DATE, BALANCE
-- note: alias A is read as `a.address` (Snowflake folds unquoted names); DATE and balance are unqualified and exist only in daily_balances; the incremental `DATE >= (select dateadd(... max(DATE)) from <this>)` is a WHERE: upstream of nothing.
-- edge: fact_daily_balance_id <- ALGORAND_DEV.silver.daily_balances.ADDRESS hashed
-- edge: fact_daily_balance_id <- ALGORAND_DEV.silver.daily_balances.DATE hashed
-- edge: dim_account_id <- ALGORAND_DEV.core.dim_account.DIM_ACCOUNT_ID copy
-- edge: address <- ALGORAND_DEV.silver.daily_balances.ADDRESS copy
-- edge: date <- ALGORAND_DEV.silver.daily_balances.DATE copy
-- edge: balance <- ALGORAND_DEV.silver.daily_balances.BALANCE copy


SELECT
    md5(cast(coalesce(cast(a.address as 
    varchar
), '') || '-' || coalesce(cast(date as 
    varchar
), '') as 
    varchar
)) AS fact_daily_balance_id,
    b.dim_account_id,
    A.address,
    DATE,
    balance
FROM
    ALGORAND_DEV.silver.daily_balances A
    JOIN ALGORAND_DEV.core.dim_account
    b
    ON A.address = b.address
WHERE
    balance > 0


AND DATE >=(
    SELECT
        DATEADD('day', -2, MAX(DATE))
    FROM
        ALGORAND_DEV.core.fact_daily_balances)
    

-- case: algorand_dim_transaction_type_simple_case
-- origin: ../shared/corpus/flipsidecrypto_algorand-models-1.2.0 model.algorand_models.core__dim_transaction_type (verbatim; silver.transaction has no catalog entry: its documented columns plus _INSERTED_TIMESTAMP, which the model reads)
-- relation: ALGORAND_DEV.silver.transaction: BLOCK_ID, INTRA, TX_ID, INNER_TX, TX_TYPE, TX_MESSAGE, _INSERTED_TIMESTAMP
-- relation: ALGORAND_DEV.core.dim_transaction_type: DIM_TRANSACTION_TYPE_ID, TX_TYPE, TX_TYPE_NAME, _INSERTED_TIMESTAMP, _AUDIT_RUN_ID
-- note: GROUP BY names the md5 alias dim_transaction_type_id; `CASE tx_type WHEN 'pay' THEN 'payment' ...` compares tx_type and returns literals only: a filter edge; the two unknown-member rows of the UNION ALL are literals.
-- edge: dim_transaction_type_id <- ALGORAND_DEV.silver.transaction.TX_TYPE hashed
-- edge: tx_type <- ALGORAND_DEV.silver.transaction.TX_TYPE copy
-- edge: tx_type_name <- ALGORAND_DEV.silver.transaction.TX_TYPE filter
-- edge: _inserted_timestamp <- ALGORAND_DEV.silver.transaction._INSERTED_TIMESTAMP aggregated
-- edge: _audit_run_id <- (none)


WITH base AS (

    SELECT
        md5(cast(coalesce(cast(tx_type as 
    varchar
), '') as 
    varchar
)) AS dim_transaction_type_id,
        tx_type,
        MAX(_inserted_timestamp) _inserted_timestamp
    FROM
        ALGORAND_DEV.silver.transaction
    WHERE
        tx_type IS NOT NULL


AND _inserted_timestamp >= (
    SELECT
        MAX(
            _inserted_timestamp
        )
    FROM
        ALGORAND_DEV.core.dim_transaction_type
)

GROUP BY
    dim_transaction_type_id,
    tx_type
)
SELECT
    dim_transaction_type_id,
    tx_type,
    CASE
        tx_type
        WHEN 'pay' THEN 'payment'
        WHEN 'keyreg' THEN 'key registration'
        WHEN 'acfg' THEN 'asset configuration'
        WHEN 'axfer' THEN 'asset transfer'
        WHEN 'afrz' THEN 'asset freeze'
        WHEN 'appl' THEN 'application call'
        WHEN 'appl' THEN 'application call'
        WHEN 'stpf' THEN 'state proof'
    END tx_type_name,
    _inserted_timestamp,
    'manual' AS _audit_run_id
FROM
    base
UNION ALL
SELECT
    '-1' AS dim_transaction_type_id,
    'unknown' AS tx_type,
    'unknown' AS tx_type_name,
    '1900-01-01' :: DATE _inserted_timestamp,
    'manual' AS _audit_run_id
UNION ALL
SELECT
    '-2' AS dim_transaction_type_id,
    'not applicable' AS tx_type,
    'not applicable' AS tx_type_name,
    '1900-01-01' :: DATE _inserted_timestamp,
    'manual' AS _audit_run_id

-- case: harmony_metric_unique_users_lateral_alias_window
-- origin: ../shared/corpus/metricsdao_harmony_dbt-0.21.1 model.harmony.metric_unique_users_count (verbatim; relations from its catalog)
-- relation: HARMONY.DEV.txs: BLOCK_TIMESTAMP, INGESTED_AT, NONCE, INDEX, NATIVE_FROM_ADDRESS, NATIVE_TO_ADDRESS, FROM_ADDRESS, TO_ADDRESS, VALUE, BLOCK_NUMBER, BLOCK_HASH, GAS_PRICE, GAS_LIMIT, GAS_USED, TX_HASH, DATA, STATUS
-- note: metric_date is date_trunc of min(block_timestamp) (aggregated wins); `sum(unique_users_count) over (partition by metric_period order by metric_date)` reads two aliases of the same SELECT (Snowflake lateral column aliases): the count of from_address summed again (aggregated), block_timestamp through the ORDER BY (filter); metric_period is a literal. Three positional UNION ALL branches, same sources.
-- edge: metric_date <- HARMONY.DEV.txs.BLOCK_TIMESTAMP aggregated
-- edge: metric_period <- (none)
-- edge: unique_users_count <- HARMONY.DEV.txs.FROM_ADDRESS aggregated
-- edge: unique_users_cumulative <- HARMONY.DEV.txs.FROM_ADDRESS aggregated
-- edge: unique_users_cumulative <- HARMONY.DEV.txs.BLOCK_TIMESTAMP filter


with

min_address as (

    select 
        from_address,
        min(block_timestamp) as min_timestamp
    from HARMONY.DEV.txs
    group by 1

),

daily as (

    select
        date_trunc('day', min_timestamp) as metric_date,
        'daily' as metric_period,
        count(from_address) as unique_users_count,
        sum(unique_users_count) over (partition by metric_period order by metric_date) as unique_users_cumulative
    from min_address
    group by 1, 2

),

hourly as (

    select
        date_trunc('hour', min_timestamp) as metric_date,
        'hourly' as metric_period,
        count(from_address) as unique_users_count,
        sum(unique_users_count) over (partition by metric_period order by metric_date) as unique_users_cumulative
    from min_address
    group by 1, 2

),

minute as (

    select
        date_trunc('minute', min_timestamp) as metric_date,
        'minute' as metric_period,
        count(from_address) as unique_users_count,
        sum(unique_users_count) over (partition by metric_period order by metric_date) as unique_users_cumulative
    from min_address
    group by 1, 2

),

final as (
    select * from daily
    union all
    select * from hourly
    union all
    select * from minute
)

select * from final

-- case: harmony_transfers_variant_paths
-- origin: ../shared/corpus/metricsdao_harmony_dbt-0.21.1 model.harmony.transfers (verbatim; relations from its catalog)
-- relation: HARMONY.DEV.logs: LOG_ID, BLOCK_ID, BLOCK_TIMESTAMP, INGESTED_AT, TX_HASH, EVENT_INDEX, NATIVE_CONTRACT_ADDRESS, EVM_CONTRACT_ADDRESS, CONTRACT_NAME, EVENT_NAME, EVENT_INPUTS, TOPICS, DATA, EVENT_REMOVED
-- relation: HARMONY.DEV.transfers: LOG_ID, BLOCK_ID, TX_HASH, BLOCK_TIMESTAMP, INGESTED_AT, CONTRACT_ADDRESS, FROM_ADDRESS, TO_ADDRESS, RAW_AMOUNT
-- note: event_inputs:from::string is a VARIANT path (derived) then a cast; the WHERE uses the lateral alias raw_amount and the incremental max(ingested_at) of the model itself: upstream of nothing.
-- edge: log_id <- HARMONY.DEV.logs.LOG_ID copy
-- edge: block_id <- HARMONY.DEV.logs.BLOCK_ID copy
-- edge: tx_hash <- HARMONY.DEV.logs.TX_HASH copy
-- edge: block_timestamp <- HARMONY.DEV.logs.BLOCK_TIMESTAMP copy
-- edge: ingested_at <- HARMONY.DEV.logs.INGESTED_AT copy
-- edge: contract_address <- HARMONY.DEV.logs.EVM_CONTRACT_ADDRESS copy
-- edge: from_address <- HARMONY.DEV.logs.EVENT_INPUTS derived
-- edge: to_address <- HARMONY.DEV.logs.EVENT_INPUTS derived
-- edge: raw_amount <- HARMONY.DEV.logs.EVENT_INPUTS derived


with logs as (
    select 
        log_id,
        block_id,
        block_timestamp,
        ingested_at,
        tx_hash,
        evm_contract_address, 
        event_name, 
        event_inputs
    from HARMONY.DEV.logs
    where -- dbt makes it easy to query your target table by using the "HARMONY.DEV.transfers" variable.
    
      ingested_at > (select max(ingested_at) from HARMONY.DEV.transfers)
),

transfers as (
    select
        log_id,
        block_id,
        tx_hash,
        block_timestamp,
        ingested_at,
        evm_contract_address::string as contract_address,
        event_inputs:from::string as from_address,
        event_inputs:to::string as to_address,
        event_inputs:value::float as raw_amount
    from logs
    where event_name = 'Transfer'
    and raw_amount is not null
)

select * from transfers

-- case: andrewstaus_clickstream_hits_lateral_alias_union
-- origin: ../shared/corpus/andrewstaus_dbt_analytics-1.9.8 model.analytics.stg_adobe_experience__clickstream_hits (verbatim; relations from its catalog)
-- relation: raw.adobe_experience_app.clickstream_hits: LOADED_AT, DATE_TIME, MCVISID, POST_VISID_HIGH, POST_VISID_LOW, HITID_HIGH, HITID_LOW, PAGE_URL, POST_EVAR133, TRANSACTIONID
-- relation: raw.adobe_experience_web.clickstream_hits: LOADED_AT, DATE_TIME, MCVISID, POST_VISID_HIGH, POST_VISID_LOW, HITID_HIGH, HITID_LOW, PAGE_URL, POST_EVAR133, TRANSACTIONID
-- relation: analytics.accounts_db.accounts: ACCOUNT_ID, INDIVIDUAL_PARTY_KEY, FIRST_NAME, LAST_NAME, LOADED_AT
-- relation: analytics.adobe_experience.clickstream_hits: PROPERTY, VISIT_ID, HIT_ID, VISITOR_ID, HIT_URL, ACCOUNT_ID, ORDER_ID, HIT_AT, LOADED_AT, INDIVIDUAL_PARTY_KEY
-- note: two `select 'app' property, *` branches (literal then the star of each raw table); in conformed_hits, `concat_ws(':', visit_id, hitid_high, hitid_low)` reads visit_id, an alias defined earlier in the same SELECT (united_hits has no such column: a Snowflake lateral column alias), so hit_id is derived from both visid halves and both hitid halves of both branches; convert_timezone is a conversion (derived); `::` casts are copies. The incremental WHERE subqueries on the model itself are upstream of nothing.
-- edge: property <- (none)
-- edge: visit_id <- raw.adobe_experience_app.clickstream_hits.POST_VISID_HIGH derived
-- edge: visit_id <- raw.adobe_experience_app.clickstream_hits.POST_VISID_LOW derived
-- edge: visit_id <- raw.adobe_experience_web.clickstream_hits.POST_VISID_HIGH derived
-- edge: visit_id <- raw.adobe_experience_web.clickstream_hits.POST_VISID_LOW derived
-- edge: hit_id <- raw.adobe_experience_app.clickstream_hits.POST_VISID_HIGH derived
-- edge: hit_id <- raw.adobe_experience_app.clickstream_hits.POST_VISID_LOW derived
-- edge: hit_id <- raw.adobe_experience_app.clickstream_hits.HITID_HIGH derived
-- edge: hit_id <- raw.adobe_experience_app.clickstream_hits.HITID_LOW derived
-- edge: hit_id <- raw.adobe_experience_web.clickstream_hits.POST_VISID_HIGH derived
-- edge: hit_id <- raw.adobe_experience_web.clickstream_hits.POST_VISID_LOW derived
-- edge: hit_id <- raw.adobe_experience_web.clickstream_hits.HITID_HIGH derived
-- edge: hit_id <- raw.adobe_experience_web.clickstream_hits.HITID_LOW derived
-- edge: visitor_id <- raw.adobe_experience_app.clickstream_hits.MCVISID copy
-- edge: visitor_id <- raw.adobe_experience_web.clickstream_hits.MCVISID copy
-- edge: hit_url <- raw.adobe_experience_app.clickstream_hits.PAGE_URL copy
-- edge: hit_url <- raw.adobe_experience_web.clickstream_hits.PAGE_URL copy
-- edge: account_id <- raw.adobe_experience_app.clickstream_hits.POST_EVAR133 copy
-- edge: account_id <- raw.adobe_experience_web.clickstream_hits.POST_EVAR133 copy
-- edge: order_id <- raw.adobe_experience_app.clickstream_hits.TRANSACTIONID copy
-- edge: order_id <- raw.adobe_experience_web.clickstream_hits.TRANSACTIONID copy
-- edge: hit_at <- raw.adobe_experience_app.clickstream_hits.DATE_TIME derived
-- edge: hit_at <- raw.adobe_experience_web.clickstream_hits.DATE_TIME derived
-- edge: loaded_at <- raw.adobe_experience_app.clickstream_hits.LOADED_AT copy
-- edge: loaded_at <- raw.adobe_experience_web.clickstream_hits.LOADED_AT copy
-- edge: individual_party_key <- analytics.accounts_db.accounts.INDIVIDUAL_PARTY_KEY copy
with app_hits as (
    select * from raw.adobe_experience_app.clickstream_hits
),

web_hits as (
    select * from raw.adobe_experience_web.clickstream_hits
),

accounts as (
    select * from analytics.accounts_db.accounts
),

united_hits as (
    select 'app' property, * from app_hits
    where loaded_at >= (select max(loaded_at) from analytics.adobe_experience.clickstream_hits where property = 'web')

    union all

    select 'web' property, * from web_hits
    where loaded_at >= (select max(loaded_at) from analytics.adobe_experience.clickstream_hits where property = 'web')
),

conformed_hits as (
    select
        property                                        ::string    property,
        concat_ws(':', post_visid_high, post_visid_low) ::string    visit_id,
        concat_ws(':', visit_id, hitid_high, hitid_low) ::string    hit_id,
        mcvisid                                         ::string    visitor_id,
        page_url                                        ::string    hit_url,
        post_evar133                                    ::string    account_id,
        transactionid                                   ::int       order_id,
        (convert_timezone('America/Vancouver', 'UTC', date_time :: timestamp))                   ::timestamp hit_at,
        loaded_at                                       ::timestamp loaded_at
    from united_hits
)

select
    h.*,
    a.individual_party_key
from conformed_hits h
left join accounts a on h.account_id = a.account_id

-- case: dancam_stg_payments_trailing_comments
-- origin: ../shared/corpus/6dvd9_dbt-learn-dancam-0.19.2 model.dbt_dev_dancam.stg_payments (verbatim compiled_sql, dbt 0.19; the source has no catalog: its columns assumed from the select list)
-- relation: raw.stripe.payment: id, orderid, paymentmethod, status, amount, created, _batched_at
-- note: amount/100 is arithmetic on the value (derived); the line comments after a column and after FROM are not SQL.
-- edge: payment_id <- raw.stripe.payment.id copy
-- edge: order_id <- raw.stripe.payment.orderid copy
-- edge: payment_method <- raw.stripe.payment.paymentmethod copy
-- edge: payment_status <- raw.stripe.payment.status copy
-- edge: payment_amount <- raw.stripe.payment.amount derived
-- edge: created_date <- raw.stripe.payment.created copy
-- edge: updated_at <- raw.stripe.payment._batched_at copy
Select 
    id as payment_id,
    orderid as order_id,
    paymentmethod as payment_method,
    status as payment_status,
    amount/100 as payment_amount,
    created as created_date, -- put _at for date fields
    _batched_at as updated_at
from raw.stripe.payment -- 120 rows

-- case: harmony_blocks_header_paths
-- origin: ../shared/corpus/metricsdao_harmony_dbt-0.21.1 model.harmony.blocks (verbatim; relations from its catalog)
-- relation: HARMONY.DEV.stg_blocks: RECORD_ID, OFFSET_ID, BLOCK_ID, BLOCK_TIMESTAMP, NETWORK, CHAIN_ID, TX_COUNT, HEADER, INGESTED_AT
-- relation: HARMONY.DEV.blocks: BLOCK_ID, BLOCK_TIMESTAMP, INGESTED_AT, BLOCK_HASH, BLOCK_PARENT_HASH, GAS_LIMIT, GAS_USED, MINER, NONCE, SIZE, TX_COUNT, STATE_ROOT, RECEIPTS_ROOT
-- note: `select *` of stg_blocks in a CTE filtered by the incremental WHERE (upstream of nothing); header:field paths are derived, with or without a ::string cast; `size` is an output name.
-- edge: block_id <- HARMONY.DEV.stg_blocks.BLOCK_ID copy
-- edge: block_timestamp <- HARMONY.DEV.stg_blocks.BLOCK_TIMESTAMP copy
-- edge: ingested_at <- HARMONY.DEV.stg_blocks.INGESTED_AT copy
-- edge: tx_count <- HARMONY.DEV.stg_blocks.TX_COUNT copy
-- edge: block_hash <- HARMONY.DEV.stg_blocks.HEADER derived
-- edge: block_parent_hash <- HARMONY.DEV.stg_blocks.HEADER derived
-- edge: gas_limit <- HARMONY.DEV.stg_blocks.HEADER derived
-- edge: gas_used <- HARMONY.DEV.stg_blocks.HEADER derived
-- edge: miner <- HARMONY.DEV.stg_blocks.HEADER derived
-- edge: nonce <- HARMONY.DEV.stg_blocks.HEADER derived
-- edge: size <- HARMONY.DEV.stg_blocks.HEADER derived
-- edge: state_root <- HARMONY.DEV.stg_blocks.HEADER derived
-- edge: receipts_root <- HARMONY.DEV.stg_blocks.HEADER derived


with base_blocks as (

    select * from HARMONY.DEV.stg_blocks
    where -- dbt makes it easy to query your target table by using the "HARMONY.DEV.blocks" variable.
    
      ingested_at > (select max(ingested_at) from HARMONY.DEV.blocks)
),

final as (

    select
        block_id,
        block_timestamp,
        ingested_at,
        header:hash::string as block_hash,
        header:parent_hash::string as block_parent_hash,
        header:gas_limit as gas_limit,
        header:gas_used as gas_used,
        header:miner::string as miner,
        header:nonce::string as nonce,
        header:size as size,
        tx_count,
        header:state_root::string as state_root,
        header:receipts_root::string as receipts_root

    from base_blocks
)

select * from final

-- case: algorand_ez_transaction_payment_unqualified
-- origin: ../shared/corpus/flipsidecrypto_algorand-models-1.2.0 model.algorand_models.core__ez_transaction_payment (verbatim; relations from its catalog)
-- relation: ALGORAND_DEV.core.fact_transaction: FACT_TRANSACTION_ID, DIM_BLOCK_ID, BLOCK_ID, BLOCK_TIMESTAMP, INTRA, TX_GROUP_ID, TX_ID, INNER_TX, DIM_ACCOUNT_ID__TX_SENDER, TX_SENDER, DIM_ASSET_ID, FEE, DIM_TRANSACTION_TYPE_ID, TX_MESSAGE, EXTRA, DIM_ACCOUNT_ID__RECEIVER, RECEIVER, DIM_ACCOUNT_ID__ASSET_SENDER, ASSET_SENDER, DIM_ACCOUNT_ID__ASSET_RECEIVER, ASSET_RECEIVER, APP_ID, ASSET_SUPPLY, ASSET_PARAMETERS, ASSET_ADDRESS, ASSET_FREEZE, PARTICIPATION_KEY, VRF_PUBLIC_KEY, VOTE_FIRST, VOTE_LAST, VOTE_KEYDILUTION, ASSET_AMOUNT, AMOUNT, _INSERTED_TIMESTAMP, _AUDIT_RUN_ID
-- relation: ALGORAND_DEV.core.dim_asset: DIM_ASSET_ID, ASSET_ID, ASSET_NAME, TOTAL_SUPPLY, ASSET_URL, DECIMALS, ASSET_DELETED, DIM_ACCOUNT_ID__CREATOR, CREATOR_ADDRESS, DIM_BLOCK_ID__CREATED_AT, CREATED_AT, DIM_BLOCK_ID__CLOSED_AT, CLOSED_AT, COLLECTION_NAME, COLLECTION_NFT, ARC69_NFT, AR3_NFT, AR19_NFT, TRADITIONAL_NFT, IS_NFT, _INSERTED_TIMESTAMP, _AUDIT_RUN_ID
-- note: most columns are unqualified and exist only in fact_transaction (dim_asset has none of them); `block_timestamp :: DATE block_date` is a cast (copy); amount / pow(10, 6) is arithmetic (derived); the join key and WHERE are upstream of nothing.
-- edge: block_timestamp <- ALGORAND_DEV.core.fact_transaction.BLOCK_TIMESTAMP copy
-- edge: block_date <- ALGORAND_DEV.core.fact_transaction.BLOCK_TIMESTAMP copy
-- edge: block_id <- ALGORAND_DEV.core.fact_transaction.BLOCK_ID copy
-- edge: intra <- ALGORAND_DEV.core.fact_transaction.INTRA copy
-- edge: tx_group_id <- ALGORAND_DEV.core.fact_transaction.TX_GROUP_ID copy
-- edge: tx_id <- ALGORAND_DEV.core.fact_transaction.TX_ID copy
-- edge: inner_tx <- ALGORAND_DEV.core.fact_transaction.INNER_TX copy
-- edge: tx_sender <- ALGORAND_DEV.core.fact_transaction.TX_SENDER copy
-- edge: fee <- ALGORAND_DEV.core.fact_transaction.FEE copy
-- edge: asset_id <- ALGORAND_DEV.core.dim_asset.ASSET_ID copy
-- edge: asset_name <- ALGORAND_DEV.core.dim_asset.ASSET_NAME copy
-- edge: receiver <- ALGORAND_DEV.core.fact_transaction.RECEIVER copy
-- edge: amount <- ALGORAND_DEV.core.fact_transaction.AMOUNT derived
-- edge: tx_type <- (none)
-- edge: tx_type_name <- (none)
-- edge: tx_message <- ALGORAND_DEV.core.fact_transaction.TX_MESSAGE copy
-- edge: extra <- ALGORAND_DEV.core.fact_transaction.EXTRA copy


SELECT
    b.block_timestamp,
    block_timestamp :: DATE block_date,
    block_id,
    intra,
    tx_group_id,
    tx_id,
    inner_tx,
    b.tx_sender,
    fee,
    ast.asset_id,
    ast.asset_name,
    receiver,
    amount / pow(
        10,
        6
    ) AS amount,
    'pay' AS tx_type,
    'payment' AS tx_type_name,
    tx_message,
    extra
FROM
    ALGORAND_DEV.core.fact_transaction
    b
    JOIN ALGORAND_DEV.core.dim_asset
    ast
    ON b.dim_asset_id = ast.dim_asset_id
WHERE
    b.dim_transaction_type_id = 'b02a45a596bfb86fe2578bde75ff5444'

-- case: andrewstaus_reltio_emails_nested_with_cte_shadow
-- origin: ../shared/corpus/andrewstaus_dbt_analytics-1.9.8 model.analytics.stg_reltio__individual_emails (verbatim; relations from its catalog)
-- relation: raw.reltio.individual_emails: LOADED_AT, SOURCE, PARTY_KEY, EMAIL
-- relation: analytics.reltio.individual_emails: INDIVIDUAL_PARTY_KEY, SOURCE, EMAIL, LOADED_AT
-- note: the inlined ephemeral model is a CTE whose body has its own WITH; both it and the outer query have a CTE named individual_emails, which shadows the two relations of that name (raw. and analytics.); sha2(lower(trim())) hashed; QUALIFY row_number() and the incremental WHERE pick rows only.
-- edge: individual_party_key <- raw.reltio.individual_emails.PARTY_KEY copy
-- edge: source <- raw.reltio.individual_emails.SOURCE copy
-- edge: email <- raw.reltio.individual_emails.EMAIL hashed
-- edge: loaded_at <- raw.reltio.individual_emails.LOADED_AT copy
with  __dbt__cte__src_reltio_individual_emails as (
with individual_emails as (
    select * from raw.reltio.individual_emails
)

select
    party_key ::STRING    individual_party_key,
    source    ::STRING    source,
    email     ::STRING    email,
    loaded_at ::TIMESTAMP loaded_at
from individual_emails
), individual_emails as (
    select * from __dbt__cte__src_reltio_individual_emails
)

select
    individual_party_key,
    source,
    (sha2(lower(trim(email :: string)), 256)) email,
    loaded_at
from individual_emails
where loaded_at >= (select max(loaded_at) from analytics.reltio.individual_emails)
qualify row_number() over (partition by individual_party_key, email order by loaded_at desc) = 1

-- case: harmony_metric_gas_used_grouped_date_trunc
-- origin: ../shared/corpus/metricsdao_harmony_dbt-0.21.1 model.harmony.metric_gas_used_count (verbatim; relations from its catalog)
-- relation: HARMONY.DEV.blocks: BLOCK_ID, BLOCK_TIMESTAMP, INGESTED_AT, BLOCK_HASH, BLOCK_PARENT_HASH, GAS_LIMIT, GAS_USED, MINER, NONCE, SIZE, TX_COUNT, STATE_ROOT, RECEIPTS_ROOT
-- note: here date_trunc(block_timestamp) is the GROUP BY key itself (generalized, not aggregated), unlike metric_unique_users_count where it truncates a min(); sum(gas_used) aggregated; three positional UNION ALL branches.
-- edge: metric_date <- HARMONY.DEV.blocks.BLOCK_TIMESTAMP generalized
-- edge: metric_period <- (none)
-- edge: gas_total <- HARMONY.DEV.blocks.GAS_USED aggregated


with

daily as (

    select 
        date_trunc('day', block_timestamp) as metric_date,
        'daily' as metric_period,
        sum(gas_used) as gas_total
    from HARMONY.DEV.blocks
    group by 1, 2

),

hourly as (

    select 
        date_trunc('hour', block_timestamp) as metric_date,
        'hourly' as metric_period,
        sum(gas_used) as gas_total
    from HARMONY.DEV.blocks
    group by 1, 2

),

minute as (

    select 
        date_trunc('minute', block_timestamp) as metric_date,
        'minute' as metric_period,
        sum(gas_used) as gas_total
    from HARMONY.DEV.blocks
    group by 1, 2

),

final as (
    select * from daily
    union all
    select * from hourly
    union all
    select * from minute
)

select * from final

-- case: algorand_ez_nft_asset_renames
-- origin: ../shared/corpus/flipsidecrypto_algorand-models-1.2.0 model.algorand_models.nft__ez_nft_asset (verbatim; relations from its catalog)
-- relation: ALGORAND_DEV.core.dim_asset: DIM_ASSET_ID, ASSET_ID, ASSET_NAME, TOTAL_SUPPLY, ASSET_URL, DECIMALS, ASSET_DELETED, DIM_ACCOUNT_ID__CREATOR, CREATOR_ADDRESS, DIM_BLOCK_ID__CREATED_AT, CREATED_AT, DIM_BLOCK_ID__CLOSED_AT, CLOSED_AT, COLLECTION_NAME, COLLECTION_NFT, ARC69_NFT, AR3_NFT, AR19_NFT, TRADITIONAL_NFT, IS_NFT, _INSERTED_TIMESTAMP, _AUDIT_RUN_ID
-- note: renames and copies of the upper-case catalog columns read in lower case; the WHERE on is_nft is upstream of nothing.
-- edge: nft_asset_id <- ALGORAND_DEV.core.dim_asset.ASSET_ID copy
-- edge: nft_asset_name <- ALGORAND_DEV.core.dim_asset.ASSET_NAME copy
-- edge: nft_total_supply <- ALGORAND_DEV.core.dim_asset.TOTAL_SUPPLY copy
-- edge: decimals <- ALGORAND_DEV.core.dim_asset.DECIMALS copy
-- edge: created_at <- ALGORAND_DEV.core.dim_asset.CREATED_AT copy
-- edge: collection_name <- ALGORAND_DEV.core.dim_asset.COLLECTION_NAME copy
-- edge: creator_address <- ALGORAND_DEV.core.dim_asset.CREATOR_ADDRESS copy
-- edge: asset_deleted <- ALGORAND_DEV.core.dim_asset.ASSET_DELETED copy
-- edge: nft_url <- ALGORAND_DEV.core.dim_asset.ASSET_URL copy
-- edge: collection_nft <- ALGORAND_DEV.core.dim_asset.COLLECTION_NFT copy
-- edge: arc69_nft <- ALGORAND_DEV.core.dim_asset.ARC69_NFT copy
-- edge: ar3_nft <- ALGORAND_DEV.core.dim_asset.AR3_NFT copy
-- edge: ar19_nft <- ALGORAND_DEV.core.dim_asset.AR19_NFT copy
-- edge: traditional_nft <- ALGORAND_DEV.core.dim_asset.TRADITIONAL_NFT copy


SELECT
    asset_id AS nft_asset_id,
    asset_name AS nft_asset_name,
    total_supply AS nft_total_supply,
    decimals,
    created_at,
    collection_name,
    creator_address,
    asset_deleted,
    asset_url AS nft_url,
    collection_nft,
    arc69_nft,
    ar3_nft,
    ar19_nft,
    traditional_nft
FROM
    ALGORAND_DEV.core.dim_asset
WHERE
    is_nft = TRUE

-- case: sf_quoted_mixed_case_rollup_variant
-- relation: EHR.CLINICAL.ENCOUNTERS: PatientId, EncounterType, ADMIT_TS, DISCHARGE_TS, FACILITY, PAYLOAD
-- note: "PatientId" and "EncounterType" are quoted mixed-case names, exact in Snowflake, and match the catalog; ROLLUP keys selected as they are stay copies; count(*) has no upstream; count_if aggregates the column of its predicate (a VARIANT path); IFF(GROUPING("EncounterType") = 1, ...) returns literals and its condition names EncounterType: a filter edge; the WHERE is upstream of nothing.
-- edge: patient_id <- EHR.CLINICAL.ENCOUNTERS.PatientId copy
-- edge: encounter_type <- EHR.CLINICAL.ENCOUNTERS.EncounterType copy
-- edge: admit_month <- EHR.CLINICAL.ENCOUNTERS.ADMIT_TS generalized
-- edge: encounters <- (none)
-- edge: bed_days <- EHR.CLINICAL.ENCOUNTERS.ADMIT_TS aggregated
-- edge: bed_days <- EHR.CLINICAL.ENCOUNTERS.DISCHARGE_TS aggregated
-- edge: deaths <- EHR.CLINICAL.ENCOUNTERS.PAYLOAD aggregated
-- edge: level_label <- EHR.CLINICAL.ENCOUNTERS.EncounterType filter
-- edge: last_attending_npi <- EHR.CLINICAL.ENCOUNTERS.PAYLOAD aggregated
select
    "PatientId" as patient_id,
    "EncounterType" as encounter_type,
    date_trunc('month', admit_ts) as admit_month,
    count(*) as encounters,
    sum(datediff('day', admit_ts, discharge_ts)) as bed_days,
    count_if(payload:disposition::string = 'expired') as deaths,
    iff(grouping("EncounterType") = 1, 'all types', 'one type') as level_label,
    max(payload:attending.npi::string) as last_attending_npi
from ehr.clinical.encounters
where facility = 'MAIN'
group by rollup ("PatientId", "EncounterType", date_trunc('month', admit_ts))

-- case: sf_jinja_is_incremental
-- relation: EHR.CLINICAL.ENCOUNTERS: PatientId, EncounterType, ADMIT_TS, DISCHARGE_TS, FACILITY, PAYLOAD
-- note: an incremental model's raw SQL with its `{% if is_incremental() %}` block and `{{ this }}` left in.
-- unresolved: jinja
select "PatientId" as patient_id, admit_ts
from ehr.clinical.encounters
{% if is_incremental() %}
where admit_ts > (select max(admit_ts) from {{ this }})
{% endif %}

-- case: sf_unknown_discharge_column
-- relation: EHR.CLINICAL.ENCOUNTERS: PatientId, EncounterType, ADMIT_TS, DISCHARGE_TS, FACILITY, PAYLOAD
-- note: e.discharge_date is not a column of ENCOUNTERS (the catalog has DISCHARGE_TS); Snowflake rejects the query.
-- unresolved: unknown column
select e."PatientId" as patient_id, datediff('day', e.admit_ts, e.discharge_date) as los_days
from ehr.clinical.encounters e
