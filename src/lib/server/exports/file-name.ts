import type { ExportChannel } from '../segments/index.ts';

/** «Спящие клиенты-email-2026-11-23.csv»: the segment, the channel and the day, safe on every file system. */
export function exportFileName(segment: string, channel: ExportChannel, format: 'csv' | 'xlsx', day: Date): string {
	const base = segment
		.normalize('NFC')
		// \p{C}: control and invisible format characters (a right-to-left override would spoof the extension), half surrogate pairs
		.replace(/[<>:"/\\|?*\p{C}\p{Zl}\p{Zp}]+/gu, ' ')
		.replace(/\s+/g, ' ')
		.trim()
		.slice(0, 80);
	return `${base || 'segment'}-${channel}-${day.toISOString().slice(0, 10)}.${format}`;
}

/**
 * Content-Disposition for a download: an ASCII fallback for old clients and the real
 * (Cyrillic) name in RFC 5987 `filename*`, which browsers prefer.
 */
export function contentDisposition(fileName: string): string {
	const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
	return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
