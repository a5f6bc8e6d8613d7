import { useI18n } from '$lib/i18n/context.ts';
import { uploadText, type UploadMessageKey } from './messages.ts';

/** The upload page's text function in the reader's language (call during component setup). */
export function useUploadText(): (key: UploadMessageKey, vars?: Record<string, string | number>) => string {
	const i18n = useI18n();
	return (key, vars) => uploadText(i18n.locale, key, vars);
}

/** A file size for people: bytes, KB or MB. */
export function megabytes(bytes: number): string {
	if (bytes < 1024) return `${bytes} B`;
	if (bytes < 1024 * 1024) return `${Math.round((bytes / 1024) * 10) / 10} KB`;
	return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
}
