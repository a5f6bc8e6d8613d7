with

source as (

    select * from {{ source('raw', 'crm_counterparties') }}

),

renamed as (

    select
        -- ids
        trim(counterparty_id) as counterparty_id,

        -- names and kind: an export keyed by the name itself (Maven's accounts) has no
        -- other name column, so the id names the record
        coalesce(nullif(trim(name), ''), nullif(trim(legal_name), ''), trim(counterparty_id)) as counterparty_name,
        nullif(trim(legal_name), '') as legal_name,
        case
            when lower(kind) similar to '.*(физ|фіз|person|private|individual|частн|приват).*' then 'person'
            when lower(kind) similar to '.*(юр|company|компан|организ|організ|ип|фоп|предпринимат|підприєм|business|b2b).*' then 'company'
            when length(regexp_replace(coalesce(inn, ''), '\D', '', 'g')) = 10 then 'company'
            when length(regexp_replace(coalesce(edrpou, ''), '\D', '', 'g')) = 8 then 'company'
            when nullif(trim(ogrn), '') is not null then 'company'
            else 'person'
        end as counterparty_kind,

        -- legal identifiers: digits only
        nullif(regexp_replace(coalesce(inn, ''), '\D', '', 'g'), '') as inn,
        nullif(regexp_replace(coalesce(ogrn, ''), '\D', '', 'g'), '') as ogrn,
        nullif(regexp_replace(coalesce(edrpou, ''), '\D', '', 'g'), '') as edrpou,

        -- contact details as written (normalised in int_counterparty_identifiers)
        nullif(trim(phone), '') as phone_raw,
        nullif(trim(phone_2), '') as phone_2_raw,
        nullif(lower(trim(email)), '') as email_raw,

        -- place
        nullif(trim(city), '') as city,
        nullif(trim(address), '') as delivery_address,

        -- acquisition and ownership
        nullif(trim(source), '') as source_channel,
        nullif(trim(manager), '') as manager,

        -- consent: an export without the column means no opt-out was recorded
        coalesce(opt_out_email, false) as is_email_opt_out,
        coalesce(opt_out_sms, false) as is_sms_opt_out,
        coalesce(opt_out_messenger, false) as is_messenger_opt_out,

        -- dates
        birthday,
        created_at,
        updated_at,

        -- unmapped CRM columns, kept for the customer card
        _extra as extra_attributes,

        -- lineage
        _file_id as source_file_id,
        _row_no as source_row_no

    from source

)

select * from renamed
