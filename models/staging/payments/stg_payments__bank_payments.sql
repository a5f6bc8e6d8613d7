with

source as (

    select * from {{ source('raw', 'payments_bank_payments') }}

),

renamed as (

    select
        -- ids
        trim(doc_no) as payment_doc_no,
        nullif(regexp_replace(coalesce(payer_inn, ''), '\D', '', 'g'), '') as payer_inn,
        nullif(trim(payer_name), '') as payer_name,
        -- the invoice paid: an explicit column, else "счет № 123" / "сч. 123" / "рахунок № 123" / "invoice 123"
        -- in the purpose; the word must start a word ("расчет" is no invoice) and the number hold a digit
        coalesce(
            nullif(trim(invoice_no), ''),
            nullif(regexp_extract(purpose, '(?i)(?:^|[^а-яёіїєa-z])(?:сч[её]т[уа]?|сч\.|рахун[ок][ку]?|invoice|inv\.?)\s*(?:на оплату\s*)?(?:№|n|no\.?|#)?\s*([A-Za-zА-Яа-я\-/]*[0-9][A-Za-zА-Яа-я0-9\-/]*)', 1), '')
        ) as invoice_no,

        -- money: incoming payments positive; an explicit debit marks an outgoing one
        case
            when lower(coalesce(direction, '')) similar to '.*(расход|списан|debit|дебет|витрат|outgoing|out).*' then -abs(amount)
            else amount
        end as amount,
        upper(nullif(trim(currency), '')) as currency,
        nullif(trim(purpose), '') as purpose,

        -- dates
        date as paid_on,

        _file_id as source_file_id,
        _row_no as source_row_no

    from source

)

select * from renamed
