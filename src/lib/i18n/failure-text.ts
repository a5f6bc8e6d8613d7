import type { Locale } from './messages.ts';

/**
 * The reader's words for the error codes of /api. The server's messages are English and
 * precise (they name the column, the file, the limit): an English reader gets them as they
 * are; a Russian reader gets the sentence here, with the server's message as the details
 * unless the sentence carries it ({message}). {name} is what the caller names (a file).
 * Where the server words an error in Russian itself (a cost limit of an upload), it sends
 * `ru` and that sentence is used.
 */
const RU: Record<string, string> = {
	// uploads
	not_an_export: '«{name}» так прочитать нельзя: в файле нет нужных столбцов. Выберите другое или сопоставьте столбцы вручную.',
	unsupported_type: '«{name}» не читается: загрузите CSV, TSV, TXT или XLSX (старые книги .xls сохраните как .xlsx).',
	too_large: 'Файл больше допустимого размера: разделите его или положите в папку inbox для планировщика.',
	empty_file: 'Файл пустой.',
	no_file_name: 'У файла нет имени: выберите файл ещё раз.',
	upload_not_found: 'Загруженный файл больше не доступен (он уже загружен, отменён или хранился дольше суток): загрузите его снова.',
	network: 'Передача прервалась: проверьте соединение и попробуйте ещё раз.',
	mapping_incomplete: 'Сопоставлены не все обязательные поля: выберите столбец файла для каждого.',
	mapping_invalid: 'Такое сопоставление не подходит: каждое поле можно выбрать только для одного столбца.',
	mapping_header_not_found: 'В первых строках файла нет строки заголовка со всеми выбранными столбцами.',
	mapping_not_found: 'Этого сопоставления уже нет.',
	nothing_held: 'Подтверждать нечего: всё уже опубликовано.',
	// segments
	segment_not_found: 'Такого сегмента нет: возможно, его удалили или переименовали.',
	segment_exists: 'Сегмент с таким названием уже есть: откройте его или выберите другое название.',
	marts_missing: 'Данные для сегментов ещё не собраны: запустите сборку моделей (oborot build) или дождитесь планировщика и попробуйте снова.',
	bad_definition: 'Условия сегмента заданы неверно: {message}',
	bad_saved_definition: 'Сохранённый сегмент больше не читается: попросите администратора исправить или удалить его.',
	// dashboards
	bad_filter: 'Фильтр задан неверно: {message}',
	dashboard_not_found: 'Такого дашборда нет или он вам недоступен.',
	dashboard_invalid: 'В файле дашборда есть ошибки: {message}',
	query_not_found: 'В дашборде нет такого запроса.',
	drill_not_found: 'Этот показатель не раскрывается до записей.',
	query_failed: 'Запрос не выполнился: {message}',
	query_timeout: 'Запрос выполнялся слишком долго: сузьте период или фильтры и попробуйте снова.',
	// any route
	bad_request: 'Запрос составлен неверно: {message}',
	unauthenticated: 'Сеанс закончился: войдите снова.',
	forbidden: 'Для этого у вас недостаточно прав.',
	csrf: 'Страница устарела: обновите её и повторите.',
	not_found: 'Не найдено.',
	internal: 'Ошибка на сервере: {message}'
};

const OTHER_RU = 'Не получилось: {message}';

function fill(template: string, vars: Record<string, string>): string {
	return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? vars[name] : whole));
}

/** An ApiFailure, any Error, or a plain { code, message } from page data. */
function codeAndMessage(failure: unknown): { code: string | null; message: string; ru: string | null } {
	const fields = (failure ?? {}) as { code?: unknown; message?: unknown; ru?: unknown };
	return {
		code: typeof fields.code === 'string' ? fields.code : null,
		message: typeof fields.message === 'string' ? fields.message : String(failure),
		ru: typeof fields.ru === 'string' ? fields.ru : null
	};
}

/** What went wrong, for the reader: a sentence and, when there is more to tell, the details. */
export function failureText(locale: Locale, failure: unknown, vars: Record<string, string> = {}): { text: string; details: string | null } {
	const { code, message, ru } = codeAndMessage(failure);
	if (locale === 'en') return { text: message, details: null };
	if (ru) return { text: ru, details: null };
	const sentence = code && Object.hasOwn(RU, code) ? RU[code] : undefined;
	if (!sentence) return { text: fill(OTHER_RU, { message }), details: null };
	const carries = sentence.includes('{message}') || code === 'network';
	return { text: fill(sentence, { ...vars, message }), details: carries ? null : message };
}

/** The same on one line, for places without room for details. */
export function failureLine(locale: Locale, failure: unknown, vars: Record<string, string> = {}): string {
	const { text, details } = failureText(locale, failure, vars);
	return details ? `${text} (${details})` : text;
}
