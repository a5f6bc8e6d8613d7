/**
 * A strptime date format as people write it, for rejection reasons and the upload page
 * ("expected dd.mm.yyyy", «ожидается ДД.ММ.ГГГГ»).
 */
export function humanDateFormat(format: string, locale: 'en' | 'ru' = 'en'): string {
	const [d, m, y, h, mi, ss] = locale === 'ru' ? ['ДД', 'ММ', 'ГГ', 'чч', 'мм', 'сс'] : ['dd', 'mm', 'yy', 'hh', 'mi', 'ss'];
	return format
		.replace('%d', d)
		.replace('%m', m)
		.replace('%Y', y + y)
		.replace('%y', y)
		.replace('%H', h)
		.replace('%M', mi)
		.replace('%S', ss)
		.replace('.%f', '.ffffff');
}
