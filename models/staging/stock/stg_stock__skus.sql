with

source as (

    select * from {{ source('raw', 'stock_skus') }}

),

renamed as (

    select
        -- ids
        trim(sku) as sku,

        -- descriptors
        blank_to_null(name) as product_name,
        coalesce(blank_to_null(category), 'Без категории') as category,
        blank_to_null(unit) as unit,
        blank_to_null(supplier) as supplier,

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
