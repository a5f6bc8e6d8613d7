-- One row per record and merge key it shares with at least one other record: a valid
-- INN/OGRN/EDRPOU, a valid phone or e-mail, a name-in-city key, or a bank payer and the
-- one record whose invoices it paid. A phone, e-mail or name
-- on more records than var('identity_max_records_per_key') (a call centre, an
-- accountant's mailbox) is not a merge signal and is left out (dq_records lists it).
with

keys as (

    select * from {{ ref('int_identity_keys') }}

),

records as (

    select * from {{ ref('int_counterparty_records') }}

),

merge_keys as (

    select distinct
        record_id,
        key_type,
        key_value
    from keys
    where owner_type = 'record'
        and is_valid
        and key_value is not null
        and records_with_value >= 2
        and case
            when key_type in ('inn', 'ogrn', 'edrpou') then true
            -- the payer and the one record whose invoices it paid
            when key_type = 'paid_invoice' then records_with_value = 2
            else records_with_value <= {{ var('identity_max_records_per_key') }}
        end

),

-- Keys numbered in (key_type, key_value) order, so two builds of the same data number alike.
key_numbers as (

    select
        key_type,
        key_value,
        row_number() over (order by key_type, key_value)::integer as key_no
    from (select distinct key_type, key_value from merge_keys)

),

numbered as (

    select
        records.record_no,
        key_numbers.key_no,
        merge_keys.record_id,
        merge_keys.key_type,
        merge_keys.key_value
    from merge_keys
    inner join key_numbers
        on merge_keys.key_type = key_numbers.key_type
        and merge_keys.key_value = key_numbers.key_value
    inner join records
        on merge_keys.record_id = records.record_id

)

select * from numbered
