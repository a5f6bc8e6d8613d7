/**
 * Header comparison key: case, spaces and punctuation do not matter, ё = е, and the
 * number signs "#" and "№" are one symbol ("№ п/п" and "# пп" are the same column).
 */
export function normalizeHeader(header: string): string {
	return header
		.replace(/^\uFEFF/, '')
		.toLowerCase()
		.replaceAll('ё', 'е')
		.replaceAll('#', '№')
		.replace(/[^\p{L}\p{N}№]+/gu, '');
}
