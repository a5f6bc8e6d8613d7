-- One row per distinct counterparty name written in any export, with the key names are
-- compared by: legal form, quotes, case, punctuation and word order removed, so
-- "ООО «Альфа»", "Альфа, ООО" and "ООО Альфа" all become "альфа".
with

counterparties as (

    select * from {{ ref('stg_crm__counterparties') }}

),

contacts as (

    select * from {{ ref('stg_crm__contacts') }}

),

sales as (

    select * from {{ ref('stg_accounting__sales') }}

),

invoices as (

    select * from {{ ref('stg_payments__invoices') }}

),

bank_payments as (

    select * from {{ ref('stg_payments__bank_payments') }}

),

deal_mentions as (

    select * from {{ ref('int_deal_mentions') }}

),

names as (

    select counterparty_name as raw_name from counterparties
    union
    select contact_name from contacts
    union
    select customer_name from sales
    union
    select customer_name from invoices
    union
    select payer_name from bank_payments where direction = 'incoming'
    union
    select raw_name from deal_mentions

),

-- Spelled-out legal forms become their abbreviation first, so one word list covers both.
abbreviated as (

    select
        raw_name,
        regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(
            fold_case(raw_name),
            'общество\s+с\s+ограниченной\s+ответственностью', ' ооо ', 'g'),
            '(публичное|открытое|закрытое|непубличное)?\s*акционерное\s+общество', ' ао ', 'g'),
            'индивидуальный\s+предприниматель', ' ип ', 'g'),
            'товариство\s+з\s+обмеженою\s+в[іi]дпов[іi]дальн[іi]стю', ' тов ', 'g'),
            'ф[іi]зична\s+особа\s*-?\s*п[іi]дприємець', ' фоп ', 'g'),
            'приватне\s+п[іi]дприємство', ' пп ', 'g'),
            'limited\s+liability\s+company', ' llc ', 'g') as abbreviated
    from names
    where raw_name is not null

),

words as (

    select
        raw_name,
        list_filter(
            string_split_regex(name_words(abbreviated), ' '),
            lambda w: w <> ''
        ) as words
    from abbreviated

),

keyed as (

    select
        raw_name,
        nullif(array_to_string(list_sort(list_filter(words, lambda w: not list_contains(
            ['ооо', 'оао', 'зао', 'пао', 'ао', 'нао', 'ип', 'чп', 'тоо', 'ано', 'нко', 'гуп', 'муп', 'фгуп', 'кфх',
             'тов', 'пп', 'фоп', 'прат', 'пат', 'ат', 'llc', 'ltd', 'inc', 'gmbh', 'jsc', 'ojsc', 'cjsc', 'plc', 'corp', 'co'],
            w
        ))), ' '), '') as name_key,
        case
            when list_has_any(words, ['ип', 'фоп', 'чп']) then 'sole_trader'
            when list_has_any(words, ['ооо', 'оао', 'зао', 'пао', 'ао', 'нао', 'тоо', 'ано', 'нко', 'гуп', 'муп', 'фгуп', 'кфх',
                                      'тов', 'пп', 'прат', 'пат', 'ат', 'llc', 'ltd', 'inc', 'gmbh', 'jsc', 'ojsc', 'cjsc', 'plc', 'corp'])
                then 'company'
            -- "Иванов Иван Иванович", "Петренко Олена Іванівна", "Анатолий Ильич Х." (a bank's
            -- payer): two or three words, one a patronymic
            when len(words) between 2 and 3
                and len(list_filter(words, lambda w: regexp_matches(w, '(ич|вна|ична|івна|оглы|кызы)$'))) > 0
                and not regexp_matches(raw_name, '\d')
                then 'person'
        end as name_kind
    from words

)

select * from keyed
