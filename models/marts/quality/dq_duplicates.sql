-- One row per cluster of counterparty records: a merged customer with the records it was
-- built from and why each record joined (same INN, phone, e-mail, name in the city), or a
-- suggested group of customers that may be one (same corporate e-mail domain, similar
-- names in one city) which was left for a person to decide.
with

customer_records as (

    select * from {{ ref('int_customer_records') }}

),

links as (

    select * from {{ ref('int_identity_links') }}

),

suggestions as (

    select * from {{ ref('int_identity_suggestions') }}

),

record_cards as (

    select
        customer_id,
        record_id,
        struct_pack(record_id, customer_id, source, name := record_name, inn, city) as card
    from customer_records

),

-- ============ merged clusters ============

-- Each record is tied to the cluster's first record carrying the same key.
key_links as (

    select
        customer_records.customer_id,
        struct_pack(
            from_id := first_value(links.record_id) over by_key,
            to_id := links.record_id,
            reason := case links.key_type when 'name' then 'same_name_city' when 'paid_invoice' then 'paid_invoice' else 'same_' || links.key_type end,
            matched_value := links.key_value,
            similarity := null::double
        ) as link,
        links.record_id <> first_value(links.record_id) over by_key as is_link
    from links
    inner join customer_records
        on links.record_id = customer_records.record_id
    window by_key as (partition by links.key_no order by links.record_id)

),

merged as (

    select
        customer_id as group_id,
        'merged' as status,
        [customer_id] as customer_ids,
        list_sort(list_distinct(list(link.reason))) as reasons,
        list_sort(list(link)) as links
    from key_links
    where is_link
    group by customer_id

),

merged_records as (

    select
        merged.group_id,
        list_sort(list(record_cards.card)) as records
    from merged
    inner join record_cards
        on record_cards.customer_id = merged.group_id
    group by 1

),

-- ============ suggestions ============

suggested as (

    select
        case reason
            when 'same_email_domain' then 'domain:' || matched_value
            else 'name:' || customer_id || '~' || other_customer_id
        end as group_id,
        'suggested' as status,
        list_sort(list_distinct(flatten(list([customer_id, other_customer_id])))) as customer_ids,
        [any_value(reason)] as reasons,
        list_sort(list(struct_pack(
            from_id := customer_id,
            to_id := other_customer_id,
            reason := reason,
            matched_value := matched_value,
            similarity := similarity
        ))) as links
    from suggestions
    group by 1

),

suggested_members as (

    select
        group_id,
        unnest(customer_ids) as customer_id
    from suggested

),

suggested_records as (

    select
        suggested_members.group_id,
        list_sort(list(record_cards.card)) as records
    from suggested_members
    inner join record_cards
        on suggested_members.customer_id = record_cards.customer_id
    group by 1

),

unioned as (

    select merged.*, merged_records.records
    from merged
    inner join merged_records
        on merged.group_id = merged_records.group_id
    union all
    select suggested.*, suggested_records.records
    from suggested
    inner join suggested_records
        on suggested.group_id = suggested_records.group_id

),

final as (

    select
        group_id,
        status,
        reasons,
        customer_ids,
        len(records) as record_count,
        records,
        links
    from unioned

)

select * from final
