import { describe, expect, it } from 'vitest';
import { contentDisposition, exportFileName } from './file-name.ts';

describe('export file names', () => {
	it('names the segment, channel and day, without characters file systems refuse', () => {
		const day = new Date('2026-11-23T10:00:00Z');
		expect(exportFileName('Спящие: Москва / СПб', 'email', 'csv', day)).toBe('Спящие Москва СПб-email-2026-11-23.csv');
		expect(exportFileName('???', 'all', 'xlsx', day)).toBe('segment-all-2026-11-23.xlsx');
	});

	it('sends the real name in filename* and an ASCII stand-in in filename', () => {
		expect(contentDisposition('Спящие-all-2026-11-23.csv')).toBe(
			`attachment; filename="______-all-2026-11-23.csv"; filename*=UTF-8''${encodeURIComponent('Спящие-all-2026-11-23.csv')}`
		);
		expect(contentDisposition('a"b.csv')).toBe(`attachment; filename="a_b.csv"; filename*=UTF-8''a%22b.csv`);
	});
});
