import { messages, type Locale, type MessageKey } from './messages.ts';

export type { Locale, MessageKey };

/** A message in the locale with {name} placeholders filled in. */
export function translate(locale: Locale, key: MessageKey, vars: Record<string, string | number> = {}): string {
	const text = messages[locale]?.[key] ?? messages.ru[key] ?? key;
	return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

/** Text from a dashboard file: a plain string, or {ru, en} with the other language as fallback. */
export function localizedText(value: string | { ru?: string; en?: string } | null | undefined, locale: Locale): string {
	if (value === null || value === undefined) return '';
	if (typeof value === 'string') return value;
	return value[locale] ?? value.ru ?? value.en ?? '';
}

export function asLocale(value: unknown): Locale {
	return value === 'en' ? 'en' : 'ru';
}
