-- One row per bank statement line (a client-bank CSV row or a 1CClientBankExchange document)
-- with its direction and the party on the other side. Direction, by the first rule that applies:
--   1. the statement's own word (Вид операции «Поступление», «Списание», Debit/Credit …; 1C's
--      «Перевод на другой счет организации», «Поступление ДС с другого счета» → internal);
--   1a. the purpose «Перевод собственных средств» (or «… на другой счет организации», «между
--      счетами») → internal, unless the payer's and payee's INNs are both known and differ;
--   2. our account: the payee's account is one of the statement's own (statement_account) →
--      incoming, the payer's → outgoing, both → internal (between our own accounts);
--   3. our INN — the statement's own party (the INN on our side of the lines rule 2 decided in the
--      same file) or var('own_inns') — as payee → incoming, as payer → outgoing, both → internal;
--   4. the bank's booking date: only ДатаПоступило (credited) → incoming, only ДатаСписано → outgoing;
--   5. the sign: a negative amount is outgoing, anything else incoming (a CSV of receipts).
-- Amount is signed by direction: incoming positive, outgoing negative, internal as written.
-- (Windows over the file are no join: one source table is still all this model reads.)
{%- macro invoice_in_purpose() -%}
(?i)(?:^|[^а-яёіїєa-z0-9])(?:сч[её]т(?:у|а|ом|е|ам|ах)?(?:\s*-\s*фактур[а-яё]*)?|сч(?:\s*/\s*ф\.?|\.\s*-?\s*ф\.|\.)?|с/ф|рахун(?:ок|ку|ка|ком|ки)(?:\s*-\s*фактур[а-яіїє]*)?|рах\.?|invoice|inv\.?)\s*(?:на\s+оплату\s*)?(?:№|n|no\.?|#)?\s*([a-zа-яёіїє\-/]*[0-9][a-zа-яёіїє0-9\-/]*)(?:\s*,?\s*(?:от|від|from|dd)\s*([0-9]{1,2}[.][0-9]{1,2}[.][0-9]{2,4}))?
{%- endmacro %}

-- 1C's operations of outgoing and incoming bank documents, Russian and Ukrainian (БП 3.0's
-- ВидыОперацийСписаниеДенежныхСредств / …ПоступлениеДенежныхСредств, УТ 11's, ERP's and BAS's
-- ХозяйственныеОперации): how the word starts.
{%- macro operations_out() -%}
оплата поставщику|оплата постачальнику|оплата арендодателю|оплата орендодавцю|оплата по кредитам|оплата процентов|возврат покупателю|повернення покупцю|возврат (или иная оплата|оплаты) клиенту|повернення оплати клієнту|возврат займа контрагенту|возврат кредита|повернення кредиту|повернення позики контрагенту|выдача|видача|уплата|сплата|перечислени|перерахуван|снятие наличных|зняття готівки|комиссия банка|комісія банку|таможенный платеж|митний платіж
{%- endmacro %}
{%- macro operations_in() -%}
оплата от покупателя|оплата від покупця|оплата от факторинговой|возврат от поставщика|возврат или иное поступление от поставщика|повернення від постачальника|возврат займа контрагентом|погашение займа|повернення позики контрагентом|погашення позики|возврат от подотчетного|повернення від підзвітної|возврат налога|повернення податку|получение (займа|кредита)|отримання (позики|кредиту)|взнос наличными|внесення готівки|инкассация|інкасація
{%- endmacro %}
-- 1C's operations of a transfer between the company's own accounts (БП «Перевод на другой счет
-- организации», «Перевод с другого счета»; УТ 11 / ERP «Перечисление ДС на другой счет»,
-- «Поступление ДС с другого счета»; BAS «Переказ на інший рахунок», «Перерахування грошових
-- коштів на інший рахунок»), and the purposes that say so.
{%- macro operations_internal() -%}
(перевод|переказ)\s+(на\s+друг|с\s+друг|з\s+інш|на\s+інш|собственных|власних|между|між)|(перечисление|поступление|перерахування|надходження)\s+(дс|денежных\s+средств|грошових\s+коштів|коштів)\s+(на|с|з)\s+(друг|інш)
{%- endmacro %}
{%- macro purpose_internal() -%}
(^|[^а-яёіїєa-z])(перевод\s+собственных\s+средств|перевод\s+на\s+другой\s+сч[её]т\s+организации|перевод\s+(средств\s+)?между\s+(своими\s+|собственными\s+)?сч[её]тами|переказ\s+власних\s+коштів)
{%- endmacro %}
{%- macro own_inn_list(inns) -%}
{%- if inns | length -%}{% for inn in inns %}'{{ inn }}'{{ ", " if not loop.last }}{% endfor %}{%- else -%}null{%- endif -%}
{%- endmacro %}
{%- set own_inns = var('own_inns', []) %}
with

source as (

    select * from {{ source('raw', 'payments_bank_payments') }}

),

renamed as (

    select
        -- ids: the raw key, hashed (a number and date are not unique: each payer numbers its own documents)
        md5(concat_ws(chr(31), doc_no, date::varchar, payer_inn, payer_account, payee_account)) as payment_id,
        trim(doc_no) as payment_doc_no,
        blank_to_null(doc_kind) as doc_kind,

        -- parties: INN/EDRPOU digits ("0" is how banks write "none"), accounts as written
        blank_to_null(payer_name) as payer_name,
        case when not regexp_full_match(digits(payer_inn), '0*')
            then digits(payer_inn) end as payer_inn,
        account_number(payer_account) as payer_account,
        blank_to_null(payee_name) as payee_name,
        case when not regexp_full_match(digits(payee_inn), '0*')
            then digits(payee_inn) end as payee_inn,
        account_number(payee_account) as payee_account,
        -- the statement's accounts (РасчСчет, comma-separated), or 1C's «Банковский счет» of a list
        -- («40702810900000001234, ПАО Сбербанк»; УТ's «Расчетный в ПАО СБЕРБАНК» names no number)
        list_filter(
            list_transform(string_split(coalesce(statement_account, ''), ','), lambda a: trim(a)),
            lambda a: regexp_full_match(a, '[A-Za-z]{2}[0-9]{2}[A-Za-z0-9]{10,30}|[0-9]{5,34}')
        ) as own_accounts,

        -- the invoice paid: an explicit column, else the purpose: «по счету № 15 от 01.03.2024»,
        -- «сч. 124», «по счёту», «счет-фактуре № 18», Ukrainian «згідно рахунку № 7 від …», «invoice 5».
        -- The word must start a word («расчет» is no invoice), the number hold a digit, and a
        -- 20-digit number is a bank account («на счет 40702…»), not an invoice.
        coalesce(
            blank_to_null(invoice_no),
            nullif(regexp_replace(
                regexp_extract(purpose, '{{ invoice_in_purpose() }}', 1),
                '^[0-9]{20}$', ''), '')
        ) as invoice_no,
        -- (strptime's %Y would read «24» as the year 24: two-digit years get %y)
        case when blank_to_null(invoice_no) is null then
            case
                when regexp_matches(regexp_extract(purpose, '{{ invoice_in_purpose() }}', 2), '[.][0-9]{4}$')
                    then try_strptime(regexp_extract(purpose, '{{ invoice_in_purpose() }}', 2), '%d.%m.%Y')
                else try_strptime(regexp_extract(purpose, '{{ invoice_in_purpose() }}', 2), '%d.%m.%y')
            end::date
        end as invoice_date,

        -- the statement's own word for the direction: 1C's operation on a list of bank documents
        -- («Оплата поставщику» in БП's «Списания с расчетного счета», «Поступление оплаты от
        -- клиента» in УТ 11); else a word that starts one of these, or a mark alone (Д/К, D/C,
        -- Dr/Cr, +/−; debit and credit as the bank books our account). Operations both lists share
        -- («Расчеты по кредитам и займам», «Депозит») say nothing.
        case
            when regexp_matches(lower(trim(direction)), '^({{ operations_internal() }})') then 'internal'
            when regexp_matches(lower(trim(direction)), '^({{ operations_out() }})') then 'outgoing'
            when regexp_matches(lower(trim(direction)), '^({{ operations_in() }})') then 'incoming'
            when regexp_matches(lower(trim(direction)), '^(расчеты по|розрахунки по|прочие расчеты|інші розрахунки|депозит|личные средства|особисті кошти|перевод |переказ )') then null
            when regexp_matches(lower(direction), '(^|[^а-яёіїєa-z])(расход|списан|дебет|витрат|видат|debit|outgoing|withdraw)')
                or lower(trim(direction)) in ('д', 'd', 'dr', 'out', '-', '−') then 'outgoing'
            when regexp_matches(lower(direction), '(^|[^а-яёіїєa-z])(приход|прихід|поступ|зачисл|кредит|надходж|credit|incoming|deposit)')
                or lower(trim(direction)) in ('к', 'c', 'cr', 'in', '+') then 'incoming'
        end as stated_direction,

        -- money
        amount as amount_as_written,
        upper(blank_to_null(currency)) as currency,
        blank_to_null(purpose) as purpose,

        -- dates: the document's, and the days the bank debited or credited it
        date as doc_date,
        debited_on,
        credited_on,

        _file_id as source_file_id,
        _row_no as source_row_no

    from source

),

by_account as (

    select
        *,
        case
            when regexp_matches(lower(purpose), '{{ purpose_internal() }}')
                and not coalesce(payer_inn <> payee_inn, false) then 'internal'
        end as purpose_direction,
        case
            -- a payer or payee with our own INN on the other side is our account at another bank
            when list_contains(own_accounts, payer_account) and list_contains(own_accounts, payee_account) then 'internal'
            when (list_contains(own_accounts, payee_account) or list_contains(own_accounts, payer_account)) and payer_inn = payee_inn then 'internal'
            when list_contains(own_accounts, payee_account) then 'incoming'
            when list_contains(own_accounts, payer_account) then 'outgoing'
        end as account_direction
    from renamed

),

-- The statement's own party: the INN on our side of the lines our account decided, per file.
own_party as (

    select
        *,
        mode(case account_direction when 'incoming' then payee_inn when 'outgoing' then payer_inn end)
            over (partition by source_file_id) as statement_inn
    from by_account

),

by_inn as (

    select
        *,
        case
            when payer_inn = payee_inn and (payer_inn = statement_inn or payer_inn in ({{ own_inn_list(own_inns) }})) then 'internal'
            when payee_inn = statement_inn or payee_inn in ({{ own_inn_list(own_inns) }}) then 'incoming'
            when payer_inn = statement_inn or payer_inn in ({{ own_inn_list(own_inns) }}) then 'outgoing'
        end as inn_direction
    from own_party

),

directed as (

    select
        *,
        case
            when stated_direction is not null then 'stated'
            -- our accounts on both sides say internal before the purpose does
            when account_direction = 'internal' then 'own_account'
            when purpose_direction is not null then 'purpose'
            when account_direction is not null then 'own_account'
            when inn_direction is not null then 'own_inn'
            when (credited_on is null) <> (debited_on is null) then 'booking_date'
            else 'amount_sign'
        end as direction_basis,
        coalesce(
            stated_direction,
            purpose_direction,
            account_direction,
            inn_direction,
            case when credited_on is not null and debited_on is null then 'incoming' when debited_on is not null and credited_on is null then 'outgoing' end,
            case when amount_as_written < 0 then 'outgoing' else 'incoming' end
        ) as direction
    from by_inn

),

final as (

    select
        -- ids
        payment_id,
        payment_doc_no,
        doc_kind,
        direction,
        direction_basis,

        -- the other side: the payer of what came in, the payee of what went out (a CSV with one
        -- «Контрагент» column writes it as the payer either way)
        case direction when 'incoming' then payer_name else coalesce(payee_name, payer_name) end as counterparty_name,
        case direction when 'incoming' then payer_inn else coalesce(payee_inn, case when payee_name is null then payer_inn end) end as counterparty_inn,
        case direction when 'incoming' then payer_account else coalesce(payee_account, case when payee_name is null then payer_account end) end as counterparty_account,
        case
            when direction = 'incoming' and list_contains(own_accounts, payee_account) then payee_account
            when direction in ('outgoing', 'internal') and list_contains(own_accounts, payer_account) then payer_account
            when direction = 'internal' and list_contains(own_accounts, payee_account) then payee_account
            when len(own_accounts) = 1 then own_accounts[1]
        end as own_account,
        payer_name,
        payer_inn,
        payer_account,
        payee_name,
        payee_inn,
        payee_account,
        invoice_no,
        invoice_date,

        -- money
        case direction
            when 'incoming' then abs(amount_as_written)
            when 'outgoing' then -abs(amount_as_written)
            else amount_as_written
        end as amount,
        currency,
        purpose,

        -- dates: money moves on our account the day the bank books it
        case direction
            when 'incoming' then coalesce(credited_on, doc_date)
            when 'outgoing' then coalesce(debited_on, doc_date)
            else coalesce(debited_on, credited_on, doc_date)
        end as paid_on,
        doc_date,
        debited_on,
        credited_on,

        source_file_id,
        source_row_no

    from directed

)

select * from final
