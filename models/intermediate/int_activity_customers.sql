-- One row per CRM activity: the customer it concerns — through its counterparty, else
-- through its deal — and that counterparty record (legal entity); both null when neither
-- is known.
with

activities as (

    select * from {{ ref('stg_crm__activities') }}

),

codes as (

    select * from {{ ref('int_counterparty_codes') }}

),

customer_records as (

    select * from {{ ref('int_customer_records') }}

),

deal_customers as (

    select * from {{ ref('int_deal_customers') }}

),

resolved as (

    select
        activities.activity_id,
        coalesce(customer_records.customer_id, deal_customers.customer_id) as customer_id,
        case
            when customer_records.customer_id is not null then customer_records.record_id
            else deal_customers.legal_entity_id
        end as legal_entity_id
    from activities
    left join codes
        on activities.counterparty_id = codes.code
    left join customer_records
        on codes.record_id = customer_records.record_id
    left join deal_customers
        on activities.deal_id = deal_customers.deal_id

)

select * from resolved
