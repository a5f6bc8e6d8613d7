-- One row per CRM deal: the customer and the counterparty record (legal entity) it is for;
-- both null for a deal with no counterparty.
with

deals as (

    select * from {{ ref('stg_crm__deals') }}

),

codes as (

    select * from {{ ref('int_counterparty_codes') }}

),

customer_records as (

    select * from {{ ref('int_customer_records') }}

),

resolved as (

    select
        deals.deal_id,
        customer_records.customer_id,
        customer_records.record_id as legal_entity_id
    from deals
    left join codes
        on deals.counterparty_id = codes.code
    left join customer_records
        on codes.record_id = customer_records.record_id

)

select * from resolved
