-- One row per sales line: which customer and legal entity it belongs to.
-- Lines carry a CRM/1C counterparty code, an INN or only a name; the first one
-- present identifies the counterparty record.
with

sales as (

    select * from {{ ref('stg_accounting__sales') }}

),

counterparties as (

    select * from {{ ref('stg_crm__counterparties') }}

),

resolved as (

    select
        sales.sales_line_id,
        coalesce(
            sales.counterparty_id,
            'inn:' || sales.customer_inn,
            'name:' || lower(trim(sales.customer_name)),
            'unknown'
        ) as customer_id,
        coalesce(sales.counterparty_id, 'inn:' || sales.customer_inn) as legal_entity_id,
        counterparties.source_channel as acquisition_channel,
        counterparties.city
    from sales
    left join counterparties
        on sales.counterparty_id = counterparties.counterparty_id

)

select * from resolved
