import { describe, expect, it } from 'vitest';
import { contentDisposition, exportFileName } from './file-name.ts';

describe('export file names', () => {
	it('names the segment, channel and day, without characters file systems refuse', () => {
		const day = new Date('2026-11-23T10:00:00Z');
		expect(exportFileName('Спящие: Москва / СПб', 'email', 'csv', day)).toBe('Спящие Москва СПб-email-2026-11-23.csv');
		expect(exportFileName('???', 'all', 'xlsx', day)).toBe('segment-all-2026-11-23.xlsx');
	});

	it('leaves out invisible format characters that would spoof the name, and half surrogate pairs', () => {
		const day = new Date('2026-11-23T10:00:00Z');
		// U+202E would show «Счёт\u202Efdp.exe-all-….csv» as «Счётvsc.…-lla-exe.pdf»
		expect(exportFileName('Счёт\u202Efdp.exe', 'all', 'csv', day)).toBe('Счёт fdp.exe-all-2026-11-23.csv');
		expect(exportFileName('\u200BСпя\u00ADщие\u2066 \u2028', 'sms', 'csv', day)).toBe('Спя щие-sms-2026-11-23.csv');
		expect(exportFileName('half\uD800', 'all', 'csv', day)).toBe('half-all-2026-11-23.csv');
		expect(() => contentDisposition(exportFileName('half\uD800', 'all', 'csv', day))).not.toThrow();
	});

	it('sends the real name in filename* and an ASCII stand-in in filename', () => {
		expect(contentDisposition('Спящие-all-2026-11-23.csv')).toBe(
			`attachment; filename="______-all-2026-11-23.csv"; filename*=UTF-8''${encodeURIComponent('Спящие-all-2026-11-23.csv')}`
		);
		expect(contentDisposition('a"b.csv')).toBe(`attachment; filename="a_b.csv"; filename*=UTF-8''a%22b.csv`);
	});
});
