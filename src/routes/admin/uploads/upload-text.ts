import { useI18n } from '$lib/i18n/context.ts';
import { uploadText, type UploadMessageKey } from './messages.ts';

/** The upload page's text function in the reader's language (call during component setup). */
export function useUploadText(): (key: UploadMessageKey, vars?: Record<string, string | number>) => string {
	const i18n = useI18n();
	return (key, vars) => uploadText(i18n.locale, key, vars);
}

/** A file size for people in the reader's language: bytes, KB or MB («1,5 МБ»). */
export function megabytes(bytes: number, locale: 'ru' | 'en'): string {
	const number = (value: number) => value.toLocaleString(locale === 'ru' ? 'ru-RU' : 'en-US', { maximumFractionDigits: 1 });
	if (bytes < 1024) return `${number(bytes)} ${uploadText(locale, 'unit.B')}`;
	if (bytes < 1024 * 1024) return `${number(bytes / 1024)} ${uploadText(locale, 'unit.KB')}`;
	return `${number(bytes / 1024 / 1024)} ${uploadText(locale, 'unit.MB')}`;
}
