-- One row per contact person of a resolved customer. Cards of the same person under one
-- customer (same name once case, punctuation and word order are ignored) are merged;
-- phones in E.164, e-mails validated, and an opt-out on any card carries to the person.
with

contacts as (

    select * from {{ ref('stg_crm__contacts') }}

),

codes as (

    select * from {{ ref('int_counterparty_codes') }}

),

customer_records as (

    select * from {{ ref('int_customer_records') }}

),

name_keys as (

    select * from {{ ref('int_counterparty_name_keys') }}

),

keys as (

    select * from {{ ref('int_identity_keys') }}

),

contact_customers as (

    select
        contacts.*,
        customer_records.customer_id,
        coalesce(name_keys.name_key, lower(contacts.contact_name)) as name_key
    from contacts
    -- a contact of a company through the company's code; a private client is its own record
    left join codes
        on contacts.counterparty_id = codes.code
    inner join customer_records
        on customer_records.record_id = coalesce(codes.record_id, 'contact:' || contacts.contact_id)
    left join name_keys
        on contacts.contact_name = name_keys.raw_name

),

grouped as (

    select
        *,
        min(contact_id) over (partition by customer_id, name_key) as merged_contact_id
    from contact_customers

),

contact_keys as (

    select
        grouped.merged_contact_id,
        list_sort(list_distinct(list(keys.key_value) filter (where keys.key_type = 'phone'))) as phones,
        list_sort(list_distinct(list(keys.key_value) filter (where keys.key_type = 'email'))) as emails
    from grouped
    inner join keys
        on keys.owner_id = 'contact:' || grouped.contact_id
    where keys.is_valid
        and keys.key_value is not null
        and keys.key_type in ('phone', 'email')
    group by 1

),

merged as (

    select
        merged_contact_id as contact_id,
        any_value(customer_id) as customer_id,
        -- ties on the moment go to the higher contact id, so two builds agree
        arg_max(contact_name, (coalesce(updated_at, created_at, timestamp '1900-01-01'), contact_id)) as contact_name,
        arg_max(contact_role, (coalesce(updated_at, created_at, timestamp '1900-01-01'), contact_id)) filter (where contact_role is not null) as contact_role,
        max(birthday) as birthday,
        bool_or(is_email_opt_out) as is_email_opt_out,
        bool_or(is_sms_opt_out) as is_sms_opt_out,
        bool_or(is_messenger_opt_out) as is_messenger_opt_out,
        bool_and(counterparty_id is null) as is_private_client,
        list_sort(list(contact_id)) as source_contact_ids,
        min(created_at) as created_at
    from grouped
    group by merged_contact_id

),

final as (

    select
        merged.contact_id,
        merged.customer_id,
        merged.contact_name,
        merged.contact_role,
        coalesce(contact_keys.phones, []) as phones,
        coalesce(contact_keys.emails, []) as emails,
        merged.birthday,
        merged.is_email_opt_out,
        merged.is_sms_opt_out,
        merged.is_messenger_opt_out,
        merged.is_private_client,
        merged.source_contact_ids,
        len(merged.source_contact_ids) > 1 as is_merged,
        merged.created_at
    from merged
    left join contact_keys
        on merged.contact_id = contact_keys.merged_contact_id

)

select * from final
