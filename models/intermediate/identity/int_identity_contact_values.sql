-- One row per phone or e-mail value written on an owner (a cell with several values split
-- on , ; or spaces for e-mails), with its kind: an e-mail typed into a phone column is an
-- e-mail, a number in the e-mail column is a phone; a value with neither has no kind.
with

owners as (

    select * from {{ ref('int_identity_owners') }}

),

contact_values as (

    select owner_id, owner_type, record_id, city_key, 'phone' as source_field, trim(unnest(string_split_regex(phone_raw, '[,;]+'))) as raw_value
    from owners where phone_raw is not null
    union all
    select owner_id, owner_type, record_id, city_key, 'phone_2', trim(unnest(string_split_regex(phone_2_raw, '[,;]+')))
    from owners where phone_2_raw is not null
    union all
    select owner_id, owner_type, record_id, city_key, 'email', trim(unnest(string_split_regex(email_raw, '[,;\s]+')))
    from owners where email_raw is not null

),

contact_kinds as (

    select
        *,
        case
            when raw_value like '%@%' then 'email'
            when source_field = 'email' and length(digits(raw_value)) >= 7 then 'phone'
            when source_field = 'email' then 'email'
            when regexp_matches(raw_value, '\d') then 'phone'
        end as value_kind
    from contact_values
    where raw_value <> ''

)

select * from contact_kinds
