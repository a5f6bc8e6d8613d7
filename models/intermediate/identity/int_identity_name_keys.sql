-- One row per counterparty record whose name can merge it: a company's name key in its city
-- (or in the one city all records of that name lie in), a private person's only with the same
-- city and birthday or delivery address.
with

owners as (

    select * from {{ ref('int_identity_owners') }}

),

name_owners as (

    select *
    from owners
    where owner_type = 'record'
        and name_key is not null
        and record_kind in ('company', 'person')

),

single_city_names as (

    select
        name_key,
        record_kind,
        min(city_key) as only_city_of_name
    from name_owners
    group by all
    having min(city_key) = max(city_key)

),

name_cities as (

    select
        name_owners.*,
        single_city_names.only_city_of_name
    from name_owners
    left join single_city_names
        on name_owners.name_key = single_city_names.name_key
        and name_owners.record_kind = single_city_names.record_kind

),

name_keys as (

    select
        owner_id,
        owner_type,
        record_id,
        'name' as key_type,
        case
            when record_kind = 'company' then name_key || ' @ ' || coalesce(city_key, only_city_of_name, '')
            -- a private person's name merges only in the same city and with the same birthday or address
            when city_key is not null and birthday is not null then name_key || ' @ ' || city_key || ' # ' || birthday::varchar
            when city_key is not null and delivery_address is not null
                then name_key || ' @ ' || city_key || ' # ' || name_words(lower(delivery_address))
        end as key_value,
        name_key as raw_value,
        'name' as source_field,
        true as is_valid,
        null::varchar as problem
    from name_cities

),

-- a private person with neither birthday nor address, or without a city, has no name key
final as (

    select * from name_keys
    where key_value is not null

)

select * from final
