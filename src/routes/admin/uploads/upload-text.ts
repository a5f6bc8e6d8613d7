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

/** Error codes of the uploads API the page words itself (the server's text is English). */
const KNOWN_ERRORS = [
	'not_an_export',
	'unsupported_type',
	'too_large',
	'empty_file',
	'upload_not_found',
	'network',
	'mapping_incomplete',
	'mapping_invalid',
	'mapping_header_not_found',
	'mapping_not_found',
	'nothing_held'
] as const;

/**
 * What went wrong, for the reader: in English the server's own message; in Russian the
 * server's own Russian sentence when it sent one, else the page's text for the error code, with the server's message as the details (it names the
 * columns that were missing and the aliases tried).
 */
export function uploadErrorText(locale: 'ru' | 'en', failure: { code?: string; message: string; ru?: string }, name: string): { text: string; details: string | null } {
	if (locale === 'en') return { text: failure.message, details: null };
	if (failure.ru) return { text: failure.ru, details: null };
	const code = KNOWN_ERRORS.find((known) => known === failure.code);
	if (!code) return { text: uploadText(locale, 'error.other', { text: failure.message }), details: null };
	return { text: uploadText(locale, `error.${code}`, { name }), details: code === 'network' ? null : failure.message };
}
