-- Numbers as exports write them: INN, OGRN and phones with spaces, dashes and brackets.

-- The digits of a value, everything else dropped: "+7 (921) 555-12-34" → "79215551234".
create macro digits(value) as regexp_replace(value, '\D', '', 'g');

-- The digits, or null when there are none: an INN cell holding "—" or "нет" is no INN.
create macro digits_or_null(value) as nullif(digits(value), '');
