with

source as (

    select * from {{ source('raw', 'crm_contacts') }}

),

renamed as (

    select
        -- ids
        trim(contact_id) as contact_id,
        nullif(trim(counterparty_id), '') as counterparty_id,

        -- person: the whole name, else its parts in the Russian order (Фамилия Имя Отчество);
        -- a card with neither is shown as CRMs show it, by its e-mail, phone or id
        coalesce(
            nullif(trim(name), ''),
            nullif(concat_ws(' ', nullif(trim(last_name), ''), nullif(trim(first_name), ''), nullif(trim(middle_name), '')), ''),
            nullif(lower(trim(email)), ''),
            nullif(trim(phone), ''),
            nullif(trim(phone_2), ''),
            trim(contact_id)
        ) as contact_name,
        nullif(trim(last_name), '') as last_name,
        nullif(trim(first_name), '') as first_name,
        nullif(trim(middle_name), '') as middle_name,
        nullif(trim(role), '') as contact_role,
        nullif(trim(company_name), '') as company_name,
        nullif(trim(manager), '') as manager,
        birthday,

        -- contact details as written
        nullif(trim(phone), '') as phone_raw,
        nullif(trim(phone_2), '') as phone_2_raw,
        nullif(lower(trim(email)), '') as email_raw,

        -- consent
        coalesce(opt_out_email, false) as is_email_opt_out,
        coalesce(opt_out_sms, false) as is_sms_opt_out,
        coalesce(opt_out_messenger, false) as is_messenger_opt_out,

        -- dates
        created_at,
        updated_at,

        _extra as extra_attributes,
        _file_id as source_file_id,
        _row_no as source_row_no

    from source

)

select * from renamed
