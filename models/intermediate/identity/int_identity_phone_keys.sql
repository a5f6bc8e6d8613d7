-- One row per phone number written on an owner, in E.164 when it is a dialable number:
-- national numbers of the configured country (default_country) completed with its calling
-- code, local ones of the configured city with its area code (default_area_code).
with

contact_values as (

    select * from {{ ref('int_identity_contact_values') }}

),

-- How national numbers of the configured country are written.
dialling as (

    select *
    from (values
        ('RU', '7', 10, '8'),
        ('KZ', '7', 10, '8'),
        ('UA', '380', 9, '0'),
        ('BY', '375', 9, '80')
    ) as plans (country, calling_code, national_length, trunk_prefix)
    where country = upper('{{ var("default_country") }}')

),

phone_parts as (

    select
        contact_values.*,
        dialling.calling_code as cc,
        dialling.national_length as nsn,
        dialling.trunk_prefix as trunk,
        -- the default area code completes local numbers of its own city (or of records with no city)
        case
            when contact_values.city_key is null
                or contact_values.city_key = name_words(fold_case('{{ var("default_city", "") }}'))
                or '{{ var("default_city", "") }}' = ''
                then digits('{{ var("default_area_code") }}')
            else ''
        end as area,
        regexp_matches(raw_value, '^\s*\+') as has_plus,
        -- an extension ("доб. 123") is not part of the number
        digits(regexp_replace(raw_value, '(?i)\s*(доб|ext|вн|x)\.?\s*\d{1,5}\s*$', '')) as d
    from contact_values
    left join dialling
        on true
    where value_kind = 'phone'

),

phone_e164 as (

    select
        *,
        case
            -- "+8 812 …" is a common slip for +7
            when has_plus and cc = '7' and length(d) = 11 and starts_with(d, '8') then '+7' || right(d, 10)
            when has_plus then '+' || d
            when d like '00%' and length(d) > 10 then '+' || substr(d, 3)
            when cc = '7' and length(d) = 11 and left(d, 1) in ('7', '8') then '+7' || right(d, 10)
            when cc in ('380', '375') and length(d) = 12 and starts_with(d, cc) then '+' || d
            when cc = '380' and length(d) = 11 and starts_with(d, '80') then '+3' || d
            -- the neighbour's national format, which cannot be the default country's:
            -- "068 119-84-45" (UA, trunk 0) in a RU export, "8 921 …" (RU) in a UA one
            when cc <> '380' and length(d) = 10 and starts_with(d, '0') then '+38' || d
            when cc = '380' and length(d) = 11 and regexp_matches(d, '^[78][1-9]') then '+7' || right(d, 10)
            when length(d) = nsn + length(trunk) and starts_with(d, trunk) then '+' || cc || substr(d, length(trunk) + 1)
            when length(d) = nsn then '+' || cc || d
            -- "555-12-34" in a city whose area code is configured
            when area <> '' and length(d) = nsn - length(area) then '+' || cc || area || d
        end as e164
    from phone_parts

),

phone_keys as (

    select
        owner_id,
        owner_type,
        record_id,
        'phone' as key_type,
        case when is_valid then e164 end as key_value,
        raw_value,
        source_field,
        is_valid,
        case
            when not is_valid and area = '' and length(d) between 5 and 7 then 'local_phone_without_area_code'
            when not is_valid then 'invalid_phone'
            when source_field = 'email' then 'phone_in_email'
        end as problem
    from (
        select
            *,
            coalesce(
                length(e164) between 9 and 16
                -- the same digit over and over is a placeholder, not a number
                and length(replace(substr(e164, 2), substr(e164, 2, 1), '')) > 0
                and case
                    when e164 like '+7%' then length(e164) = 12 and substr(e164, 3, 1) between '3' and '9'
                    when e164 like '+380%' then length(e164) = 13 and substr(e164, 5, 1) <> '0'
                    when e164 like '+375%' then length(e164) = 13
                    else true
                end,
                false
            ) as is_valid
        from phone_e164
    )

)

select * from phone_keys
