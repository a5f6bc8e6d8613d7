with

source as (

    select * from {{ source('raw', 'stock_skus') }}

),

renamed as (

    select
        -- ids
        trim(sku) as sku,

        -- descriptors
        nullif(trim(name), '') as product_name,
        coalesce(nullif(trim(category), ''), 'Без категории') as category,
        nullif(trim(unit), '') as unit,
        nullif(trim(supplier), '') as supplier,

        -- money
        unit_cost,
        price as list_price,

        -- replenishment
        lead_time_days,
        min_order_qty,

        _file_id as source_file_id,
        _row_no as source_row_no

    from source

)

select * from renamed
