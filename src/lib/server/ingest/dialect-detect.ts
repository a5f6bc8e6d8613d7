import { parseHead, type HeadRecord } from './csv-head.ts';

export const DELIMITERS = [';', ',', '\t', '|'] as const;
const DELIMITER_SAMPLE = 64 * 1024;

export interface DelimiterGuess {
	delimiter: string;
	/** Share of records with the most common field count. */
	consistency: number;
	fields: number;
}

/**
 * The delimiter whose split gives the most consistent field count (above one) over the
 * head, quotes respected. Title lines of 1C exports lower every candidate alike; decimal
 * commas make "," inconsistent because the header row has none.
 */
export function detectDelimiter(text: string, complete: boolean): DelimiterGuess {
	// 64 KB hold a few hundred rows: enough to see the pattern, four times cheaper than the whole head.
	const sample = text.length > DELIMITER_SAMPLE ? text.slice(0, DELIMITER_SAMPLE) : text;
	const sampleComplete = complete && sample.length === text.length;
	let best: DelimiterGuess = { delimiter: ';', consistency: 0, fields: 1 };
	for (const delimiter of DELIMITERS) {
		const { records } = parseHead(sample, delimiter, sampleComplete);
		const counts = new Map<number, number>();
		for (const record of records) counts.set(record.fields.length, (counts.get(record.fields.length) ?? 0) + 1);
		let modeFields = 1;
		let modeCount = 0;
		for (const [fields, count] of counts) {
			if (fields > 1 && (count > modeCount || (count === modeCount && fields > modeFields))) {
				modeFields = fields;
				modeCount = count;
			}
		}
		const consistency = records.length ? modeCount / records.length : 0;
		if (consistency > best.consistency + 1e-9 || (Math.abs(consistency - best.consistency) < 1e-9 && modeFields > best.fields)) {
			best = { delimiter, consistency, fields: modeFields };
		}
	}
	return best;
}

const SPACES = /[\s\u00a0\u202f]/;
const CURRENCY = /(руб\.?|р\.|грн\.?|₽|\$|€|₴|\b(?:rub|usd|eur|uah)\b)/giu;

/** Strips currency marks, signs and brackets so only the digits and separators remain. */
function numericCore(value: string): string | null {
	const core = value
		.replace(CURRENCY, '')
		.replace(/[−–]/g, '-')
		.trim()
		.replace(/^\((.*)\)$/, '$1')
		.replace(/^[+-]/, '')
		.trim();
	return /^\d[\d\s\u00a0\u202f.,]*$/.test(core) ? core : null;
}

export interface NumberFormat {
	decimal: '.' | ',';
	/** Separators of thousands seen: ' ', '\u00a0', '\u202f', '.', ','. */
	thousands: string[];
	currencies: string[];
	/** True when values decided the decimal mark, false when it follows the delimiter. */
	evident: boolean;
}

/**
 * Decimal comma or dot from number samples: "12,5" or "1 000,50" say comma, "12.5" or
 * "1,000.50" say dot; "1,000" and "1.000" say nothing. Without evidence a ';'-separated
 * file is taken to use the comma (the Russian and Ukrainian default).
 */
export function detectNumberFormat(samples: string[], delimiter: string): NumberFormat {
	let comma = 0;
	let dot = 0;
	const thousands = new Set<string>();
	const currencies = new Set<string>();
	for (const value of samples) {
		for (const m of value.matchAll(CURRENCY)) currencies.add(m[0].toLowerCase());
		const core = numericCore(value);
		if (!core) continue;
		const compact = core.replace(/[\s\u00a0\u202f]/g, (s) => {
			thousands.add(s === '\u00a0' || s === '\u202f' ? s : ' ');
			return '';
		});
		const lastComma = compact.lastIndexOf(',');
		const lastDot = compact.lastIndexOf('.');
		if (lastComma >= 0 && lastDot >= 0) {
			if (lastComma > lastDot) {
				comma += 1;
				thousands.add('.');
			} else {
				dot += 1;
				thousands.add(',');
			}
		} else if (lastComma >= 0) {
			const digitsAfter = compact.length - lastComma - 1;
			const groups = compact.split(',').length - 1;
			if (digitsAfter !== 3 || groups > 1 || SPACES.test(core)) {
				if (groups > 1) {
					dot += 1;
					thousands.add(',');
				} else comma += 1;
			}
		} else if (lastDot >= 0) {
			const digitsAfter = compact.length - lastDot - 1;
			const groups = compact.split('.').length - 1;
			if (groups > 1) {
				comma += 1;
				thousands.add('.');
			} else if (digitsAfter !== 3 || SPACES.test(core)) dot += 1;
		}
	}
	const evident = comma !== dot;
	const decimal: '.' | ',' = evident ? (comma > dot ? ',' : '.') : delimiter === ',' ? '.' : ',';
	return { decimal, thousands: [...thousands], currencies: [...currencies], evident };
}

/** Non-empty values of one field over the data records (for per-column detection). */
export function columnSamples(records: HeadRecord[], index: number, limit = 2000): string[] {
	const out: string[] = [];
	for (const record of records) {
		const value = record.fields[index]?.trim();
		if (value) out.push(value);
		if (out.length >= limit) break;
	}
	return out;
}
