-- One row per counterparty record tied by the contact a deal names: a deal's contact record
-- and the one record whose contact cards bear that name share the name as a key.
with

records as (

    select * from {{ ref('int_counterparty_records') }}

),

contacts as (

    select * from {{ ref('stg_crm__contacts') }}

),

codes as (

    select * from {{ ref('int_counterparty_codes') }}

),

card_names as (

    select * from {{ ref('int_counterparty_name_keys') }}

),

-- Deal exports write the deal's contact as the CRM's card shows it (Bitrix24 «Контакт»,
-- amoCRM «Основной контакт», RetailCRM «Клиент»): the name ties a deal's contact record to
-- the one record whose contact cards bear that name — a private client's card, or the
-- company whose contact person it is. A name on cards of two records ties nothing, and no
-- two cards are ever compared by it (that stays the name-in-city rule of int_identity_name_keys).
contact_cards as (

    select
        coalesce(codes.record_id, 'contact:' || contacts.contact_id) as record_id,
        card_names.name_key
    from contacts
    inner join card_names
        on contacts.contact_name = card_names.raw_name
    left join codes
        on contacts.counterparty_id = codes.code
    where card_names.name_key is not null

),

single_record_names as (

    select
        name_key,
        min(record_id) as record_id
    from contact_cards
    group by name_key
    having count(distinct record_id) = 1

),

contact_name_keys as (

    select
        record_id as owner_id,
        'record' as owner_type,
        record_id,
        'contact_name' as key_type,
        name_key as key_value,
        name_key as raw_value,
        'contact_name' as source_field,
        true as is_valid,
        null::varchar as problem
    from single_record_names
    where name_key in (select name_key from records where record_id like 'deal:contact:%')

    union all

    select
        records.record_id,
        'record',
        records.record_id,
        'contact_name',
        records.name_key,
        records.name_key,
        'contact_name',
        true,
        null
    from records
    inner join single_record_names
        on records.name_key = single_record_names.name_key
    where records.record_id like 'deal:contact:%'

)

select * from contact_name_keys
