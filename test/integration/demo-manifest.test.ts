import { beforeAll, describe, expect, it } from 'vitest';
import { parseIsoDay } from '../../src/lib/server/demo/calendar.ts';
import { generateDemo, type DemoManifest } from '../../src/lib/server/demo/generate.ts';
import { columnIndexes, columnOf, loadJobEntities, parseDay, parseNumber, readManifest, readTable, tempDir, type JobEntity, type Table } from './demo-fixtures.ts';

// The manifest is what other parts test identity resolution and quarantine against, so
// every planted fact is checked here in the files themselves, with this file's own
// parsing and normalisation (not the generator's).

const entities = loadJobEntities();
let dir: string;
let manifest: DemoManifest;
const tables = new Map<string, Table>();

beforeAll(async () => {
	dir = tempDir('oborot-demo-manifest-');
	await generateDemo({ seed: 21, scale: 0.6, years: 3, endDay: parseIsoDay('2026-10-31'), outDir: dir });
	manifest = readManifest(dir);
	for (const entry of manifest.files) tables.set(entry.path, await readTable(dir, entry));
});

const entityOf = (family: string, name: string) => entities.find((e) => e.family === family && e.name === name)!;

/** Rows of all files of an entity, with a getter by canonical column. */
function rowsOf(family: string, name: string) {
	const entity = entityOf(family, name);
	return manifest.files
		.filter((f) => f.family === family && f.entity === name)
		.flatMap((entry) => {
			const table = tables.get(entry.path)!;
			const bad = new Set(entry.bad_rows.map((b) => b.line));
			const at = columnIndexes(entity, table.header);
			return table.rows.filter((r) => !bad.has(r.line)).map((r) => ({ get: (c: string) => r.fields[at.get(c)!] ?? '', entry, row: r }));
		});
}

/** Why a row cannot be loaded, by the job's column types; null for a good row. */
function problem(entity: JobEntity, header: string[], at: Map<string, number>, fields: string[], decimal: string): string | null {
	if (fields.length !== header.length) return `has ${fields.length} fields, header ${header.length}`;
	for (const column of entity.columns) {
		const i = at.get(column.name)!;
		const value = i >= 0 ? fields[i].trim() : '';
		const keyWithoutDefault = entity.key.includes(column.name) && column.default === undefined;
		if (!value) {
			if (i >= 0 && (column.required || keyWithoutDefault)) return `${column.name} empty`;
			continue;
		}
		if (column.type === 'date' || column.type === 'timestamp') {
			if (parseDay(value) === null) return `${column.name} «${value}» is not a date`;
		} else if (column.type === 'integer' || column.type === 'number' || column.type === 'money') {
			const n = parseNumber(value, decimal);
			if (n === null) return `${column.name} «${value}» is not a number`;
			if (column.type === 'integer' && !Number.isInteger(n)) return `${column.name} not an integer`;
			if (column.min !== undefined && n < column.min) return `${column.name} below ${column.min}`;
		} else if (column.type === 'boolean' && !['Да', 'Нет'].includes(value)) return `${column.name} «${value}» is not yes/no`;
	}
	return null;
}

const digits = (s: string) => s.replace(/\D/g, '');
/** E.164 the way the DESIGN asks: default country 7 and area code 812 complete local numbers. */
function phoneKey(text: string): string | null {
	if (!text || text.includes('@')) return null;
	const d = digits(text);
	if (d.startsWith('380') && d.length === 12) return `+${d}`;
	if (d.length === 11 && (d[0] === '8' || d[0] === '7')) return `+7${d.slice(1)}`;
	if (d.length === 10 && d.startsWith('0')) return `+380${d.slice(1)}`;
	if (d.length === 10) return `+7${d}`;
	if (d.length === 7) return `+7812${d}`;
	throw new Error(`unreadable phone «${text}»`);
}
const nameKey = (name: string) => name.toLowerCase().replaceAll('ё', 'е').replace(/[^\p{L}\p{N}]+/gu, ' ').split(' ').filter((w) => w && !['ооо', 'ао', 'пао', 'ип', 'тов'].includes(w)).sort().join(' ');

function checkDigit(body: string, weights: number[]): number {
	return (weights.reduce((sum, w, i) => sum + w * Number(body[i]), 0) % 11) % 10;
}
function validInn(inn: string): boolean {
	if (inn.length === 10) return checkDigit(inn, [2, 4, 10, 3, 5, 9, 4, 6, 8]) === Number(inn[9]);
	return inn.length === 12 && checkDigit(inn, [7, 2, 4, 10, 3, 5, 9, 4, 6, 8]) === Number(inn[10]) && checkDigit(inn, [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8]) === Number(inn[11]);
}
function validOgrn(ogrn: string): boolean {
	const body = BigInt(ogrn.slice(0, -1));
	const check = ogrn.length === 13 ? (body % 11n) % 10n : ogrn.length === 15 ? (body % 13n) % 10n : -1n;
	return check === BigInt(ogrn.slice(-1));
}

describe('demo manifest: planted facts are true in the files', () => {
	it('lists every file it wrote, with its row count', () => {
		for (const entry of manifest.files) expect(tables.get(entry.path)!.rows.length, entry.path).toBe(entry.rows);
	});

	it('plants bad rows exactly where it says, and every other row is loadable', () => {
		let planted = 0;
		for (const entry of manifest.files) {
			const table = tables.get(entry.path)!;
			const entity = entityOf(entry.family, entry.entity);
			const expected = new Map(entry.bad_rows.map((b) => [b.line, b]));
			const at = columnIndexes(entity, table.header);
			planted += expected.size;
			for (const row of table.rows) {
				const why = problem(entity, table.header, at, row.fields, entry.decimal);
				const bad = expected.get(row.line);
				expect(why !== null, `${entry.path} line ${row.line}: ${why ?? 'loadable'} (planted: ${bad?.kind ?? 'no'})`).toBe(bad !== undefined);
				if (bad?.column) expect(row.fields[columnOf(entity, table.header, bad.column)]).toBe(bad.value);
			}
		}
		const kinds = new Set(manifest.files.flatMap((f) => f.bad_rows.map((b) => b.kind)));
		expect([...kinds].sort()).toEqual(['bad_date', 'extra_column', 'missing_key', 'negative_qty', 'text_in_number']);
		const rows = manifest.files.reduce((sum, f) => sum + f.rows, 0);
		expect(planted / rows).toBeGreaterThan(0.0001);
		expect(planted / rows).toBeLessThan(0.002);
	});

	it('gives every good row a unique key (and snapshot version), across all files of an entity', () => {
		for (const entity of entities) {
			const seen = new Set<string>();
			for (const r of rowsOf(entity.family, entity.name)) {
				const key = [...entity.key, ...(entity.version ? [entity.version] : [])].map((k) => r.get(k)).join('|');
				if (entity.key.includes('line_no') && !r.get('line_no')) continue;
				expect(seen.has(key), `${entity.name} key ${key} twice`).toBe(false);
				seen.add(key);
			}
		}
	});

	it('makes INN, OGRN and EDRPOU pass their check digits', () => {
		const companies = rowsOf('crm', 'counterparties');
		expect(companies.length).toBe((manifest.totals as { counterparty_records: number }).counterparty_records);
		for (const c of companies) {
			if (c.get('inn')) expect(validInn(c.get('inn')), c.get('inn')).toBe(true);
			if (c.get('ogrn')) expect(validOgrn(c.get('ogrn')), c.get('ogrn')).toBe(true);
			const e = c.get('edrpou');
			if (e) {
				const w = Number(e) < 30_000_000 || Number(e) > 60_000_000 ? [1, 2, 3, 4, 5, 6, 7] : [7, 1, 2, 3, 4, 5, 6];
				let s = w.reduce((a, x, i) => a + x * Number(e[i]), 0) % 11;
				if (s === 10) s = w.reduce((a, x, i) => a + (x + 2) * Number(e[i]), 0) % 11 % 10;
				expect(s, e).toBe(Number(e[7]));
			}
		}
		expect(companies.some((c) => c.get('edrpou'))).toBe(true);
		expect(companies.some((c) => c.get('inn').length === 12)).toBe(true);
	});

	it('plants duplicate clusters that share what they say, and no other record shares an identifier', () => {
		const byId = new Map(rowsOf('crm', 'counterparties').map((c) => [c.get('counterparty_id'), c]));
		const clusters = manifest.planted.duplicate_clusters;
		expect(clusters.length).toBeGreaterThan(10);
		expect(new Set(clusters.map((c) => c.kind)).size).toBe(4);
		expect(clusters.some((c) => c.ids.length === 3)).toBe(true);
		const clusterOf = new Map<string, number>();
		clusters.forEach((cluster, k) => {
			const rows = cluster.ids.map((id) => byId.get(id)!);
			for (const id of cluster.ids) clusterOf.set(id, k);
			expect(rows.every(Boolean), cluster.ids.join()).toBe(true);
			const [first, ...rest] = rows;
			const holds: Record<string, (a: typeof first, b: typeof first) => boolean> = {
				inn: (a, b) => !!a.get('inn') && a.get('inn') === b.get('inn'),
				ogrn: (a, b) => !!a.get('ogrn') && a.get('ogrn') === b.get('ogrn'),
				phone: (a, b) => [a.get('phone'), a.get('phone_2')].map(phoneKey).some((p) => p && [b.get('phone'), b.get('phone_2')].map(phoneKey).includes(p)),
				email: (a, b) => !!a.get('email') && a.get('email') === b.get('email'),
				name_city: (a, b) => a.get('city') === b.get('city') && nameKey(a.get('name')) === nameKey(b.get('name'))
			};
			for (const reason of cluster.reasons) for (const other of rest) expect(holds[reason](first, other), `${cluster.kind} ${reason}`).toBe(true);
			for (const other of rest) {
				if (cluster.kind === 'typo_in_name_same_phone') expect(other.get('name')).not.toBe(first.get('name'));
				if (cluster.kind === 'person_two_phones_same_email') {
					expect(other.get('name')).toBe(first.get('name'));
					expect(phoneKey(other.get('phone'))).not.toBe(phoneKey(first.get('phone')));
				}
			}
			const expectReasons: Record<string, string[]> = {
				same_inn_respelled_name: ['inn', 'name_city'],
				typo_in_name_same_phone: ['phone'],
				person_two_phones_same_email: ['email', 'name_city'],
				sister_company_same_phone: ['phone']
			};
			for (const r of expectReasons[cluster.kind]) expect(cluster.reasons, cluster.kind).toContain(r);
			if (cluster.kind === 'same_inn_respelled_name') expect(new Set(rows.map((r) => r.get('name'))).size).toBe(rows.length);
		});
		// Outside the clusters every identifier is unique: resolution must find exactly these.
		const keys = new Map<string, string[]>();
		const add = (key: string | null, id: string) => key && keys.set(key, [...(keys.get(key) ?? []), id]);
		for (const [id, c] of byId) {
			add(c.get('inn') && `inn:${c.get('inn')}`, id);
			add(phoneKey(c.get('phone')), id);
			add(phoneKey(c.get('phone_2')), id);
			add(c.get('email') && `email:${c.get('email').toLowerCase()}`, id);
			add(`name:${c.get('city')}:${nameKey(c.get('name'))}`, id);
		}
		for (const [key, ids] of keys) {
			if (ids.length < 2) continue;
			const k = clusterOf.get(ids[0]);
			expect(k !== undefined && ids.every((id) => clusterOf.get(id) === k), `${key} shared by ${ids.join(', ')}`).toBe(true);
		}
	});

	it('suggests shared corporate domains across customers that share nothing else', () => {
		const byId = new Map(rowsOf('crm', 'counterparties').map((c) => [c.get('counterparty_id'), c]));
		const clusterOf = new Map<string, string>();
		for (const cluster of manifest.planted.duplicate_clusters) for (const id of cluster.ids) clusterOf.set(id, cluster.ids[0]);
		expect(manifest.planted.suggested_matches.length).toBeGreaterThan(0);
		const domains = new Map<string, string[]>();
		for (const [id, c] of byId) {
			const domain = c.get('email').split('@')[1];
			if (domain) domains.set(domain, [...(domains.get(domain) ?? []), id]);
		}
		for (const s of manifest.planted.suggested_matches) {
			// Every record on the domain is listed, and they are at least two different customers.
			expect([...s.ids].sort()).toEqual([...(domains.get(s.domain) ?? [])].sort());
			const customers = new Map<string, string[]>();
			for (const id of s.ids) customers.set(clusterOf.get(id) ?? id, [...(customers.get(clusterOf.get(id) ?? id) ?? []), id]);
			expect(customers.size).toBeGreaterThanOrEqual(2);
			const [one, other] = [...customers.values()].map((ids) => ids.map((id) => byId.get(id)!));
			for (const a of one) {
				for (const b of other) {
					expect(a.get('inn')).not.toBe(b.get('inn'));
					expect(phoneKey(a.get('phone'))).not.toBe(phoneKey(b.get('phone')));
					expect(nameKey(a.get('name'))).not.toBe(nameKey(b.get('name')));
				}
			}
		}
		// Outside the planted suggestions, no two customers share a corporate domain.
		const suggested = new Set(manifest.planted.suggested_matches.map((s) => s.domain));
		for (const [domain, ids] of domains) {
			if (suggested.has(domain) || /^(mail|yandex|gmail|bk|list|inbox|rambler|ukr)\./.test(domain)) continue;
			expect(new Set(ids.map((id) => clusterOf.get(id) ?? id)).size, domain).toBe(1);
		}
	});

	it('lists data-quality records, opt-outs and contact duplicates as they are in the files', () => {
		const companies = rowsOf('crm', 'counterparties');
		const dq = manifest.planted.dq_records;
		const ids = (pred: (c: (typeof companies)[number]) => boolean) => companies.filter(pred).map((c) => c.get('counterparty_id')).sort();
		expect(ids((c) => c.get('phone').includes('@'))).toEqual([...dq.email_in_phone.ids].sort());
		expect(ids((c) => !c.get('inn') && /Юридическое|Индивидуальный/.test(c.get('kind')) && !c.get('edrpou'))).toEqual([...dq.missing_inn.ids].sort());
		const optOuts = manifest.planted.opt_outs;
		for (const channel of ['email', 'sms', 'messenger'] as const) {
			expect(ids((c) => c.get(`opt_out_${channel}`) === 'Да')).toEqual([...optOuts.counterparties[channel].ids].sort());
			const contacts = rowsOf('crm', 'contacts').filter((c) => c.get(`opt_out_${channel}`) === 'Да').map((c) => c.get('contact_id'));
			expect(contacts.sort()).toEqual([...optOuts.contacts[channel].ids].sort());
		}
		const share = optOuts.counterparties.email.count / companies.length;
		expect(share).toBeGreaterThan(0.05);
		expect(share).toBeLessThan(0.11);
		const contacts = new Map(rowsOf('crm', 'contacts').map((c) => [c.get('contact_id'), c]));
		expect(manifest.planted.contact_duplicates.length).toBeGreaterThan(0);
		for (const d of manifest.planted.contact_duplicates) {
			const [a, b] = d.contact_ids.map((id) => contacts.get(id)!);
			expect([a.get('counterparty_id'), b.get('counterparty_id')]).toEqual([d.counterparty_id, d.counterparty_id]);
			expect(b.get('name')).toBe(a.get('name'));
			expect(b.get('phone')).toBe(a.get('phone'));
		}
	});

	it('lists dead souls that really have no recent deal, activity, sale or payment', () => {
		const end = parseIsoDay('2026-10-31');
		const souls = manifest.planted.dead_souls;
		expect(souls.idle.count).toBeGreaterThan(0);
		expect(souls.thin_one_off.count).toBeGreaterThan(0);
		const customers = new Set(rowsOf('accounting', 'sales').map((s) => s.get('counterparty_id')));
		const withContacts = new Set(rowsOf('crm', 'contacts').map((c) => c.get('counterparty_id')));
		const byId = new Map(rowsOf('crm', 'counterparties').map((c) => [c.get('counterparty_id'), c]));
		for (const id of souls.thin_one_off.ids) {
			const c = byId.get(id)!;
			expect([c.get('inn'), c.get('edrpou'), customers.has(id), withContacts.has(id)]).toEqual(['', '', false, false]);
		}
		const recent = new Set<string>();
		for (const s of rowsOf('accounting', 'sales')) if (parseDay(s.get('date'))! > end - 365) recent.add(s.get('counterparty_id'));
		for (const a of rowsOf('crm', 'activities')) if (parseDay(a.get('created_at'))! > end - 365) recent.add(a.get('counterparty_id'));
		for (const id of souls.idle.ids) {
			expect(recent.has(id), id).toBe(false);
			expect(parseDay(byId.get(id)!.get('updated_at'))!).toBeLessThanOrEqual(end - 365);
		}
	});

	it('states headline totals that the good rows add up to', () => {
		const totals = manifest.totals as {
			sales_lines: number;
			revenue_by_year: Record<string, number>;
			returns: { documents: number; lines: number; revenue_by_year: Record<string, number> };
			invoices: { total: number };
		};
		const sales = rowsOf('accounting', 'sales');
		expect(sales.length).toBe(totals.sales_lines);
		// revenue net of returns; what the returns gave back, apart
		const byYear: Record<string, number> = {};
		const returnedByYear: Record<string, number> = {};
		const returnDocs = new Set<string>();
		for (const s of sales) {
			const year = s.get('date').slice(6);
			const kopecks = Math.round(parseNumber(s.get('amount'), ',')! * 100);
			byYear[year] = (byYear[year] ?? 0) + kopecks;
			if (s.get('doc_no').startsWith('Возврат товаров от клиента ')) {
				returnedByYear[year] = (returnedByYear[year] ?? 0) - kopecks;
				returnDocs.add(s.get('doc_no'));
			}
		}
		for (const [year, kopecks] of Object.entries(byYear)) expect(kopecks / 100).toBeCloseTo(totals.revenue_by_year[year], 2);
		for (const [year, kopecks] of Object.entries(returnedByYear)) expect(kopecks / 100).toBeCloseTo(totals.returns.revenue_by_year[year], 2);
		expect(sales.filter((s) => s.get('doc_no').startsWith('Возврат')).length).toBe(totals.returns.lines);
		// a document whose only line is a planted bad row is counted but has no good row
		expect(returnDocs.size).toBeLessThanOrEqual(totals.returns.documents);
		expect(returnDocs.size).toBeGreaterThan(totals.returns.documents * 0.99);
		expect(rowsOf('payments', 'invoices').length).toBe(totals.invoices.total);
	});
});
