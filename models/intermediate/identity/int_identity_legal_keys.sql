-- One row per legal identifier written on a counterparty record: INN, OGRN(IP) or EDRPOU,
-- typed by its length (a value in the wrong column moves to the right kind) with its check
-- digits verified; "ИНН/КПП" in one cell keeps the INN.
with

owners as (

    select * from {{ ref('int_identity_owners') }}

),

legal_values as (

    select owner_id, owner_type, record_id, 'inn' as source_field, inn as raw_value from owners where inn is not null
    union all
    select owner_id, owner_type, record_id, 'ogrn', ogrn from owners where ogrn is not null
    union all
    select owner_id, owner_type, record_id, 'edrpou', edrpou from owners where edrpou is not null

),

legal_typed as (

    select
        *,
        -- "ИНН/КПП" in one cell: the INN is the first 10 (or 12) of 19 (or 21) digits
        case length(raw_value) when 19 then left(raw_value, 10) when 21 then left(raw_value, 12) else raw_value end as value
    from legal_values

),

legal_checked as (

    select
        owner_id,
        owner_type,
        record_id,
        source_field,
        raw_value,
        case length(value)
            when 8 then 'edrpou'
            when 10 then 'inn'
            when 12 then 'inn'
            when 13 then 'ogrn'
            when 15 then 'ogrn'
        end as key_type,
        value as key_value,
        case
            -- RU INN of an organisation: (Σ dᵢ·wᵢ mod 11) mod 10 = d₁₀; a UA РНОКПП (10 digits) has its own weights
            when length(value) = 10 and (source_field = 'edrpou' or upper('{{ var("default_country") }}') = 'UA')
                then (weighted_digit_sum(d, [-1, 5, 7, 9, 4, 6, 10, 5, 7]) % 11 + 11) % 11 % 10 = d[10]
            when length(value) = 10
                then weighted_digit_sum(d, [2, 4, 10, 3, 5, 9, 4, 6, 8]) % 11 % 10 = d[10]
            -- RU INN of a person or sole trader: two check digits
            when length(value) = 12
                then weighted_digit_sum(d, [7, 2, 4, 10, 3, 5, 9, 4, 6, 8]) % 11 % 10 = d[11]
                    and weighted_digit_sum(d, [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8]) % 11 % 10 = d[12]
            -- OGRN: the first 12 digits mod 11, mod 10; OGRNIP: the first 14 mod 13, mod 10
            when length(value) = 13 then left(value, 12)::bigint % 11 % 10 = d[13]
            when length(value) = 15 then left(value, 14)::bigint % 13 % 10 = d[15]
            -- EDRPOU: weights 1..7 (7,1..6 for codes between 30 and 60 million); a sum of 10 mod 11 retries with weights + 2
            when length(value) = 8 then (
                case
                    when weighted_digit_sum(d, [1, 2, 3, 4, 5, 6, 7]) % 11 < 10 and not (value::integer between 30000000 and 60000000)
                        then weighted_digit_sum(d, [1, 2, 3, 4, 5, 6, 7]) % 11
                    when not (value::integer between 30000000 and 60000000)
                        then weighted_digit_sum(d, [3, 4, 5, 6, 7, 8, 9]) % 11 % 10
                    when weighted_digit_sum(d, [7, 1, 2, 3, 4, 5, 6]) % 11 < 10
                        then weighted_digit_sum(d, [7, 1, 2, 3, 4, 5, 6]) % 11
                    else weighted_digit_sum(d, [9, 3, 4, 5, 6, 7, 8]) % 11 % 10
                end
            ) = d[8]
            else false
        end as is_valid
    from (
        select *, list_transform(string_split(value, ''), lambda c: c::integer) as d
        from legal_typed
    )

),

legal_keys as (

    select
        owner_id,
        owner_type,
        record_id,
        coalesce(key_type, source_field) as key_type,
        key_value,
        raw_value,
        source_field,
        is_valid,
        case
            when key_type is null then 'invalid_' || source_field || '_length'
            when not is_valid then 'invalid_' || key_type || '_checksum'
        end as problem
    from legal_checked

)

select * from legal_keys
