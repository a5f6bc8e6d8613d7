-- Numbers as exports write them: INN, OGRN and phones with spaces, dashes and brackets.

-- The digits of a value, everything else dropped: "+7 (921) 555-12-34" → "79215551234".
create macro digits(value) as regexp_replace(value, '\D', '', 'g');

-- The digits, or null when there are none: an INN cell holding "—" or "нет" is no INN.
create macro digits_or_null(value) as nullif(digits(value), '');

-- Σ digit × weight over a list of digits, weights in order: the check-digit sums of INN,
-- OGRN and EDRPOU. weighted_digit_sum([7, 7, 0, 7], [2, 4, 10, 3]) = 14 + 28 + 0 + 21 = 63.
create macro weighted_digit_sum(digits, weights) as
    list_sum(list_transform(range(1, len(weights) + 1), lambda i: digits[i] * weights[i]));
