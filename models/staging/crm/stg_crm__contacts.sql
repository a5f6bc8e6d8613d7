with

source as (

    select * from {{ source('raw', 'crm_contacts') }}

),

renamed as (

    select
        -- ids
        trim(contact_id) as contact_id,
        nullif(trim(counterparty_id), '') as counterparty_id,

        -- person
        nullif(trim(name), '') as contact_name,
        nullif(trim(role), '') as contact_role,
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
