-- One row per e-mail address written on an owner: lower-cased, checked for a real address,
-- placeholders (no@, test@, example.com…) kept without a key.
with

contact_values as (

    select * from {{ ref('int_identity_contact_values') }}

),

email_parts as (

    select
        *,
        lower(regexp_replace(raw_value, '(?i)^mailto:', '')) as email
    from contact_values
    where value_kind = 'email'

),

email_keys as (

    select
        owner_id,
        owner_type,
        record_id,
        'email' as key_type,
        case when is_valid and not is_placeholder then email end as key_value,
        raw_value,
        source_field,
        is_valid and not is_placeholder as is_valid,
        case
            when not is_valid then 'invalid_email'
            when is_placeholder then 'placeholder_email'
            when source_field <> 'email' then 'email_in_phone'
        end as problem
    from (
        select
            *,
            regexp_full_match(email, '[\p{L}0-9._%+\-]+@([\p{L}0-9\-]+\.)+\p{L}{2,}') as is_valid,
            -- (mail@, info@, zakaz@ are real mailboxes of a firm, not placeholders)
            regexp_full_match(split_part(email, '@', 1), '(no|none|nomail|noemail|no-email|no_email|noreply|no-reply|donotreply|test\d*|нет|null|na|n/a|empty|unknown|example|x+|0+|1+|-+|a+|asd+|qwe\w*)')
                or split_part(email, '@', 2) in ('example.com', 'example.org', 'example.ru', 'test.com', 'test.ru', 'mail.test', 'domain.com', 'email.com', 'nomail.ru', 'noemail.com', 'none.ru', 'no.ru')
                as is_placeholder
        from email_parts
    )

)

select * from email_keys
