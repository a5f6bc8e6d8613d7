import type { ValueFormat } from '../dashboards/contract.ts';

/**
 * Numbers, money, percents and dates for the reader's locale: Russian by default
 * (1 234 567 ₽, 15.02.2024), English on request (₽1,234,567, 15 Feb 2024). Money is in
 * roubles whatever the UI language: the figures are the company's, not the reader's.
 */
export type FormatKind = ValueFormat;
export type FormatLocale = 'ru' | 'en';

const TAGS: Record<FormatLocale, string> = { ru: 'ru-RU', en: 'en-GB' };
export const CURRENCY = 'RUB';
const RU_MONTHS = ['янв', 'фев', 'мар', 'апр', 'май', 'июн', 'июл', 'авг', 'сен', 'окт', 'ноя', 'дек'];
export const EMPTY = '—';

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

function numberFormat(locale: FormatLocale, options: Intl.NumberFormatOptions): Intl.NumberFormat {
	const key = `n|${locale}|${JSON.stringify(options)}`;
	let format = cache.get(key) as Intl.NumberFormat | undefined;
	if (!format) cache.set(key, (format = new Intl.NumberFormat(TAGS[locale], options)));
	return format;
}

function dateFormat(locale: FormatLocale, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
	const key = `d|${locale}|${JSON.stringify(options)}`;
	let format = cache.get(key) as Intl.DateTimeFormat | undefined;
	if (!format) cache.set(key, (format = new Intl.DateTimeFormat(TAGS[locale], { timeZone: 'UTC', ...options })));
	return format;
}

/** 'YYYY-MM-DD' or 'YYYY-MM-DD HH:MM:SS' (what the API sends) as a UTC instant; null if not a date. */
export function parseWarehouseDate(value: unknown): Date | null {
	if (typeof value !== 'string') return null;
	const match = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?/.exec(value);
	if (!match) return null;
	const [, y, mo, d, h = '0', mi = '0', s = '0'] = match;
	return new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)));
}

function asNumber(value: unknown): number | null {
	if (typeof value === 'number') return Number.isFinite(value) ? value : null;
	if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
	return null;
}

function formatNumber(n: number, kind: FormatKind, locale: FormatLocale, compact: boolean): string {
	const notation = compact && Math.abs(n) >= 10_000 ? ('compact' as const) : undefined;
	switch (kind) {
		case 'money':
			return numberFormat(locale, {
				style: 'currency',
				currency: CURRENCY,
				currencyDisplay: 'narrowSymbol',
				notation,
				// Kopecks matter on small sums only; large ones read better rounded.
				minimumFractionDigits: !notation && Math.abs(n) < 100 && !Number.isInteger(n) ? 2 : 0,
				maximumFractionDigits: notation ? 1 : Math.abs(n) < 100 ? 2 : 0
			}).format(n);
		case 'percent':
		case 'percent_value':
			return numberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(kind === 'percent' ? n : n / 100);
		case 'integer':
			return numberFormat(locale, { notation, maximumFractionDigits: notation ? 1 : 0 }).format(n);
		case 'days':
			return locale === 'ru'
				? `${numberFormat(locale, { maximumFractionDigits: 1 }).format(n)}\u00a0дн.`
				: `${numberFormat(locale, { maximumFractionDigits: 1 }).format(n)} days`;
		default:
			return numberFormat(locale, { notation, maximumFractionDigits: notation ? 1 : 2 }).format(n);
	}
}

function formatDate(date: Date, kind: 'date' | 'month' | 'datetime', locale: FormatLocale): string {
	if (kind === 'month') {
		return locale === 'ru' ? `${RU_MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}` : dateFormat(locale, { month: 'short', year: 'numeric' }).format(date);
	}
	const day: Intl.DateTimeFormatOptions = locale === 'ru' ? { day: '2-digit', month: '2-digit', year: 'numeric' } : { day: 'numeric', month: 'short', year: 'numeric' };
	return dateFormat(locale, kind === 'datetime' ? { ...day, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } : day).format(date);
}

/** One value as the reader should see it; '—' for missing values. */
export function formatValue(value: unknown, kind: FormatKind, locale: FormatLocale, options: { compact?: boolean } = {}): string {
	if (value === null || value === undefined || value === '') return EMPTY;
	if (kind === 'date' || kind === 'month' || kind === 'datetime') {
		const date = parseWarehouseDate(value);
		return date ? formatDate(date, kind, locale) : String(value);
	}
	if (kind === 'text') return typeof value === 'object' ? JSON.stringify(value) : String(value);
	const n = asNumber(value);
	return n === null ? String(value) : formatNumber(n, kind, locale, options.compact ?? false);
}

/** The change from previous to current as a ratio (0.25 = +25 %); null when it cannot be told. */
export function changeRatio(current: unknown, previous: unknown): number | null {
	const c = asNumber(current);
	const p = asNumber(previous);
	if (c === null || p === null || p === 0) return null;
	return (c - p) / Math.abs(p);
}

export function formatChange(ratio: number, locale: FormatLocale): string {
	return numberFormat(locale, { style: 'percent', maximumFractionDigits: 1, signDisplay: 'exceptZero' }).format(ratio);
}

/**
 * A KPI's change against the previous period. A share (margin, conversion, plan achievement)
 * changes by percentage points — margin 20,4 % → 23,6 % is +3,2 п.п., not +15,7 % —, so
 * readers do not mistake a relative change for the difference they see; anything else by
 * its ratio to the previous value.
 */
export type KpiChange = { kind: 'ratio'; value: number } | { kind: 'points'; value: number };

export function kpiChange(current: unknown, previous: unknown, format: FormatKind): KpiChange | null {
	if (format === 'percent' || format === 'percent_value') {
		const c = asNumber(current);
		const p = asNumber(previous);
		if (c === null || p === null) return null;
		// percent holds fractions (0.236), percent_value holds points already (23.6)
		return { kind: 'points', value: format === 'percent' ? (c - p) * 100 : c - p };
	}
	const ratio = changeRatio(current, previous);
	return ratio === null ? null : { kind: 'ratio', value: ratio };
}

const POINTS_UNIT: Record<FormatLocale, string> = { ru: 'п.п.', en: 'pp' };

// Points are shown to 0.1: a change that shows as 0 is flat and carries no sign.
const shownPoints = (points: number) => Math.round(points * 10) / 10 || 0;

export function formatKpiChange(change: KpiChange, locale: FormatLocale): string {
	if (change.kind === 'ratio') return formatChange(change.value, locale);
	return `${numberFormat(locale, { maximumFractionDigits: 1, signDisplay: 'exceptZero' }).format(shownPoints(change.value))}\u00a0${POINTS_UNIT[locale]}`;
}

/** Up (1), down (−1) or flat (0), as the reader sees the change. */
export function changeDirection(change: KpiChange): -1 | 0 | 1 {
	return Math.sign(change.kind === 'points' ? shownPoints(change.value) : change.value) as -1 | 0 | 1;
}

/** A format for a column the dashboard did not describe, from its type. */
export function defaultFormat(kind: 'number' | 'text' | 'date' | 'timestamp' | 'boolean' | 'other', values: unknown[] = []): FormatKind {
	if (kind === 'date') return 'date';
	if (kind === 'timestamp') return 'datetime';
	if (kind === 'number') return values.every((v) => v === null || Number.isInteger(v)) ? 'integer' : 'number';
	return 'text';
}
