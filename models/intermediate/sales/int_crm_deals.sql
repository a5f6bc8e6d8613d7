-- One row per CRM deal, conformed for the sales marts: the resolved customer and city,
-- and labels instead of blanks where a mart groups by the column (pipeline, source,
-- category). A deal without a manager keeps a null manager: unattended_leads lists it.
with

deals as (

    select * from {{ ref('stg_crm__deals') }}

),

deal_customers as (

    select * from {{ ref('int_deal_customers') }}

),

customers as (

    select * from {{ ref('int_customer_attributes') }}

),

conformed as (

    select
        -- ids
        deals.deal_id,
        deals.counterparty_id,
        deal_customers.customer_id,
        deal_customers.legal_entity_id,

        -- deal
        deals.deal_title,
        deals.deal_amount,
        coalesce(deals.pipeline, 'Без воронки') as pipeline,
        deals.stage as current_stage,
        deals.deal_status,
        deals.lost_reason,
        coalesce(deals.product_category, 'Без категории') as product_category,

        -- attribution
        coalesce(deals.source_channel, 'Не указан') as source_channel,
        deals.manager,
        customers.city,

        -- timestamps
        deals.created_at,
        date_trunc('month', deals.created_at)::date as created_month,
        deals.closed_at,
        deals.updated_at,
        deals.first_response_at

    from deals
    left join deal_customers
        on deals.deal_id = deal_customers.deal_id
    left join customers
        on deal_customers.customer_id = customers.customer_id

)

select * from conformed
