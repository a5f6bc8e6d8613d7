-- One row per resolved customer with everything Customer 360's search box matches, in the
-- form the match needs: names lower-cased in one text, phones as bare digits, INNs and
-- e-mails as lists. Searching a million customers then scans one text column instead of
-- lower-casing names and stripping every phone of every customer and contact per keystroke.
with

customers as (

    select * from {{ ref('dim_customer') }}

),

contacts as (

    select * from {{ ref('dim_contact') }}

),

contact_terms as (

    select
        customer_id,
        string_agg(contact_name, chr(10) order by contact_id) as contact_names,
        flatten(list(phones order by contact_id)) as phones,
        flatten(list(emails order by contact_id)) as emails
    from contacts
    group by customer_id

),

final as (

    select
        customers.customer_id,
        -- newline-separated so a typed word never matches across two names
        lower(concat_ws(
            chr(10),
            customers.customer_name,
            array_to_string(list_transform(customers.legal_entities, e -> e.name), chr(10)),
            contact_terms.contact_names
        )) as search_names,
        list_distinct(list_filter(list_prepend(customers.inn, list_transform(customers.legal_entities, e -> e.inn)), i -> i is not null)) as search_inns,
        list_distinct(list_transform(list_concat(customers.emails, coalesce(contact_terms.emails, [])), m -> lower(m))) as search_emails,
        -- space-separated digits of every phone: a number's tail matches inside one phone only
        ' ' || array_to_string(
            list_distinct(list_transform(list_concat(customers.phones, coalesce(contact_terms.phones, [])), p -> digits(p))),
            ' '
        ) || ' ' as search_phone_digits
    from customers
    left join contact_terms
        on customers.customer_id = contact_terms.customer_id

)

select * from final
