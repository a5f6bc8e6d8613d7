import { PassThrough } from 'node:stream';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareSegmentExport } from '../../src/lib/server/exports/index.ts';
import { countSegment, createSegment, parseDefinition, segmentChoices, type Condition } from '../../src/lib/server/segments/index.ts';
import { crmCompanyExports } from '../fixtures/identity/crm-company.ts';
import { martFixture, type MartFixture } from '../helpers/mart-fixture.ts';

// The contract with the real marts: the identity fixture company's exports ingested and
// built with the repository's models, then every condition type and an export run on
// what the models really produce (column names, types, grains).
let f: MartFixture;
const today = new Date('2025-01-15T09:00:00Z');

beforeAll(async () => {
	f = await martFixture();
	await f.ingest(crmCompanyExports);
	await f.build(['+dim_customer', '+dim_contact', '+rfm', '+customer_ltv', '+ltv_model_selection', '+customer_payment_discipline', '+fct_sales', '+data_calendar']);
}, 300_000);
afterAll(() => f?.close());

async function exportTable(segment: string, channel: 'all' | 'email' | 'sms') {
	const prepared = await prepareSegmentExport(f.warehouse, { segment, format: 'csv', channel, locale: 'ru', username: 'test', via: 'cli', clock: () => today });
	const sink = new PassThrough();
	let text = '';
	sink.setEncoding('utf8');
	sink.on('data', (chunk: string) => (text += chunk));
	await prepared.run(sink);
	return { rows: Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true }).data, text, ranking: prepared.ranking };
}

describe('segments over the real marts', () => {
	it('finds every mart and column it reads', async () => {
		const choices = await segmentChoices(f.warehouse);
		expect(choices.missing).toEqual([]);
		expect(choices.cities.map((c) => c.value)).toContain('Санкт-Петербург');
		// «N days ago» counts back from the day RFM recency and LTV are measured to: the latest sale, Р-1 of 31.12.2024
		const [rfm] = await f.query<{ measured_on: string }>('select distinct measured_on from marts.rfm');
		const [ltv] = await f.query<{ observation_end: string }>('select distinct observation_end from marts.customer_ltv');
		expect(choices.asOf).toBe('2024-12-31');
		expect([rfm.measured_on, ltv.observation_end]).toEqual(['2024-12-31', '2024-12-31']);
		// the builder names the model behind P(alive) and the predicted value from ltv_model_selection
		const [selection] = await f.query<{ model: string | null; ru: string; en: string }>(
			'select max(model_name) filter (where chosen) as model, any_value(choice_summary_ru) as ru, any_value(choice_summary_en) as en from marts.ltv_model_selection'
		);
		expect(choices.ltvModel).toEqual({ ru: selection.ru, en: selection.en });
		expect(choices.ltvModel!.ru).toMatch(selection.model ? `Модель ${selection.model}: ` : /^Прогноза нет/);
	});

	it('runs each condition type on the real columns', async () => {
		const conditions: Condition[] = [
			{ type: 'rfm_segment', segments: ['champions', 'loyal', 'new', 'lost', 'hibernating'] },
			{ type: 'last_purchase', after: '2024-01-01', olderThanDays: 10 },
			{ type: 'purchases', min: 1 },
			{ type: 'value', measure: 'historical_revenue', min: 1 },
			{ type: 'value', measure: 'predicted_value', min: 0 },
			{ type: 'p_alive', min: 0 },
			{ type: 'channel', values: ['Яндекс Директ'] },
			{ type: 'city', values: ['Санкт-Петербург'] },
			{ type: 'category', values: ['Кондиционеры'], from: '2024-01-01' },
			{ type: 'birthday', month: 'current' },
			{ type: 'debt', kind: 'outstanding' },
			{ type: 'opted_in', channel: 'sms' }
		];
		const everyone = (await countSegment(f.warehouse, parseDefinition({ conditions: [] }), { today })).customers;
		expect(everyone).toBeGreaterThan(10);
		for (const condition of conditions) {
			const counts = await countSegment(f.warehouse, parseDefinition({ conditions: [condition] }), { today });
			expect(counts.customers, condition.type).toBeLessThanOrEqual(everyone);
		}
		// purchases: Альфа (Р-1), Старый (Р-2), Дельта (Р-3), Гамма of Kazan (Р-4) bought
		expect((await countSegment(f.warehouse, parseDefinition({ conditions: [{ type: 'purchases', min: 1 }] }), { today })).customers).toBe(4);
	});

	it('exports exactly the counted rows, best contacts ranked from the identity models', async () => {
		await createSegment(f.warehouse, { name: 'Все', definition: { conditions: [] } }, 'test');
		const counts = await countSegment(f.warehouse, parseDefinition({ conditions: [] }), { today });
		for (const channel of ['all', 'email', 'sms'] as const) {
			const { rows, ranking } = await exportTable('Все', channel);
			expect(ranking).toBe('records');
			const ids = rows.slice(1).map((row) => row[0]);
			expect(ids, channel).toHaveLength(counts.exportable[channel]);
			expect(new Set(ids).size).toBe(ids.length);
		}
	});

	it('keeps a merged customer’s refusal for all its cards, and one phone for three spellings', async () => {
		// Альфа's card 2 refused e-mail: none of the merged cards' addresses may go out
		const email = await exportTable('Все', 'email');
		expect(email.text).not.toContain('alfa-spb.ru');
		// Орлов's 8 (812) 555-12-34, +7 812 5551234 and 555-12-34 (default area 812) are one number
		const sms = await exportTable('Все', 'sms');
		const orlov = sms.rows.filter((row) => row[1].includes('Орлов'));
		expect(orlov.map((row) => row[2])).toEqual(["'+78125551234"]);
	});
});
