-- One row per owner of identifiers: a counterparty record, or a contact person of a company
-- (contact:<id>, under the company's record), with the columns identifiers are read from.
-- A contact person's phones and e-mails feed dim_contact, not merges: it has no legal ids
-- and no name key.
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

record_owners as (

    select
        record_id as owner_id,
        'record' as owner_type,
        record_id,
        record_kind,
        inn,
        ogrn,
        edrpou,
        phone_raw,
        phone_2_raw,
        email_raw,
        name_key,
        city_key,
        birthday,
        delivery_address
    from records

),

contact_owners as (

    select
        'contact:' || contacts.contact_id as owner_id,
        'contact' as owner_type,
        codes.record_id,
        'person' as record_kind,
        null as inn,
        null as ogrn,
        null as edrpou,
        contacts.phone_raw,
        contacts.phone_2_raw,
        contacts.email_raw,
        null as name_key,
        company.city_key,
        contacts.birthday,
        null as delivery_address
    from contacts
    inner join codes
        on contacts.counterparty_id = codes.code
    left join records as company
        on codes.record_id = company.record_id

),

final as (

    select * from record_owners
    union all
    select * from contact_owners

)

select * from final
