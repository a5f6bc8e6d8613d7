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

        -- state: a cancelled invoice owes nothing (1C «Отменен», «Аннулирован», BAS «Анульовано»,
        -- «Скасовано», amoCRM and Bitrix24 «Отменён», «Отклонён», English Cancelled/Canceled/Void,
        -- RetailCRM's «cancel-…» codes): how the word starts
        nullif(trim(status), '') as invoice_status,
        coalesce(regexp_matches(lower(trim(status)), '^(отмен|аннулир|анулир|анульов|скасов|отклон|відхил|cancel|void)'), false) as is_cancelled,

        -- dates: without a due date an invoice is due on issue
        date as issued_on,
        coalesce(due_date, date) as due_on,

        _file_id as source_file_id,
        _row_no as source_row_no

    from source

)

select * from renamed
