-- Won / lost / open is read from the words CRMs use for it: an explicit outcome column
-- first, else the stage name (amoCRM «Успешно реализовано» / «Закрыто и не реализовано»,
-- Bitrix24 «Сделка успешна» / «Сделка провалена» and a lead's «Некачественный лид»,
-- RetailCRM «Выполнен» / «Отменен», their Ukrainian counterparts, English Won / Lost).
-- Lost words are tried first: «не реализовано» and «некачественный» contain won words.
-- One row per deal: raw holds a deal's lines (a Bitrix24 export with «Товар» repeats the deal
-- once per product, with that product's sum in «Сумма»). The deal's own fields are read from
-- its first line, and its amount is the sum of its product lines when it has any (the deal's
-- total is not in such a file); stg_crm__deal_products keeps the lines.
{%- set lost_words = "(lost|lose|closed lost|fail|проигр|отказ|не реализ|закрыто и не|не успеш|unsuccess|провал|некачествен|отмен|не выполн|програно|відмов|скасован|неякісн|не актуальн)" %}
{%- set won_words = "(won|win|success|успеш|успішн|выигр|виграно|реализовано|реалізовано|оплачен|выполнен|виконан|качественный лид|якісний лід)" %}
{%- set open_words = "(open|в работе|активн|in progress|в роботі)" %}
with

source as (

    select * from {{ source('raw', 'crm_deals') }}

),

lines as (

    select
        *,
        blank_to_null(product_name) is not null as is_product_line,
        -- rows loaded before deals had lines carry no line number: each is the deal's only line
        row_number() over (partition by deal_id order by coalesce(line_no, 1), _row_no) as line_rank
    from source

),

with_totals as (

    select
        *,
        count(*) filter (where is_product_line) over (partition by deal_id) as product_lines,
        sum(amount) filter (where is_product_line) over (partition by deal_id) as products_amount
    from lines

),

deal_rows as (

    select * from with_totals where line_rank = 1

),

classified as (

    select
        *,
        case
            when lower(coalesce(status, '')) similar to '.*{{ lost_words }}.*' then 'lost'
            when lower(coalesce(status, '')) similar to '.*{{ won_words }}.*' then 'won'
            when lower(coalesce(status, '')) similar to '.*{{ open_words }}.*' then 'open'
            when lower(stage) similar to '.*{{ lost_words }}.*' then 'lost'
            when lower(stage) similar to '.*{{ won_words }}.*' then 'won'
            else 'open'
        end as outcome
    from deal_rows

),

renamed as (

    select
        -- ids
        trim(deal_id) as deal_id,
        blank_to_null(counterparty_id) as counterparty_id,

        -- deal
        blank_to_null(title) as deal_title,
        case when product_lines > 0 then products_amount else amount end::decimal(18, 2) as deal_amount,
        product_lines,
        blank_to_null(currency) as currency,
        blank_to_null(pipeline) as pipeline,
        trim(stage) as stage,
        outcome as deal_status,
        blank_to_null(lost_reason) as lost_reason,
        blank_to_null(product_category) as product_category,

        -- who it is for, as the export names them
        blank_to_null(company_name) as company_name,
        blank_to_null(contact_name) as contact_name,
        blank_to_null(contact_phone) as contact_phone_raw,
        lower(blank_to_null(contact_email)) as contact_email_raw,

        -- attribution
        blank_to_null(source) as source_channel,
        blank_to_null(manager) as manager,

        -- timestamps: a close date on a deal still open is a plan (Bitrix24), not a close
        created_at,
        case when outcome <> 'open' then closed_at end as closed_at,
        updated_at,
        first_response_at,

        _extra as extra_attributes,
        _file_id as source_file_id,
        _row_no as source_row_no

    from classified

)

select * from renamed
