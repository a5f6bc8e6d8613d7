-- Won / lost / open is read from the words CRMs use for it: an explicit outcome column
-- first, else the stage name (amoCRM «Успешно реализовано» / «Закрыто и не реализовано»,
-- Bitrix24 «Сделка успешна» / «Сделка провалена» and a lead's «Некачественный лид»,
-- RetailCRM «Выполнен» / «Отменен», their Ukrainian counterparts, English Won / Lost).
-- Lost words are tried first: «не реализовано» and «некачественный» contain won words.
{%- set lost_words = "(lost|lose|closed lost|fail|проигр|отказ|не реализ|закрыто и не|не успеш|unsuccess|провал|некачествен|отмен|не выполн|програно|відмов|скасован|неякісн|не актуальн)" %}
{%- set won_words = "(won|win|success|успеш|успішн|выигр|виграно|реализовано|реалізовано|оплачен|выполнен|виконан|качественный лид|якісний лід)" %}
{%- set open_words = "(open|в работе|активн|in progress|в роботі)" %}
with

source as (

    select * from {{ source('raw', 'crm_deals') }}

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
    from source

),

renamed as (

    select
        -- ids
        trim(deal_id) as deal_id,
        nullif(trim(counterparty_id), '') as counterparty_id,

        -- deal
        nullif(trim(title), '') as deal_title,
        amount as deal_amount,
        nullif(trim(currency), '') as currency,
        nullif(trim(pipeline), '') as pipeline,
        trim(stage) as stage,
        outcome as deal_status,
        nullif(trim(lost_reason), '') as lost_reason,
        nullif(trim(product_category), '') as product_category,

        -- who it is for, as the export names them
        nullif(trim(company_name), '') as company_name,
        nullif(trim(contact_name), '') as contact_name,
        nullif(trim(contact_phone), '') as contact_phone_raw,
        nullif(lower(trim(contact_email)), '') as contact_email_raw,

        -- attribution
        nullif(trim(source), '') as source_channel,
        nullif(trim(manager), '') as manager,

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
