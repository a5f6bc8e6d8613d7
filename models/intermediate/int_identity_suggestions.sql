-- One row per pair of resolved customers that may be one but were not merged: the same
-- corporate e-mail domain (public mail services excluded), or names at least
-- var('identity_name_similarity') alike (Jaro-Winkler on the normalised name) in the
-- same city. A person's exact namesake in the same city lands here too, since a name
-- alone never merges private persons.
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

customer_names as (

    select distinct
        customer_id,
        name_key,
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
        city_key,
        left(word, 3) as block
    from (select *, unnest(string_split(name_key, ' ')) as word from customer_names)
    where length(word) >= 3

),

small_blocks as (

    select
        *
    from name_blocks
    qualify count(*) over (partition by city_key, block) <= 200

),

name_pairs as (

    select
        a.customer_id,
        b.customer_id as other_customer_id,
        'similar_name' as reason,
        a.name_key || ' ~ ' || b.name_key || ' @ ' || a.city_key as matched_value,
        max(jaro_winkler_similarity(a.name_key, b.name_key)) as similarity
    from small_blocks as a
    inner join small_blocks as b
        on a.city_key = b.city_key
        and a.block = b.block
        and a.customer_id < b.customer_id
    where abs(length(a.name_key) - length(b.name_key)) <= 4
        and jaro_winkler_similarity(a.name_key, b.name_key) >= {{ var('identity_name_similarity') }}
    group by all

),

final as (

    select * from domain_pairs
    union all
    -- one row per pair of customers even when several of their names are alike
    select * from name_pairs
    qualify row_number() over (partition by customer_id, other_customer_id order by similarity desc, matched_value) = 1

)

select * from final
