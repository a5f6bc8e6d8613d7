-- Text as exports write it: padded, blank for "none", words run together by any spacing.

-- A cell that is empty or only spaces means no value.
create macro blank_to_null(value) as nullif(trim(value), '');

-- Trimmed, every run of whitespace one space: "Иван  Петров " → "Иван Петров".
create macro squish(value) as regexp_replace(trim(value), '\s+', ' ', 'g');

-- Lower case with ё read as е, as people type names either way: "Семён" → "семен".
create macro fold_case(value) as replace(lower(value), 'ё', 'е');

-- The letters and digits of a text as words one space apart, punctuation dropped:
-- "ул. Ленина, 5-а" → "ул Ленина 5 а". Names, cities and addresses are compared on it.
create macro name_words(value) as trim(regexp_replace(value, '[^\p{L}\p{N}]+', ' ', 'g'));

-- The words of a space-separated text that the other does not have, in order:
-- words_only_in('ооо ромашка плюс', 'ромашка') = ['ооо', 'плюс'].
create macro words_only_in(text, other) as
    list_filter(string_split(text, ' '), lambda w: not list_contains(string_split(other, ' '), w));

-- The number of a document as 1C presents it ("Реализация товаров и услуг ТД00-000123 от
-- 01.02.2024" → "ТД00-000123"); a value that is only a number comes back trimmed.
create macro document_number(value) as
    coalesce(nullif(regexp_extract(value, '(\S+)\s+(?:от|від)\s+\d{1,2}\.\d{1,2}\.\d{2,4}', 1), ''), trim(value));

-- An account as 1C's lists write it («40702810900000001234, ПАО Сбербанк»): the number (20
-- digits, or an IBAN) before the bank's name; anything else as written.
create macro account_number(value) as
    coalesce(nullif(regexp_extract(value, '^\s*([A-Za-z]{2}[0-9]{2}[A-Za-z0-9]{10,30}|[0-9]{20})\s*(,|$)', 1), ''), blank_to_null(value));
