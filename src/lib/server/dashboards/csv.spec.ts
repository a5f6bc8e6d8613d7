import { describe, expect, it } from 'vitest';
import { toCsv } from './csv.ts';

const col = (name: string, kind: 'number' | 'text') => ({ name, type: kind === 'number' ? 'DOUBLE' : 'VARCHAR', kind });

describe('toCsv', () => {
	it('escapes formula-like text but leaves numbers alone', () => {
		const csv = toCsv([col('name', 'text'), col('amount', 'number')], [
			{ name: '=HYPERLINK("http://x")', amount: -5 },
			{ name: '+79001234567', amount: 12.5 },
			{ name: '@SUM(A1)', amount: null },
			{ name: '-minus', amount: 0 },
			{ name: 'ООО «Альфа», Москва', amount: 1 }
		]);
		expect(csv).toBe(
			'\uFEFFname,amount\r\n' +
				`"'=HYPERLINK(""http://x"")",-5\r\n` +
				`"'+79001234567",12.5\r\n` +
				`"'@SUM(A1)",\r\n` +
				`"'-minus",0\r\n` +
				'"ООО «Альфа», Москва",1\r\n'
		);
	});
});
