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
        coalesce(blank_to_null(name), blank_to_null(legal_name), trim(counterparty_id)) as counterparty_name,
        blank_to_null(legal_name) as legal_name,
        case
            when lower(kind) similar to '.*(физ|фіз|person|private|individual|частн|приват).*' then 'person'
            when lower(kind) similar to '.*(юр|company|компан|организ|організ|ип|фоп|предпринимат|підприєм|business|b2b).*' then 'company'
            when length(digits(inn)) = 10 then 'company'
            when length(digits(edrpou)) = 8 then 'company'
            when blank_to_null(ogrn) is not null then 'company'
            else 'person'
        end as counterparty_kind,

        -- legal identifiers: digits only
        digits_or_null(inn) as inn,
        digits_or_null(ogrn) as ogrn,
        digits_or_null(edrpou) as edrpou,

        -- contact details as written (normalised in int_counterparty_identifiers)
        blank_to_null(phone) as phone_raw,
        blank_to_null(phone_2) as phone_2_raw,
        lower(blank_to_null(email)) as email_raw,

        -- place
        blank_to_null(city) as city,
        blank_to_null(address) as delivery_address,

        -- acquisition and ownership
        blank_to_null(source) as source_channel,
        blank_to_null(manager) as manager,

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
