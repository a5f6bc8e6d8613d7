-- One row per identifier written on a counterparty record or a contact person: INN,
-- OGRN(IP), EDRPOU with check digits verified, phones in E.164 (local numbers completed
-- with the configured country and area code), e-mails, the name-in-city key records are
-- merged on, a bank payer and the records whose invoices it paid, and the contact card a
-- deal names. Values in the wrong column are moved to the right kind and flagged. Each kind
-- is read in its own model (int_identity_*_keys); here they meet, with how many records
-- carry each key.
with

legal_keys as (

    select * from {{ ref('int_identity_legal_keys') }}

),

payer_keys as (

    select * from {{ ref('int_identity_payer_keys') }}

),

contact_name_keys as (

    select * from {{ ref('int_identity_contact_name_keys') }}

),

phone_keys as (

    select * from {{ ref('int_identity_phone_keys') }}

),

email_keys as (

    select * from {{ ref('int_identity_email_keys') }}

),

name_keys as (

    select * from {{ ref('int_identity_name_keys') }}

),

unioned as (

    select * from legal_keys
    union all
    select * from payer_keys
    union all
    select * from contact_name_keys
    union all
    select * from phone_keys
    union all
    select * from email_keys
    union all
    select * from name_keys

),

-- How many records (not contact persons) carry each key: a value on very many is not a
-- merge signal. (A grouped count joined back: a windowed count(distinct) is far slower.)
key_counts as (

    select
        key_type,
        key_value,
        count(distinct record_id) as records_with_value
    from unioned
    where owner_type = 'record'
        and key_value is not null
    group by all

),

final as (

    select
        unioned.owner_id,
        unioned.owner_type,
        unioned.record_id,
        unioned.key_type,
        unioned.key_value,
        unioned.raw_value,
        unioned.source_field,
        unioned.is_valid,
        unioned.problem,
        case when unioned.key_value is not null then coalesce(key_counts.records_with_value, 0) end as records_with_value
    from unioned
    left join key_counts
        on unioned.key_type = key_counts.key_type
        and unioned.key_value = key_counts.key_value

)

select * from final
