with

source as (

    select * from {{ source('raw', 'payments_invoices') }}

),

renamed as (

    select
        -- ids
        trim(invoice_no) as invoice_no,
        nullif(trim(counterparty_id), '') as counterparty_id,
        nullif(trim(deal_id), '') as deal_id,
        nullif(trim(customer_name), '') as customer_name,
        nullif(regexp_replace(coalesce(customer_inn, ''), '\D', '', 'g'), '') as customer_inn,

        -- money
        amount as invoice_amount,
        upper(nullif(trim(currency), '')) as currency,
        nullif(trim(manager), '') as manager,

        -- dates: without a due date an invoice is due on issue
        date as issued_on,
        coalesce(due_date, date) as due_on,

        _file_id as source_file_id,
        _row_no as source_row_no

    from source

)

select * from renamed
