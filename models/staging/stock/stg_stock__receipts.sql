with

source as (

    select * from {{ source('raw', 'stock_receipts') }}

),

renamed as (

    select
        -- ids
        trim(doc_no) as receipt_doc_no,
        line_no as receipt_line_no,
        trim(sku) as sku,
        trim(warehouse) as warehouse,
        blank_to_null(supplier) as supplier,

        -- quantities and money
        qty as qty_received,
        unit_cost,

        -- dates
        date as received_on,

        _file_id as source_file_id,
        _row_no as source_row_no

    from source

)

select * from renamed
