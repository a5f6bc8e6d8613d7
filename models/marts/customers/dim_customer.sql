-- One row per resolved customer (one customer per counterparty, whatever the number of
-- its cards, legal entities and spellings across CRM, 1C and the bank), with consent,
-- dead-soul flag and a completeness score.
with

customers as (

    select * from {{ ref('int_customer_attributes') }}

),

activity as (

    select * from {{ ref('int_customer_activity') }}

),

contacts as (

    select * from {{ ref('stg_crm__contacts') }}

),

codes as (

    select * from {{ ref('int_counterparty_codes') }}

),

customer_records as (

    select * from {{ ref('int_customer_records') }}

),

calendar as (

    select * from {{ ref('int_data_calendar') }}

),

contact_persons as (

    select
        customer_records.customer_id,
        count(*) as contact_persons
    from contacts
    inner join codes
        on contacts.counterparty_id = codes.code
    inner join customer_records
        on codes.record_id = customer_records.record_id
    group by 1

),

joined as (

    select
        customers.*,
        activity.first_purchase_on,
        activity.last_purchase_on,
        activity.purchase_docs,
        activity.last_return_on,
        activity.payments,
        activity.deals,
        activity.won_deals,
        calendar.as_of_date,
        greatest(
            activity.last_purchase_on,
            activity.last_return_on,
            activity.last_payment_on,
            activity.last_invoice_on,
            activity.last_deal_on,
            activity.last_activity_on,
            customers.last_record_created_on
        ) as last_touch_on,
        coalesce(contact_persons.contact_persons, 0) as contact_persons
    from customers
    left join activity
        on customers.customer_id = activity.customer_id
    left join contact_persons
        on customers.customer_id = contact_persons.customer_id
    cross join calendar

),

flagged as (

    select
        *,
        -- thin one-off: no valid INN/OGRN/EDRPOU, no contact person besides the card itself,
        -- never bought (no sales line — a return proves an earlier purchase —, incoming
        -- payment or won deal)
        not has_valid_legal_id
            and contact_persons = 0
            and purchase_docs = 0
            and last_return_on is null
            and payments = 0
            and won_deals = 0 as is_thin,
        last_touch_on is null
            or last_touch_on < as_of_date - {{ var('dead_soul_days') }}::integer as is_inactive
    from joined

),

final as (

    select
        -- ids
        customer_id,
        customer_name,
        customer_kind,
        record_count,
        coalesce(legal_entities, []) as legal_entities,
        source_ids,
        inn,

        -- reach
        phones,
        emails,
        best_phone,
        best_email,
        city,
        delivery_address,
        is_email_opt_out,
        is_sms_opt_out,
        is_messenger_opt_out,
        contact_persons,

        -- acquisition and ownership
        first_channel,
        manager,
        birthday,

        -- purchases and activity
        first_purchase_on,
        last_purchase_on,
        purchase_docs,
        deals,
        first_seen_on,
        last_touch_on,

        -- quality
        customer_kind <> 'anonymous' and (is_thin or is_inactive) as is_dead_soul,
        customer_kind <> 'anonymous' and is_inactive as is_inactive,
        customer_kind <> 'anonymous' and is_thin as is_thin_one_off,
        case
            when customer_kind = 'anonymous' then null
            when is_thin then 'thin_one_off'
            when is_inactive then 'inactive'
        end as dead_soul_reason,
        -- name 15, INN/OGRN/EDRPOU (a person: birthday or INN) 20, phone 15, e-mail 15,
        -- city 10, delivery address 10, manager 5, first channel 10
        (15 * (customer_name not like 'ID %')::integer
            + 20 * (has_valid_legal_id or (customer_kind = 'person' and birthday is not null))::integer
            + 15 * (len(phones) > 0)::integer
            + 15 * (len(emails) > 0)::integer
            + 10 * (city is not null)::integer
            + 10 * (delivery_address is not null)::integer
            + 5 * (manager is not null)::integer
            + 10 * (first_channel is not null)::integer)::integer as completeness_score,
        extra_attributes

    from flagged

)

select * from final
