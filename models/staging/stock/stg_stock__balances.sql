with

source as (

    select * from {{ source('raw', 'stock_balances') }}

),

renamed as (

    select
        -- ids
        trim(sku) as sku,
        trim(warehouse) as warehouse,
        nullif(trim(product_name), '') as product_name,

        -- quantities
        qty as qty_on_hand,

        -- dates
        snapshot_date,

        _file_id as source_file_id,
        _row_no as source_row_no

    from source

)

select * from renamed
