-- One row per CRM deal that names its customer instead of carrying a counterparty code: the
-- name the export writes and, for a contact, the phone and e-mail beside it. amoCRM,
-- Bitrix24 and RetailCRM deal exports write the company's title and the contact's name, not
-- their ids. The company speaks for the deal when there is one; the contact's phone and
-- e-mail go with the contact only (on a company's deal they are one employee's, not the
-- firm's). int_counterparty_mentions turns these into records identity resolution merges;
-- int_deal_customers finds each deal's customer through them.
with

deals as (

    select * from {{ ref('stg_crm__deals') }}

),

named as (

    select
        deal_id,
        case when company_name is not null then 'company' else 'contact' end as mentioned_as,
        coalesce(company_name, contact_name) as raw_name,
        case when company_name is null then contact_phone_raw end as phone_raw,
        case when company_name is null then contact_email_raw end as email_raw,
        -- the dates the deal shows; an export without them leaves the mention undated
        coalesce(created_at, updated_at, closed_at)::date as first_on,
        greatest(created_at, updated_at, closed_at)::date as last_on
    from deals
    where counterparty_id is null
        and (company_name is not null or contact_name is not null or contact_phone_raw is not null or contact_email_raw is not null)

)

select * from named
