import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { JobSpecError, loadJobs } from './job-spec.ts';

function jobsDir(files: Record<string, string>): string {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oborot-jobs-'));
	for (const [name, text] of Object.entries(files)) {
		fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
		fs.writeFileSync(path.join(dir, name), text);
	}
	return dir;
}

const GOOD = `family: shop
title: { ru: Магазин, en: Shop }
entities:
  orders:
    title: { ru: Заказы, en: Orders }
    key: [order_id, line]
    columns:
      order_id: { type: text, required: true, aliases: [Заказ] }
      line: { type: integer, default: ordinal_in_key }
      total: { type: money, min: 0, aliases: [Сумма, 100] }
`;

describe('loadJobs', () => {
	it('loads the project job files', () => {
		const jobs = loadJobs(path.resolve('ingest'));
		expect(jobs.map((j) => j.family).sort()).toEqual(['accounting', 'crm', 'payments', 'stock']);
		const sales = jobs.find((j) => j.family === 'accounting')?.entities.find((e) => e.name === 'sales');
		expect(sales?.table).toBe('accounting_sales');
		expect(sales?.columns.find((c) => c.name === 'line_no')?.ordinalInKey).toBe(true);
	});

	it('turns a valid job into typed specs (aliases as text, defaults, min)', () => {
		const [job] = loadJobs(jobsDir({ 'shop.yml': GOOD }));
		const orders = job.entities[0];
		expect(orders.columns.map((c) => [c.name, c.type, c.required])).toEqual([
			['order_id', 'text', true],
			['line', 'integer', false],
			['total', 'money', false]
		]);
		expect(orders.columns[2]).toMatchObject({ min: 0, aliases: ['Сумма', '100'] });
	});

	it('names the file and the field of a bad column type', () => {
		const dir = jobsDir({ 'shop.yml': GOOD.replace('type: money', 'type: currency') });
		expect(() => loadJobs(dir)).toThrow(JobSpecError);
		expect(() => loadJobs(dir)).toThrow(/shop\.yml: entities\.orders\.columns\.total\.type/);
	});

	it('reads ordinal_with on an ordinal key column and names a wrong one', () => {
		const withLines = GOOD.replace('line: { type: integer, default: ordinal_in_key }', 'line: { type: integer, default: ordinal_in_key, ordinal_with: total }');
		expect(loadJobs(jobsDir({ 'shop.yml': withLines }))[0].entities[0].columns[1]).toMatchObject({ ordinalInKey: true, ordinalWith: 'total' });
		expect(() => loadJobs(jobsDir({ 'shop.yml': withLines.replace('ordinal_with: total', 'ordinal_with: product') }))).toThrow(
			/shop\.yml: entities\.orders\.columns\.line\.ordinal_with: «product» is not one of the columns/
		);
		const notOrdinal = GOOD.replace('total: { type: money,', 'total: { type: money, ordinal_with: order_id,');
		expect(() => loadJobs(jobsDir({ 'shop.yml': notOrdinal }))).toThrow(/columns\.total\.ordinal_with: only for a column with default: ordinal_in_key/);
	});

	it('rejects a key that is not a column, and broken YAML, naming the file', () => {
		expect(() => loadJobs(jobsDir({ 'shop.yml': GOOD.replace('key: [order_id, line]', 'key: [order_no, line]') }))).toThrow(
			/shop\.yml: entities\.orders\.key: «order_no» is not one of the columns/
		);
		expect(() => loadJobs(jobsDir({ 'shop.yml': 'family: [unclosed' }))).toThrow(/shop\.yml: not valid YAML/);
	});

	it('attaches mapping files and checks their columns', () => {
		const ok = jobsDir({ 'shop.yml': GOOD, 'mappings/pos.yml': 'entity: shop.orders\nfiles: ["*pos*"]\ncolumns:\n  Чек: order_id\n' });
		const [job] = loadJobs(ok);
		expect(job.entities[0].mappings[0]).toMatchObject({ files: ['*pos*'], columns: { Чек: 'order_id' } });
		const bad = jobsDir({ 'shop.yml': GOOD, 'mappings/pos.yml': 'entity: shop.orders\ncolumns:\n  Чек: receipt\n' });
		expect(() => loadJobs(bad)).toThrow(/pos\.yml: columns\.Чек: «receipt» is not a column of shop\.orders/);
	});
});
