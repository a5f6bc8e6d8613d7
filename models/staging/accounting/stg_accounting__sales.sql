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
        blank_to_null(counterparty_id) as counterparty_id,
        blank_to_null(customer_name) as customer_name,
        digits_or_null(customer_inn) as customer_inn,
        blank_to_null(sku) as sku,
        blank_to_null(product_name) as product_name,
        blank_to_null(category) as category,

        -- quantities and money: price and cost are derived when an export lacks them; a
        -- return's quantity, amount and cost are negative, its price positive
        qty,
        amount as revenue,
        coalesce(price, case when qty <> 0 then round(amount / qty, 2) end) as unit_price,
        coalesce(cost, case when profit is not null then amount - profit end) as cost,

        -- returns: goods coming back (a negative quantity), or a line of a document whose
        -- presentation names a return, as 1C reports write it in «Регистратор»/«Документ»
        -- («Возврат товаров от клиента ТД00-000012 от 20.03.2024 12:00:00»)
        qty < 0
            or regexp_matches(lower(trim(doc_no)), '^(возврат|повернення|return)|розничных возвратах|роздрібних повернень')
            as is_return,
        -- the document the line's document was based on: on a return, the sale it returns
        blank_to_null(basis_doc) as basis_doc,

        -- attribution
        blank_to_null(manager) as manager,
        blank_to_null(warehouse) as warehouse,
        blank_to_null(channel) as sales_channel,
        blank_to_null(city) as city,

        -- dates
        date as sold_on,

        _file_id as source_file_id,
        _row_no as source_row_no

    from source

)

select * from renamed
