-- One row per pair of resolved customers that may be one but were not merged: the same
-- corporate e-mail domain (public mail services excluded), or alike names in the same
-- city (see name_pairs). A person's exact namesake in the same city lands here too,
-- since a name alone never merges private persons.
with

keys as (

    select * from {{ ref('int_identity_keys') }}

),

customer_records as (

    select * from {{ ref('int_customer_records') }}

),

-- ============ shared corporate domain ============

customer_domains as (

    select distinct
        customer_records.customer_id,
        split_part(keys.key_value, '@', 2) as domain
    from keys
    inner join customer_records
        on keys.record_id = customer_records.record_id
    where keys.key_type = 'email'
        and keys.is_valid
        and split_part(keys.key_value, '@', 2) not in (
            {%- for domain in var('public_mail_domains') %}'{{ domain | lower }}'{{ ", " if not loop.last }}{% endfor -%}
        )

),

shared_domains as (

    select domain
    from customer_domains
    group by domain
    having count(*) between 2 and {{ var('identity_max_records_per_key') }}

),

domain_pairs as (

    select
        a.customer_id,
        b.customer_id as other_customer_id,
        'same_email_domain' as reason,
        a.domain as matched_value,
        null::double as similarity
    from customer_domains as a
    inner join customer_domains as b
        on a.domain = b.domain
        and a.customer_id < b.customer_id
    where a.domain in (select domain from shared_domains)

),

-- ============ similar names in one city ============

-- DuckDB's string distances count bytes; one Latin letter per Cyrillic letter makes a
-- typo in "снабтрейд" one edit, as in "snabtreyd".
customer_names as (

    select distinct
        customer_id,
        name_key,
        translate(name_key, 'абвгдежзийклмнопрстуфхцчшщъыьэюяіїєґ', 'abvgdejziyklmnoprstufhcCSWXYQEUAIJVG') as compare_key,
        city_key
    from customer_records
    where name_key is not null
        and city_key is not null
        and record_kind in ('company', 'person')

),

-- Only names sharing a word's first three letters in the same city are compared; a
-- block bigger than 200 names (a word every other firm uses) is skipped.
name_blocks as (

    select
        customer_id,
        name_key,
        compare_key,
        city_key,
        -- names are compared only with names of as many words
        len(string_split(compare_key, ' ')) as words,
        left(word, 3) as block
    from (select *, unnest(string_split(compare_key, ' ')) as word from customer_names)
    where length(word) >= 3

),

small_blocks as (

    select
        *
    from name_blocks
    qualify count(*) over (partition by city_key, block) <= 200

),

-- Alike (name_pairs): Jaro-Winkler of the whole names at least
-- var('identity_name_similarity'), and the same words (a person's namesake, never merged
-- on the name alone) or as many words all equal but one, that one a typing slip away
-- (one edit in a short word, two in a word of five letters or more).
candidate_pairs as (

    select distinct
        a.customer_id,
        b.customer_id as other_customer_id,
        a.city_key,
        a.name_key,
        b.name_key as other_name_key,
        a.compare_key,
        b.compare_key as other_compare_key
    from small_blocks as a
    inner join small_blocks as b
        on a.city_key = b.city_key
        and a.block = b.block
        and a.words = b.words
        and a.customer_id < b.customer_id
    where abs(length(a.compare_key) - length(b.compare_key)) <= 2

),

-- Jaro-Winkler first (cheap), the word lists only for the pairs that pass it: inside a
-- CASE, so the optimiser cannot run the list filters on every candidate.
name_pairs as (

    select
        customer_id,
        other_customer_id,
        'similar_name' as reason,
        name_key || ' ~ ' || other_name_key || ' @ ' || city_key as matched_value,
        jaro_winkler_similarity(compare_key, other_compare_key) as similarity
    from candidate_pairs
    where case
        when jaro_winkler_similarity(compare_key, other_compare_key) < {{ var('identity_name_similarity') }} then false
        -- the same words: a namesake
        when list_sort(string_split(compare_key, ' ')) = list_sort(string_split(other_compare_key, ' ')) then true
        -- one word each found in one name only, a typing slip apart
        else len(words_only_in(compare_key, other_compare_key)) = 1
            and len(words_only_in(other_compare_key, compare_key)) = 1
            and damerau_levenshtein(words_only_in(compare_key, other_compare_key)[1], words_only_in(other_compare_key, compare_key)[1])
                <= case when least(length(words_only_in(compare_key, other_compare_key)[1]), length(words_only_in(other_compare_key, compare_key)[1])) >= 5 then 2 else 1 end
    end

),

final as (

    select * from domain_pairs
    union all
    -- one row per pair of customers even when several of their names are alike
    select * from name_pairs
    qualify row_number() over (partition by customer_id, other_customer_id order by similarity desc, matched_value) = 1

)

select * from final
