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
