with

source as (

    select * from {{ source('raw', 'crm_contacts') }}

),

renamed as (

    select
        -- ids
        trim(contact_id) as contact_id,
        blank_to_null(counterparty_id) as counterparty_id,

        -- person: the whole name, else its parts in the Russian order (Фамилия Имя Отчество);
        -- a card with neither is shown as CRMs show it, by its e-mail, phone or id
        coalesce(
            blank_to_null(name),
            nullif(concat_ws(' ', blank_to_null(last_name), blank_to_null(first_name), blank_to_null(middle_name)), ''),
            lower(blank_to_null(email)),
            blank_to_null(phone),
            blank_to_null(phone_2),
            trim(contact_id)
        ) as contact_name,
        blank_to_null(last_name) as last_name,
        blank_to_null(first_name) as first_name,
        blank_to_null(middle_name) as middle_name,
        blank_to_null(role) as contact_role,
        blank_to_null(company_name) as company_name,
        blank_to_null(manager) as manager,
        birthday,

        -- contact details as written
        blank_to_null(phone) as phone_raw,
        blank_to_null(phone_2) as phone_2_raw,
        lower(blank_to_null(email)) as email_raw,

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
