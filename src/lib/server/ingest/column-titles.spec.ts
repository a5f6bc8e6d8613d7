import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { columnTitle } from './column-titles.ts';
import { findEntity, JobSpecError, loadJobs } from './job-spec.ts';

function jobsDir(files: Record<string, string>): string {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oborot-titles-'));
	for (const [name, text] of Object.entries(files)) {
		fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
		fs.writeFileSync(path.join(dir, name), text);
	}
	return dir;
}

const SHOP = `family: shop
title: { ru: Магазин, en: Shop }
entities:
  orders:
    title: { ru: Заказы, en: Orders }
    key: [order_id]
    columns:
      order_id: { type: text, required: true, title: { ru: Номер заказа, en: Order number } }
      date: { type: date }
      total: { type: money }
`;

describe('column titles', () => {
	it('gives every column of the shipped jobs a Russian and an English title', () => {
		// the upload page shows these instead of canonical names: a new column without one would show «doc_no» to a Russian reader
		const untitled = loadJobs(path.resolve('ingest')).flatMap((job) =>
			job.entities.flatMap((e) => e.columns.filter((c) => !c.title?.ru || !c.title?.en).map((c) => `${job.family}.${e.name}.${c.name}`))
		);
		expect(untitled).toEqual([]);
	});

	it('takes a column’s own title first, then the entity’s exception, then the shared one', () => {
		const dir = jobsDir({
			'shop.yml': SHOP,
			'titles/columns.yml': `columns:\n  order_id: { ru: Код, en: Code }\n  date: { ru: Дата, en: Date }\n  total: { ru: Сумма, en: Amount }\nentities:\n  shop.orders:\n    date: { ru: Дата заказа, en: Order date }\n`
		});
		const orders = findEntity(loadJobs(dir), 'shop', 'orders');
		expect(orders?.columns.map((c) => columnTitle(c, 'ru'))).toEqual(['Номер заказа', 'Дата заказа', 'Сумма']);
		expect(orders?.columns.map((c) => columnTitle(c, 'en'))).toEqual(['Order number', 'Order date', 'Amount']);
	});

	it('falls back to the canonical name, and names a typo in an exception', () => {
		expect(columnTitle(findEntity(loadJobs(jobsDir({ 'shop.yml': SHOP })), 'shop', 'orders')!.columns[2], 'ru')).toBe('total');
		const typo = jobsDir({ 'shop.yml': SHOP, 'titles/columns.yml': 'entities:\n  shop.orders:\n    totl: { ru: Сумма, en: Amount }\n' });
		expect(() => loadJobs(typo)).toThrow(JobSpecError);
		expect(() => loadJobs(typo)).toThrow(/entities\.shop\.orders\.totl: not a column of shop\.orders/);
	});
});
