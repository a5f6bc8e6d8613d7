with

source as (

    select * from {{ source('raw', 'accounting_sales') }}

),

renamed as (

    select
        -- ids
        trim(doc_no) || '#' || line_no::varchar as sales_line_id,
        trim(doc_no) as doc_no,
        line_no,
        nullif(trim(counterparty_id), '') as counterparty_id,
        nullif(trim(customer_name), '') as customer_name,
        nullif(regexp_replace(coalesce(customer_inn, ''), '\D', '', 'g'), '') as customer_inn,
        nullif(trim(sku), '') as sku,
        nullif(trim(product_name), '') as product_name,
        nullif(trim(category), '') as category,

        -- quantities and money: price and cost are derived when an export lacks them
        qty,
        amount as revenue,
        coalesce(price, case when qty > 0 then round(amount / qty, 2) end) as unit_price,
        coalesce(cost, case when profit is not null then amount - profit end) as cost,

        -- attribution
        nullif(trim(manager), '') as manager,
        nullif(trim(warehouse), '') as warehouse,
        nullif(trim(channel), '') as sales_channel,
        nullif(trim(city), '') as city,

        -- dates
        date as sold_on,

        _file_id as source_file_id,
        _row_no as source_row_no

    from source

)

select * from renamed
