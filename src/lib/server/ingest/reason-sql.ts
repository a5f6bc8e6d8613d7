import { quoteLiteral } from '../warehouse/index.ts';
import { humanDateFormat } from './date-formats.ts';
import { lineTooLong } from './ingest-limits.ts';
import type { ColumnType } from './types.ts';

/**
 * Why a row was quarantined, as two SQL text expressions built side by side: English
 * (audit.rejected_rows.reason, what the CLI prints) and Russian (reason_ru, what the
 * upload page and the data-quality dashboard show a Russian reader). Both are computed in
 * the same set-based statements, only for the rows that fail, so a load does no per-row
 * work for the translation.
 */
export interface ReasonSql {
	en: string;
	ru: string;
}

const both = (en: string, ru: string): ReasonSql => ({ en: quoteLiteral(en), ru: quoteLiteral(ru) });

/**
 * The failing column as each reader knows it: the canonical name and the file's header.
 * A value in a reason follows `: ` in «»; the data-quality dashboard masks those to group
 * reasons, so no other text after a colon may use «» (the Russian label comes before it).
 */
export function columnLabel(column: string, header: string): ReasonSql {
	return both(`${column} (${header})`, `столбец «${header}»`);
}

/** `label: text` for each language. */
export function labelledReason(label: ReasonSql, text: ReasonSql): ReasonSql {
	return { en: `${label.en} || ': ' || ${text.en}`, ru: `${label.ru} || ': ' || ${text.ru}` };
}

/** Why a non-empty cell gave no value (evaluated only for such rows); `number` is the SQL of the cell read leniently as DOUBLE. */
export function unreadableReason(type: ColumnType, cell: string, dateFormat: string, number: string): ReasonSql {
	const value = `'«' || left(trim(${cell}), 100) || '»'`;
	const withValue = (en: string, ru: string): ReasonSql => ({ en: `${en} || ${value}`, ru: `${ru} || ${value}` });
	switch (type) {
		case 'text':
			return both('unreadable text', 'нечитаемый текст');
		case 'number':
		case 'money':
			return withValue(
				`case when ${number} is not null then 'number out of range ' else 'not a number ' end`,
				`case when ${number} is not null then 'число вне допустимого диапазона ' else 'не число ' end`
			);
		case 'integer':
			return withValue(
				`case when ${number} is not null then 'not a whole number ' else 'not a number ' end`,
				`case when ${number} is not null then 'не целое число ' else 'не число ' end`
			);
		case 'date':
		case 'timestamp': {
			const date = type === 'date';
			return {
				en: `${quoteLiteral(date ? 'not a date ' : 'not a date/time ')} || ${value} || ${quoteLiteral(` (expected ${humanDateFormat(dateFormat)})`)}`,
				ru: `${quoteLiteral(date ? 'не дата ' : 'не дата и время ')} || ${value} || ${quoteLiteral(` (ожидается ${humanDateFormat(dateFormat, 'ru')})`)}`
			};
		}
		case 'boolean':
			return withValue(`'not a yes/no value '`, `'не да/нет '`);
	}
}

/** An empty cell where the entity needs a value (a key or a required column). */
export function missingReason(label: ReasonSql, isKey: boolean): ReasonSql {
	return isKey
		? { en: `'missing key ' || ${label.en}`, ru: `${label.ru} || ': не заполнен ключ'` }
		: { en: `'missing required value ' || ${label.en}`, ru: `${label.ru} || ': не заполнено обязательное поле'` };
}

/** A value under the column's minimum (e.g. a negative quantity). */
export function belowMinimumReason(label: ReasonSql, cell: string, min: number): ReasonSql {
	const value = `'«' || trim(${cell}) || '»'`;
	return labelledReason(label, { en: `${value} || ' is below the minimum ${min}'`, ru: `${value} || ' меньше минимума ${min}'` });
}

/** An earlier row of the same file with the same key; `lastRowNo` is the SQL of the row kept. */
export function duplicateReason(lastRowNo: string, key: string[]): ReasonSql {
	const keys = key.join(', ');
	return {
		en: `'duplicate of row ' || ${lastRowNo} || ${quoteLiteral(` (same ${keys}; the later row is kept)`)}`,
		ru: `'повтор строки ' || ${lastRowNo} || ${quoteLiteral(` (тот же ключ: ${keys}; оставлена более поздняя строка)`)}`
	};
}

/** A row whose version is older than the one raw already holds for its key. */
export function olderVersionReason(newVersion: string, keptVersion: string): ReasonSql {
	return {
		en: `'older than the row already loaded (version ' || ${newVersion} || ' < ' || ${keptVersion} || ')'`,
		ru: `'старее уже загруженной строки (версия ' || ${newVersion} || ' < ' || ${keptVersion} || ')'`
	};
}

/**
 * Why DuckDB's CSV reader refused a line (columns of its rejects table); `fields` is the SQL of
 * the line's field count. A reason is never NULL: an error without a message still says its type.
 */
export function csvRejectReason(fields: string, width: number, maxLineBytes: number): ReasonSql {
	const tooLong = lineTooLong(maxLineBytes);
	return {
		en: `case
		when error_type in ('TOO MANY COLUMNS', 'MISSING COLUMNS') then 'wrong number of fields: ' || ${fields} || ' instead of ' || ${width}
		when error_type = 'UNQUOTED VALUE' then 'unbalanced quotes'
		when error_type = 'LINE SIZE OVER MAXIMUM' then ${quoteLiteral(tooLong.en)}
		when error_type like 'INVALID%' then 'characters not valid in the file encoding'
		else coalesce(lower(error_type), 'unreadable line') || coalesce(': ' || error_message, '') end`,
		ru: `case
		when error_type in ('TOO MANY COLUMNS', 'MISSING COLUMNS') then 'неверное число полей: ' || ${fields} || ' вместо ' || ${width}
		when error_type = 'UNQUOTED VALUE' then 'незакрытые кавычки'
		when error_type = 'LINE SIZE OVER MAXIMUM' then ${quoteLiteral(tooLong.ru)}
		when error_type like 'INVALID%' then 'символы, недопустимые в кодировке файла'
		else 'ошибка чтения CSV (' || coalesce(lower(error_type), 'нечитаемая строка') || ')' || coalesce(': ' || error_message, '') end`
	};
}

/** The same text for a line the preview finds with a wrong field count (before DuckDB sees it). */
export function wrongFieldCount(fields: number, width: number): { en: string; ru: string } {
	return { en: `wrong number of fields: ${fields} instead of ${width}`, ru: `неверное число полей: ${fields} вместо ${width}` };
}
