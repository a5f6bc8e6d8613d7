import { beforeAll, describe, expect, it } from 'vitest';
import { parseIsoDay } from '../../src/lib/server/demo/calendar.ts';
import { generateDemo, type DemoManifest } from '../../src/lib/server/demo/generate.ts';
import { columnIndexes, loadJobEntities, parseDay, parseNumber, readManifest, readTable, tempDir } from './demo-fixtures.ts';

// Statistical shape of the demo company, with bounds reasoned from the generator's
// parameters (see each comment) rather than taken from an earlier run.

const END = parseIsoDay('2026-10-31');
const entities = loadJobEntities();
let manifest: DemoManifest;
const data = new Map<string, Record<string, string>[]>();

beforeAll(async () => {
	const dir = tempDir('oborot-demo-shape-');
	await generateDemo({ seed: 1, scale: 1, years: 3, endDay: END, outDir: dir });
	manifest = readManifest(dir);
	for (const entry of manifest.files) {
		const entity = entities.find((e) => e.family === entry.family && e.name === entry.entity)!;
		const table = await readTable(dir, entry);
		const at = columnIndexes(entity, table.header);
		const bad = new Set(entry.bad_rows.map((b) => b.line));
		const rows = table.rows.filter((r) => !bad.has(r.line)).map((r) => Object.fromEntries([...at].map(([c, i]) => [c, i >= 0 ? r.fields[i] : ''])));
		const key = `${entry.family}.${entry.entity}`;
		data.set(key, [...(data.get(key) ?? []), ...rows]);
	}
});

const rows = (key: string) => data.get(key)!;
const isReturn = (s: Record<string, string>) => s.doc_no.startsWith('Возврат товаров от клиента ');
const month = (text: string) => Number(text.slice(3, 5));
const money = (text: string, decimal = ',') => parseNumber(text, decimal)!;

describe('demo company shape', () => {
	it('sells heaters in winter and fans and air conditioners in summer', () => {
		// Heater season index: Dec 2.7, Jan 2.3 vs Jun 0.15, Jul 0.15 (normalised), so ≈ 10×.
		const revenue = (category: string, months: number[]) =>
			rows('accounting.sales').filter((s) => s.category === category && months.includes(month(s.date))).reduce((sum, s) => sum + money(s.amount), 0);
		expect(revenue('Обогреватели', [12, 1])).toBeGreaterThan(2 * revenue('Обогреватели', [6, 7]));
		expect(revenue('Вентиляторы', [6, 7])).toBeGreaterThan(2 * revenue('Вентиляторы', [12, 1]));
		expect(revenue('Кондиционеры', [6, 7])).toBeGreaterThan(2 * revenue('Кондиционеры', [12, 1]));
		// Spare parts are flat: neither half of the year above 1.5× the other.
		const parts = [revenue('Запчасти и комплектующие', [12, 1]), revenue('Запчасти и комплектующие', [6, 7])];
		expect(Math.max(...parts) / Math.min(...parts)).toBeLessThan(1.5);
	});

	it('grows year on year', () => {
		// 15% more demand a year and 7% dearer price lists, minus customers dropping out.
		const byYear = manifest.totals.revenue_by_year as Record<string, number>;
		expect(byYear['2025'] / byYear['2024']).toBeGreaterThan(1.05);
		expect(byYear['2025'] / byYear['2024']).toBeLessThan(1.45);
	});

	it('has invoices paid on time, late, partly and never', () => {
		// Behaviour mix (70/20/10% of customers by discipline) gives ≈ 72% on time, 20% late, 8% partly or never.
		const paid = new Map<string, { sum: number; last: number }>();
		const pay = (invoice: string, amount: number, day: number) => {
			const p = paid.get(invoice) ?? { sum: 0, last: 0 };
			paid.set(invoice, { sum: p.sum + amount, last: Math.max(p.last, day) });
		};
		for (const b of rows('payments.bank_payments')) {
			const m = /(?:сч(?:ету|ета)?\.?|рахунку)\s*№?\s*(\d+)/i.exec(b.purpose);
			if (m && /Поступление|Приход/.test(b.direction)) pay(m[1], money(b.amount), parseDay(b.date)!);
		}
		const counts = { onTime: 0, late: 0, short: 0 };
		for (const inv of rows('payments.invoices')) {
			const due = parseDay(inv.due_date)!;
			if (due > END - 90) continue;
			const amount = money(inv.amount, '.');
			const p = paid.get(inv.invoice_no);
			if (!p || p.sum < amount - 0.005) counts.short++;
			else if (p.last <= due) counts.onTime++;
			else counts.late++;
		}
		const total = counts.onTime + counts.late + counts.short;
		expect(counts.onTime / total).toBeGreaterThan(0.55);
		expect(counts.late / total).toBeGreaterThan(0.1);
		expect(counts.late / total).toBeLessThan(0.35);
		expect(counts.short / total).toBeGreaterThan(0.03);
		expect(counts.short / total).toBeLessThan(0.2);
	});

	it('spends on every channel every month', () => {
		const spend = rows('accounting.marketing_spend');
		const channels = new Set(spend.map((s) => s.channel));
		expect(channels.size).toBeGreaterThanOrEqual(5);
		for (const channel of channels) {
			const months = spend.filter((s) => s.channel === channel && money(s.spend) > 0).map((s) => s.month);
			expect(new Set(months).size, channel).toBe(36);
		}
	});

	it('converts 10–40% of deals from the first stage to won, each stage entered by fewer deals', () => {
		const deals = rows('crm.deals');
		const won = deals.filter((d) => d.stage === 'Успешно реализовано').length;
		expect(won / deals.length).toBeGreaterThan(0.1);
		expect(won / deals.length).toBeLessThan(0.4);
		const order = ['Новый лид', 'Квалификация', 'Коммерческое предложение', 'Согласование', 'Счёт выставлен', 'Успешно реализовано'];
		const reached = order.map((stage) => new Set(rows('crm.deal_stages').filter((h) => h.stage === stage).map((h) => h.deal_id)).size);
		for (let k = 1; k < reached.length; k++) expect(reached[k]).toBeLessThan(reached[k - 1]);
	});

	it('times stages log-normally and loses deals for reasons typical of the stage', () => {
		const history = new Map<string, { stage: string; at: number }[]>();
		for (const h of rows('crm.deal_stages')) {
			const list = history.get(h.deal_id) ?? [];
			list.push({ stage: h.stage, at: new Date(h.entered_at + 'Z').getTime() / 86_400_000 });
			history.set(h.deal_id, list);
		}
		const daysInOffer: number[] = [];
		const lostFrom = new Map<string, string>();
		for (const [deal, list] of history) {
			list.sort((a, b) => a.at - b.at);
			list.forEach((e, k) => {
				if (e.stage === 'Коммерческое предложение' && list[k + 1]) daysInOffer.push(list[k + 1].at - e.at);
				if (e.stage === 'Закрыто и не реализовано' && k > 0) lostFrom.set(deal, list[k - 1].stage);
			});
		}
		daysInOffer.sort((a, b) => a - b);
		// Median 4 days for new deals, 2 for repeat orders, 2.4 for private buyers.
		const median = daysInOffer[Math.floor(daysInOffer.length / 2)];
		expect(median).toBeGreaterThan(1);
		expect(median).toBeLessThan(10);
		expect(daysInOffer[Math.floor(daysInOffer.length * 0.95)]).toBeGreaterThan(3 * median);
		const topReason = (stage: string) => {
			const counts = new Map<string, number>();
			for (const d of rows('crm.deals')) if (lostFrom.get(d.deal_id) === stage) counts.set(d.lost_reason, (counts.get(d.lost_reason) ?? 0) + 1);
			return [...counts].sort((a, b) => b[1] - a[1])[0][0];
		};
		expect(topReason('Новый лид')).toBe('Не дозвонились');
		expect(topReason('Коммерческое предложение')).toBe('Дорого');
	});

	it('keeps stalled deals, leads without a manager or first response, and overdue tasks', () => {
		const deals = rows('crm.deals');
		const open = deals.filter((d) => !d.closed_at);
		expect(open.filter((d) => parseDay(d.updated_at)! < END - 60).length).toBeGreaterThan(20);
		expect(deals.filter((d) => !d.manager).length).toBeGreaterThan(20);
		expect(deals.filter((d) => !d.first_response_at).length).toBeGreaterThan(50);
		const tasks = rows('crm.activities').filter((a) => a.type === 'Задача' && parseDay(a.due_at)! < END - 30);
		const late = tasks.filter((t) => t.done_at && parseDay(t.done_at)! > parseDay(t.due_at)!).length;
		const never = tasks.filter((t) => !t.done_at).length;
		expect(late / tasks.length).toBeGreaterThan(0.05);
		expect(never / tasks.length).toBeGreaterThan(0.03);
	});

	it('gives a Pareto-like ABC and both steady and erratic items for XYZ', () => {
		const revenue = new Map<string, number>();
		const monthly = new Map<string, number[]>();
		for (const s of rows('accounting.sales')) {
			revenue.set(s.sku, (revenue.get(s.sku) ?? 0) + money(s.amount));
			const day = parseDay(s.date)!;
			if (day <= END - 365) continue;
			const k = (Number(s.date.slice(6)) - 2025) * 12 + month(s.date) - 11;
			const series = monthly.get(s.sku) ?? Array(12).fill(0);
			series[k] += money(s.qty);
			monthly.set(s.sku, series);
		}
		const sorted = [...revenue.values()].sort((a, b) => b - a);
		const total = sorted.reduce((a, b) => a + b, 0);
		const top = sorted.slice(0, Math.round(sorted.length * 0.2)).reduce((a, b) => a + b, 0);
		expect(top / total).toBeGreaterThan(0.6);
		const cv = [...monthly.values()].map((series) => {
			const mean = series.reduce((a, b) => a + b, 0) / 12;
			return Math.sqrt(series.reduce((a, b) => a + (b - mean) ** 2, 0) / 12) / mean;
		});
		// Standing monthly orders keep a few spare parts within 10%; seasonal and rare items are far above 25%.
		expect(cv.filter((v) => v <= 0.1).length).toBeGreaterThanOrEqual(2);
		expect(cv.filter((v) => v > 0.25).length / cv.length).toBeGreaterThan(0.3);
	});

	it('brings a few per cent of the goods back, spare parts most, each return after the sale it names', () => {
		// A shipped line comes back with a chance of 1 % (consumables) to 7 % (spare parts), × 1.6 for
		// private buyers; 45 % of returned lines whole, the rest in part (returns.ts, catalog-data.ts):
		// a couple of per cent of revenue in all.
		const sales = rows('accounting.sales');
		const returns = sales.filter(isReturn);
		const sold = new Map<string, number>();
		const back = new Map<string, number>();
		for (const s of sales) {
			const into = isReturn(s) ? back : sold;
			into.set(s.category, (into.get(s.category) ?? 0) + Math.abs(money(s.amount)));
		}
		const sum = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
		const rate = (category: string) => (back.get(category) ?? 0) / sold.get(category)!;
		expect(sum(back) / sum(sold)).toBeGreaterThan(0.01);
		expect(sum(back) / sum(sold)).toBeLessThan(0.05);
		expect(rate('Запчасти и комплектующие')).toBeGreaterThan(3 * rate('Расходные материалы'));
		expect(rate('Кондиционеры')).toBeGreaterThan(rate('Водонагреватели'));
		// As 1C books them: negative quantity, amount and cost, a positive price, the sale named.
		const saleDocs = new Map<string, { day: number; customer: string }>();
		for (const s of sales) if (!isReturn(s)) saleDocs.set(s.doc_no, { day: parseDay(s.date)!, customer: s.customer_name });
		let unnamed = 0;
		for (const r of returns) {
			expect([money(r.qty) < 0, money(r.amount) < 0, money(r.cost) < 0, money(r.price) > 0], r.doc_no).toEqual([true, true, true, true]);
			const sale = saleDocs.get(r.basis_doc);
			// a sale whose every line is a planted bad row is not in the good rows
			if (!sale) {
				unnamed++;
				continue;
			}
			expect(sale.customer).toBe(r.customer_name);
			// 2–21 days later, moved to the next working day (the New Year break is the longest wait)
			const days = parseDay(r.date)! - sale.day;
			expect(days, r.doc_no).toBeGreaterThanOrEqual(2);
			expect(days, r.doc_no).toBeLessThanOrEqual(21 + 10);
		}
		expect(unnamed / returns.length).toBeLessThan(0.01);
		// Sales and returns are numbered apart: the first of each is №1.
		expect(sales.some((s) => s.doc_no.startsWith('Реализация товаров и услуг ТД00-000001 от '))).toBe(true);
		expect(returns.some((s) => s.doc_no.startsWith('Возврат товаров от клиента ТД00-000001 от '))).toBe(true);
	});

	it('has customers who buy once and customers who buy dozens of times', () => {
		const documents = new Map<string, Set<string>>();
		for (const s of rows('accounting.sales')) {
			// a return document is no purchase
			if (!s.counterparty_id || isReturn(s)) continue;
			const docs = documents.get(s.counterparty_id) ?? new Set();
			docs.add(s.doc_no);
			documents.set(s.counterparty_id, docs);
		}
		const counts = [...documents.values()].map((d) => d.size);
		expect(counts.filter((c) => c === 1).length / counts.length).toBeGreaterThan(0.15);
		expect(Math.max(...counts)).toBeGreaterThan(30);
	});

	it('ends with stock-outs and overstock in the latest snapshot', () => {
		const latest = rows('stock.balances').filter((b) => b.snapshot_date === '2026-10-31');
		const sold = new Map<string, number>();
		for (const s of rows('accounting.sales')) if (parseDay(s.date)! > END - 365) sold.set(s.sku, (sold.get(s.sku) ?? 0) + money(s.qty));
		const onHand = new Map<string, number>();
		for (const b of latest) onHand.set(b.sku, (onHand.get(b.sku) ?? 0) + Number(b.qty));
		expect(latest.filter((b) => Number(b.qty) === 0).length).toBeGreaterThan(0);
		const overstocked = [...onHand].filter(([sku, qty]) => qty > ((sold.get(sku) ?? 0) / 12) * 6);
		expect(overstocked.length).toBeGreaterThan(0);
	});
});
