with

source as (

    select * from {{ source('raw', 'payments_invoices') }}

),

renamed as (

    select
        -- ids
        trim(invoice_no) as invoice_no,
        blank_to_null(counterparty_id) as counterparty_id,
        blank_to_null(deal_id) as deal_id,
        blank_to_null(customer_name) as customer_name,
        digits_or_null(customer_inn) as customer_inn,

        -- money
        amount as invoice_amount,
        upper(blank_to_null(currency)) as currency,
        blank_to_null(manager) as manager,

        -- state: a cancelled invoice owes nothing (1C «Отменен», «Аннулирован», BAS «Анульовано»,
        -- «Скасовано», amoCRM and Bitrix24 «Отменён», «Отклонён», English Cancelled/Canceled/Void,
        -- RetailCRM's «cancel-…» codes): how the word starts
        blank_to_null(status) as invoice_status,
        coalesce(regexp_matches(lower(trim(status)), '^(отмен|аннулир|анулир|анульов|скасов|отклон|відхил|cancel|void)'), false) as is_cancelled,

        -- dates: without a due date an invoice is due on issue
        date as issued_on,
        coalesce(due_date, date) as due_on,

        _file_id as source_file_id,
        _row_no as source_row_no

    from source

)

select * from renamed
