-- One row per resolved customer: what its records and deals say about it — canonical
-- name, kind, legal entities, phones, e-mails, city, first channel, manager, consent.
-- Facts (sales, payments) are added in dim_customer; int_sales_lines reads the channel and
-- city from here, so this model must not depend on sales.
with

customer_records as (

    select * from {{ ref('int_customer_records') }}

),

keys as (

    select * from {{ ref('int_identity_keys') }}

),

deals as (

    select * from {{ ref('stg_crm__deals') }}

),

deal_customers as (

    select * from {{ ref('int_deal_customers') }}

),

-- The canonical record: a CRM card before other sources, then the most complete, then the most recent.
ranked_records as (

    select
        *,
        row_number() over (
            partition by customer_id
            order by
                case source when 'crm' then 1 when 'crm_contact' then 2 else 3 end,
                (record_name is not null)::integer + (inn is not null)::integer + (phone_raw is not null)::integer
                    + (email_raw is not null)::integer + (city is not null)::integer + (delivery_address is not null)::integer desc,
                coalesce(updated_at, created_at, last_seen_on::timestamp) desc nulls last,
                record_id
        ) as canonical_rank
    from customer_records

),

valid_keys as (

    select
        customer_records.customer_id,
        keys.key_type,
        keys.key_value,
        keys.record_id,
        keys.source_field,
        coalesce(customer_records.updated_at, customer_records.created_at, customer_records.last_seen_on::timestamp) as record_changed_at,
        keys.record_id = canonical.record_id as on_canonical
    from keys
    inner join customer_records
        on keys.record_id = customer_records.record_id
    left join (select customer_id, record_id from ranked_records where canonical_rank = 1) as canonical
        on customer_records.customer_id = canonical.customer_id
    where keys.owner_type = 'record'
        and keys.is_valid
        and keys.key_value is not null

),

customer_keys as (

    select
        customer_id,
        list_sort(list_distinct(list(key_value) filter (where key_type = 'phone'))) as phones,
        list_sort(list_distinct(list(key_value) filter (where key_type = 'email'))) as emails,
        coalesce(
            min(key_value) filter (where key_type = 'inn' and on_canonical),
            min(key_value) filter (where key_type = 'inn')
        ) as inn,
        count(*) filter (where key_type in ('inn', 'ogrn', 'edrpou')) > 0 as has_valid_legal_id
    from valid_keys
    group by customer_id

),

-- The best phone (e-mail) of a customer — what exports write: the one named by the most
-- source records, then the one on the most recently changed record (updated, else created,
-- else last seen), then the one from the card's main field (phone over phone_2), then the
-- smallest. Plain aggregates over the contact keys only (no window sort over customers).
contact_records as (

    select
        customer_id,
        key_type,
        key_value,
        record_id,
        max(record_changed_at) as record_changed_at,
        bool_or(source_field = key_type) as from_main_field
    from valid_keys
    where key_type in ('phone', 'email')
    group by 1, 2, 3, 4

),

contact_votes as (

    select
        customer_id,
        key_type,
        key_value,
        count(*) as records_naming,
        max(record_changed_at) as last_changed_at,
        bool_or(from_main_field) as from_main_field
    from contact_records
    group by 1, 2, 3

),

best_contacts as (

    select
        customer_id,
        -- arg_min of a tuple: most records, latest change (none = oldest), main field, smallest value
        arg_min(key_value, (
            -records_naming,
            -epoch_us(coalesce(last_changed_at, timestamp '1900-01-01')),
            not from_main_field,
            key_value
        )) filter (where key_type = 'phone') as best_phone,
        arg_min(key_value, (
            -records_naming,
            -epoch_us(coalesce(last_changed_at, timestamp '1900-01-01')),
            not from_main_field,
            key_value
        )) filter (where key_type = 'email') as best_email
    from contact_votes
    group by customer_id

),

-- The source of the earliest record or deal that names a channel.
channel_events as (

    select customer_id, created_at as happened_at, source_channel as channel
    from customer_records
    where source_channel is not null
    union all
    select deal_customers.customer_id, deals.created_at, deals.source_channel
    from deals
    inner join deal_customers
        on deals.deal_id = deal_customers.deal_id
    where deals.source_channel is not null
        and deal_customers.customer_id is not null

),

first_channels as (

    select
        customer_id,
        -- ties (a card and its deal created the same second) go to the first channel by name
        arg_min(channel, (coalesce(happened_at, timestamp '9999-12-31'), channel)) as first_channel
    from channel_events
    group by customer_id

),

latest_deal_managers as (

    select
        deal_customers.customer_id,
        -- a deal without a creation date is taken as the oldest (a null would sort as the newest)
        arg_max(deals.manager, (coalesce(deals.created_at, timestamp '1900-01-01'), deals.deal_id)) as manager
    from deals
    inner join deal_customers
        on deals.deal_id = deal_customers.deal_id
    where deals.manager is not null
        and deal_customers.customer_id is not null
    group by deal_customers.customer_id

),

canonical_records as (

    select * from ranked_records where canonical_rank = 1

),

-- Unmapped CRM columns of every record, key by key: the most recently changed record that
-- fills a key wins it (an empty cell on a newer card does not erase an older value). Keys
-- are written in sorted order, so two builds give the same JSON text.
extra_values as (

    select
        customer_records.customer_id,
        extra.key,
        arg_max(
            extra.value,
            (coalesce(customer_records.updated_at, customer_records.created_at, timestamp '1900-01-01'), customer_records.record_id)
        ) as value
    from customer_records, json_each(customer_records.extra_attributes) as extra
    where customer_records.extra_attributes is not null
        and extra.type <> 'NULL'
        and extra.value::varchar <> '""'
    group by 1, 2

),

customer_extras as (

    select
        customer_id,
        to_json(map_from_entries(list_sort(list(struct_pack(k := key, v := value))))) as extra_attributes
    from extra_values
    group by customer_id

),

-- Lists are sorted after aggregation (list_sort on structs sorts by their first field):
-- ordered aggregates are many times slower on a million customers.
aggregated as (

    select
        customer_id,
        max(cluster_size) as record_count,
        case
            when bool_or(record_kind = 'company') then 'company'
            when bool_or(record_kind = 'person') then 'person'
            else 'anonymous'
        end as customer_kind,
        min(city) as some_city,
        arg_max(delivery_address, (coalesce(updated_at, created_at, last_seen_on::timestamp, timestamp '1900-01-01'), record_id)) filter (where delivery_address is not null) as latest_address,
        arg_max(manager, (coalesce(updated_at, created_at, timestamp '1900-01-01'), record_id)) filter (where manager is not null) as latest_record_manager,
        max(birthday) as any_birthday,
        bool_or(is_email_opt_out) as is_email_opt_out,
        bool_or(is_sms_opt_out) as is_sms_opt_out,
        bool_or(is_messenger_opt_out) as is_messenger_opt_out,
        list_sort(list(struct_pack(record_id, source, name := record_name, inn, ogrn, edrpou)) filter (where record_kind <> 'anonymous')) as legal_entities,
        list_sort(list(record_id)) as source_ids,
        min(first_seen_on) as first_seen_on,
        max(created_at)::date as last_record_created_on
    from customer_records
    group by customer_id

),

final as (

    select
        aggregated.customer_id,
        coalesce(canonical_records.record_name, 'ID ' || aggregated.customer_id) as customer_name,
        aggregated.customer_kind,
        aggregated.record_count,
        aggregated.legal_entities,
        aggregated.source_ids,
        customer_keys.inn,
        coalesce(customer_keys.has_valid_legal_id, false) as has_valid_legal_id,
        coalesce(customer_keys.phones, []) as phones,
        coalesce(customer_keys.emails, []) as emails,
        best_contacts.best_phone,
        best_contacts.best_email,
        coalesce(canonical_records.city, aggregated.some_city) as city,
        coalesce(canonical_records.delivery_address, aggregated.latest_address) as delivery_address,
        first_channels.first_channel,
        coalesce(canonical_records.manager, aggregated.latest_record_manager, latest_deal_managers.manager) as manager,
        aggregated.is_email_opt_out,
        aggregated.is_sms_opt_out,
        aggregated.is_messenger_opt_out,
        case when aggregated.customer_kind = 'person' then coalesce(canonical_records.birthday, aggregated.any_birthday) end as birthday,
        customer_extras.extra_attributes,
        aggregated.first_seen_on,
        aggregated.last_record_created_on
    from aggregated
    inner join canonical_records
        on aggregated.customer_id = canonical_records.customer_id
    left join customer_keys
        on aggregated.customer_id = customer_keys.customer_id
    left join first_channels
        on aggregated.customer_id = first_channels.customer_id
    left join latest_deal_managers
        on aggregated.customer_id = latest_deal_managers.customer_id
    left join customer_extras
        on aggregated.customer_id = customer_extras.customer_id
    left join best_contacts
        on aggregated.customer_id = best_contacts.customer_id

)

select * from final
