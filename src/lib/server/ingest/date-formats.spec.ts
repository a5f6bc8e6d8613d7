import { describe, expect, it } from 'vitest';
import { columnDateFormats, humanDateFormat, slashOrder } from './date-formats.ts';

describe('date format detection', () => {
	it('puts the format the samples use first', () => {
		expect(columnDateFormats(['01.02.2024', '15.03.2024'], true)[0]).toBe('%d.%m.%Y');
		expect(columnDateFormats(['01.02.2024 10:15', '15.03.2024 9:05'], true)[0]).toBe('%d.%m.%Y %H:%M');
		expect(columnDateFormats(['2024-02-01T10:15:00'], true)[0]).toBe('%Y-%m-%dT%H:%M:%S');
		expect(columnDateFormats(['20240201'], true)[0]).toBe('%Y%m%d');
		expect(columnDateFormats(['2024-02-01T10:15:00Z'], true)[0]).toBe('%Y-%m-%dT%H:%M:%SZ');
		expect(columnDateFormats(['03.2024'], true)[0]).toBe('%m.%Y');
		expect(columnDateFormats(['2024-03'], true)[0]).toBe('%Y-%m');
		expect(columnDateFormats(['01.02.24'], true)[0]).toBe('%d.%m.%y');
	});
	it('decides dd/mm against mm/dd by a part above 12', () => {
		expect(slashOrder(['03/04/2024', '25/04/2024'])).toEqual({ dayFirst: true, evident: true });
		expect(slashOrder(['03/04/2024', '04/25/2024'])).toEqual({ dayFirst: false, evident: true });
		expect(slashOrder(['03/04/2024'])).toEqual({ dayFirst: true, evident: false });
	});
	it('never offers both slash orders', () => {
		const us = columnDateFormats(['04/25/2024'], false);
		expect(us).toContain('%m/%d/%Y');
		expect(us).not.toContain('%d/%m/%Y');
	});
	it('writes formats for people', () => {
		expect(humanDateFormat('%d.%m.%Y %H:%M')).toBe('dd.mm.yyyy hh:mi');
		expect(humanDateFormat('%d.%m.%Y %H:%M', 'ru')).toBe('ДД.ММ.ГГГГ чч:мм');
		expect(humanDateFormat('%d.%m.%y', 'ru')).toBe('ДД.ММ.ГГ');
	});
});
