-- One row per counterparty code seen in any export (CRM company ids, contact ids, 1C
-- codes on sales lines and invoices), with the source record it stands for: the CRM
-- counterparty, else a private client's contact card (or the company of a contact whose
-- id a deal carries), else a record known only by that code.
with

counterparties as (

    select * from {{ ref('stg_crm__counterparties') }}

),

contacts as (

    select * from {{ ref('stg_crm__contacts') }}

),

deals as (

    select * from {{ ref('stg_crm__deals') }}

),

activities as (

    select * from {{ ref('stg_crm__activities') }}

),

sales as (

    select * from {{ ref('stg_accounting__sales') }}

),

invoices as (

    select * from {{ ref('stg_payments__invoices') }}

),

codes_seen as (

    select counterparty_id as code, 'crm' as seen_in, 1 as priority from counterparties
    union all
    select counterparty_id, 'contacts', 2 from contacts where counterparty_id is not null
    union all
    select contact_id, 'contacts', 2 from contacts
    union all
    select counterparty_id, 'deals', 3 from deals where counterparty_id is not null
    union all
    select distinct counterparty_id, 'sales', 4 from sales where counterparty_id is not null
    union all
    select counterparty_id, 'invoices', 5 from invoices where counterparty_id is not null
    union all
    select distinct counterparty_id, 'activities', 6 from activities where counterparty_id is not null

),

codes as (

    select
        code,
        arg_min(seen_in, priority) as seen_in
    from codes_seen
    group by code

),

resolved as (

    select
        codes.code,
        case
            when counterparties.counterparty_id is not null then 'cp:' || codes.code
            when contacts.contact_id is not null and contacts.counterparty_id is null then 'contact:' || codes.code
            when contacts.contact_id is not null then 'cp:' || contacts.counterparty_id
            else 'cp:' || codes.code
        end as record_id,
        case
            when counterparties.counterparty_id is not null then 'counterparty'
            when contacts.contact_id is not null then 'contact'
            else 'code_only'
        end as resolved_via,
        codes.seen_in
    from codes
    left join counterparties
        on codes.code = counterparties.counterparty_id
    left join contacts
        on codes.code = contacts.contact_id

)

select * from resolved
