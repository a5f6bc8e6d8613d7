import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	DefinitionError,
	countSegment,
	parseDefinition,
	previewSegment,
	runBound,
	segmentChoices,
	segmentSource,
	type Condition,
	type SegmentDefinition
} from '../../src/lib/server/segments/index.ts';
import { segmentsWarehouse, type SegmentsWarehouse } from '../fixtures/segments/fixture.ts';

// The fixture (test/fixtures/segments/marts.sql): ten customers C01–C10 plus the anonymous
// C99; the data's latest sale is 2026-06-30; «today» is 2026-07-15 (July).
const today = new Date('2026-07-15T09:00:00Z');
let fx: SegmentsWarehouse;

beforeAll(async () => {
	fx = await segmentsWarehouse();
});
afterAll(() => fx?.close());

async function customersOf(definition: SegmentDefinition): Promise<string[]> {
	const source = segmentSource(parseDefinition(definition), { today });
	const rows = await runBound<{ customer_id: string }>(fx.warehouse, {
		sql: `select c.customer_id from ${source.from} where ${source.where} order by 1`,
		values: source.params.values,
		types: source.params.types
	});
	return rows.map((row) => row.customer_id);
}

const only = (condition: Condition) => customersOf({ conditions: [condition] });

describe('each condition alone picks the hand-counted customers', () => {
	it('no condition: every customer but the anonymous one', async () => {
		expect(await customersOf({ conditions: [] })).toEqual(['C01', 'C02', 'C03', 'C04', 'C05', 'C06', 'C07', 'C08', 'C09', 'C10']);
	});

	it('RFM segment', async () => {
		expect(await only({ type: 'rfm_segment', segments: ['loyal'] })).toEqual(['C02', 'C05']);
		// C99 is a champion too, but anonymous
		expect(await only({ type: 'rfm_segment', segments: ['champions', 'new'] })).toEqual(['C01', 'C06']);
	});

	it('last purchase after / before a date (both ends included)', async () => {
		// ≥ 2026-05-01: C01 06-30, C02 06-01, C05 05-20, C10 06-15
		expect(await only({ type: 'last_purchase', after: '2026-05-01' })).toEqual(['C01', 'C02', 'C05', 'C10']);
		// ≤ 2026-01-10: C03 (that very day), C04 2025-01-15, C08 2025-12-31; never-bought C07, C09 have no date
		expect(await only({ type: 'last_purchase', before: '2026-01-10' })).toEqual(['C03', 'C04', 'C08']);
	});

	it('last purchase more than / within N days before the latest sale', async () => {
		// 2026-06-30 − 90 days = 2026-04-01; more than 90 days ago = before 04-01: C03, C04, C08.
		// C06 bought on 04-01 exactly: 90 days, not more.
		expect(await only({ type: 'last_purchase', olderThanDays: 90 })).toEqual(['C03', 'C04', 'C08']);
		// within 30 days: on or after 2026-05-31: C01, C02 (06-01), C10 — not C05 (05-20)
		expect(await only({ type: 'last_purchase', withinDays: 30 })).toEqual(['C01', 'C02', 'C10']);
	});

	it('number of purchases', async () => {
		expect(await only({ type: 'purchases', min: 5 })).toEqual(['C01', 'C02', 'C05', 'C10']); // 12, 5, 8, 6
		expect(await only({ type: 'purchases', max: 0 })).toEqual(['C07', 'C09']); // leads
		expect(await only({ type: 'purchases', min: 2, max: 4 })).toEqual(['C03', 'C06', 'C08']); // 3, 2, 4
	});

	it('LTV: historical revenue and predicted value', async () => {
		// ≥ 100 000: C01 500 000, C05 150 000, C10 120 000.5
		expect(await only({ type: 'value', measure: 'historical_revenue', min: 100000 })).toEqual(['C01', 'C05', 'C10']);
		// ≤ 5 000: C03 5 000, C04 0, C08 1 000 (customers without an LTV row never match)
		expect(await only({ type: 'value', measure: 'predicted_value', max: 5000 })).toEqual(['C03', 'C04', 'C08']);
	});

	it('p_alive', async () => {
		expect(await only({ type: 'p_alive', min: 0.8 })).toEqual(['C01', 'C02', 'C05', 'C10']); // .95 .80 .85 .90
		expect(await only({ type: 'p_alive', max: 0.3 })).toEqual(['C03', 'C04', 'C08']); // .30 .05 .10
	});

	it('acquisition channel and city', async () => {
		expect(await only({ type: 'channel', values: ['Авито'] })).toEqual(['C02', 'C06']);
		expect(await only({ type: 'channel', values: ['Яндекс Директ', 'Выставки'] })).toEqual(['C01', 'C03', 'C04', 'C07', 'C09']);
		expect(await only({ type: 'city', values: ['Казань'] })).toEqual(['C02', 'C06', 'C10']);
	});

	it('category bought, ever and in a period', async () => {
		// C06 only brought an air conditioner back: a return is no purchase
		expect(await only({ type: 'category', values: ['Кондиционеры'] })).toEqual(['C01', 'C03', 'C05']);
		// since 2026-01-01: C01 (06-30), C03 (01-10); C05's was 2025-07-10
		expect(await only({ type: 'category', values: ['Кондиционеры'], from: '2026-01-01' })).toEqual(['C01', 'C03']);
		// fans up to 2025-12-31: only C04 (2025-01-15); C05 and C10 bought them in 2026
		expect(await only({ type: 'category', values: ['Вентиляторы'], to: '2025-12-31' })).toEqual(['C04']);
	});

	it('birthday month: the customer’s own or a contact person’s', async () => {
		// July: C02 (own, 07-05), C09 (own, 07-30), C01 (contact person, 07-12)
		expect(await only({ type: 'birthday', month: 7 })).toEqual(['C01', 'C02', 'C09']);
		expect(await only({ type: 'birthday', month: 'current' })).toEqual(['C01', 'C02', 'C09']);
		expect(await only({ type: 'birthday', month: 3 })).toEqual(['C05']);
		expect(await only({ type: 'birthday', month: 1 })).toEqual(['C03']); // contact person
	});

	it('has debt: outstanding or overdue', async () => {
		// outstanding > 0: C01 100 000, C03 50 000, C08 20 000 (C05 owes 0; the unresolved payer has no customer)
		expect(await only({ type: 'debt', kind: 'outstanding' })).toEqual(['C01', 'C03', 'C08']);
		expect(await only({ type: 'debt', kind: 'overdue' })).toEqual(['C03', 'C08']);
	});

	it('opted in for a channel: an address and no refusal', async () => {
		// e-mail: C02 refused, C05 and C07 have none, C08 refused everything
		expect(await only({ type: 'opted_in', channel: 'email' })).toEqual(['C01', 'C03', 'C04', 'C06', 'C09', 'C10']);
		// SMS: C03 and C08 refused, C04 and C07 have no phone
		expect(await only({ type: 'opted_in', channel: 'sms' })).toEqual(['C01', 'C02', 'C05', 'C06', 'C09', 'C10']);
		// messengers: C05 and C08 refused
		expect(await only({ type: 'opted_in', channel: 'messenger' })).toEqual(['C01', 'C02', 'C03', 'C06', 'C09', 'C10']);
	});
});

describe('«N days ago» counts back from the marts’ shared as-of (marts.data_calendar)', () => {
	it('moves with data_calendar.last_sale_on, not with the customers’ own latest purchase', async () => {
		// A later sale (e.g. to a buyer outside dim_customer's view) moves the as-of to 2026-07-30 while
		// max(last_purchase_on) stays 2026-06-30: within 30 days = on or after 2026-06-30 → C01 only.
		await fx.warehouse.run("update marts.data_calendar set last_sale_on = date '2026-07-30'");
		try {
			expect(await only({ type: 'last_purchase', withinDays: 30 })).toEqual(['C01']);
			expect((await segmentChoices(fx.warehouse)).asOf).toBe('2026-07-30');
		} finally {
			await fx.warehouse.run("update marts.data_calendar set last_sale_on = date '2026-06-30'");
		}
	});

	it('needs the data_calendar mart only for «N days ago»', async () => {
		const lapsed = segmentSource(parseDefinition({ conditions: [{ type: 'last_purchase', olderThanDays: 90 }] }), { today });
		expect([...lapsed.marts]).toContain('data_calendar');
		const dated = segmentSource(parseDefinition({ conditions: [{ type: 'last_purchase', after: '2026-01-01' }] }), { today });
		expect([...dated.marts]).not.toContain('data_calendar');
	});
});

describe('conditions combined', () => {
	it('AND across items, OR inside a group', async () => {
		// (Казань: C02, C06, C10 | Выставки: C03, C07) and at least one purchase (drops C07)
		const definition: SegmentDefinition = {
			conditions: [{ any: [{ type: 'city', values: ['Казань'] }, { type: 'channel', values: ['Выставки'] }] }, { type: 'purchases', min: 1 }]
		};
		expect(await customersOf(definition)).toEqual(['C02', 'C03', 'C06', 'C10']);
	});

	it('counts: customers, dead souls, rows per export channel, reach per channel', async () => {
		const counts = await countSegment(fx.warehouse, parseDefinition({ conditions: [] }), { today });
		expect(counts).toEqual({
			customers: 10,
			deadSouls: 2, // C04, C07
			// all: not dead and (phone with no SMS/messenger refusal, or e-mail with no refusal):
			//   C01 C02 C03 (e-mail only) C06 C09 C10; C05 (messenger refusal, no e-mail) and C08 (refused all) drop
			// email: C01 C03 C06 C09 C10 (C04 is dead); sms: C01 C02 C05 C06 C09 C10; messenger: C01 C02 C03 C06 C09 C10
			exportable: { all: 6, email: 5, sms: 6, messenger: 6 },
			reachable: { email: 6, sms: 6, messenger: 6 }
		});
	});

	it('the preview’s sample is the first customers in name order, with the segment in the reader’s language', async () => {
		const preview = await previewSegment(fx.warehouse, parseDefinition({ conditions: [{ type: 'city', values: ['Казань'] }] }), { today, locale: 'en', sampleSize: 2 });
		expect(preview.counts.customers).toBe(3);
		// binary order: '+7 (999) Ёлка' < 'ИП Борисов' < 'Каппа'
		expect(preview.sample.map((row) => [row.customer_id, row.rfm_segment, row.can_email, row.can_sms])).toEqual([
			['C06', 'New', true, true],
			['C02', 'Loyal', false, true]
		]);
	});
});

describe('values stay values', () => {
	it('SQL in a value matches nothing and changes nothing', async () => {
		expect(await only({ type: 'city', values: ["Москва' or '1'='1"] })).toEqual([]);
		expect(await only({ type: 'channel', values: ["x'); drop table marts.dim_customer; --"] })).toEqual([]);
		expect(await only({ type: 'category', values: ["' or true or '"] })).toEqual([]);
		expect(await customersOf({ conditions: [] })).toHaveLength(10);
	});

	it('the compiled SQL holds placeholders, never the values', () => {
		const source = segmentSource(parseDefinition({ conditions: [{ type: 'city', values: ["Москва' --"] }, { type: 'purchases', min: 3 }] }), { today });
		expect(source.where).not.toContain('Москва');
		expect(source.where).toContain('$1');
		expect(source.where).toContain('$2');
		expect(source.params.values).toHaveLength(2);
	});

	it('refuses what the schema does not know, naming the place', () => {
		const bad = (definition: unknown) => {
			try {
				parseDefinition(definition);
			} catch (error) {
				expect(error).toBeInstanceOf(DefinitionError);
				return (error as Error).message;
			}
			throw new Error('accepted');
		};
		expect(bad({ conditions: [{ type: 'sql', where: '1=1' }] })).toMatch(/conditions\.0/);
		expect(bad({ conditions: [{ type: 'city', values: ['Москва'], column: 'customer_name' }] })).toMatch(/conditions\.0/);
		expect(bad({ conditions: [{ type: 'purchases', min: 5, max: 2 }] })).toMatch(/minimum is above the maximum/);
		expect(bad({ conditions: [{ type: 'purchases' }] })).toMatch(/minimum, a maximum or both/);
		expect(bad({ conditions: [{ type: 'last_purchase', after: '2026-02-30' }] })).toMatch(/calendar date/);
		expect(bad({ conditions: [{ type: 'rfm_segment', segments: ['vip'] }] })).toMatch(/conditions\.0\.segments\.0/);
		expect(bad({ conditions: [{ any: [] }] })).toMatch(/OR group needs a condition/);
	});
});
