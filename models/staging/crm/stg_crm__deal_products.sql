-- One row per product line of a deal: a Bitrix24 deals export with the «Товар» column
-- writes the deal once per product, with the product's price, quantity and its line sum in
-- «Сумма» (price × quantity). Lines without a product (a deal with no products, any other
-- deals export) are not product lines.
with

source as (

    select * from {{ source('raw', 'crm_deals') }}

),

renamed as (

    select
        -- ids
        trim(deal_id) as deal_id,
        coalesce(line_no, 1) as line_no,

        -- product
        trim(product_name) as product_name,
        product_price as unit_price,
        product_qty as quantity,
        amount as line_amount,
        blank_to_null(currency) as currency,

        _file_id as source_file_id,
        _row_no as source_row_no

    from source
    where blank_to_null(product_name) is not null

)

select * from renamed
