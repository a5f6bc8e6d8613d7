with

source as (

    select * from {{ source('raw', 'stock_balances') }}

),

renamed as (

    select
        -- ids
        trim(sku) as sku,
        trim(warehouse) as warehouse,
        blank_to_null(product_name) as product_name,

        -- quantities: a negative book balance (1C posted a sale before its receipt) is
        -- nothing on the shelf; the signed figure stays beside it
        greatest(qty, 0) as qty_on_hand,
        qty as qty_book,

        -- dates
        snapshot_date,

        _file_id as source_file_id,
        _row_no as source_row_no

    from source

)

select * from renamed
