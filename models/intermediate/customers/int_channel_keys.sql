-- One row per way a channel is spelled in the exports — marketing spend, CRM deal sources,
-- the channel on sales orders — with the key channels are matched on across them: lower
-- case, trimmed, inner spaces collapsed, so «Яндекс  Директ » and «яндекс директ» are one.
with

marketing_spend as (

    select * from {{ ref('stg_accounting__marketing_spend') }}

),

deals as (

    select * from {{ ref('int_crm_deals') }}

),

orders as (

    select * from {{ ref('int_customer_orders') }}

),

spellings as (

    select channel from marketing_spend
    union
    select source_channel from deals
    union
    select channel from orders

),

final as (

    select
        channel,
        lower(squish(channel)) as channel_key
    from spellings
    where channel is not null

)

select * from final
