import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseIsoDay } from '../../src/lib/server/demo/calendar.ts';
import { generateDemo, type DemoManifest } from '../../src/lib/server/demo/generate.ts';
import { martFixture, type MartFixture } from '../helpers/mart-fixture.ts';

// The demo generator plants duplicates, look-alikes, duplicate contacts, opt-outs and bad
// values and lists them in its manifest; the real ingest and models must find exactly those.
// The expectations are the generator's record of what it planted, not our own output.
interface Planted {
	duplicate_clusters: { kind: string; ids: string[] }[];
	suggested_matches: { ids: string[]; domain: string }[];
	contact_duplicates: { counterparty_id: string; contact_ids: string[] }[];
	dq_records: Record<string, { ids: string[]; truncated?: boolean }>;
	opt_outs: { counterparties: Record<'email' | 'sms' | 'messenger', { ids: string[] }> };
}

let f: MartFixture;
let dir: string;
let planted: Planted;
let customerOf: Map<string, string>;

beforeAll(async () => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oborot-identity-demo-'));
	const manifest: DemoManifest = await generateDemo({ seed: 7, scale: 0.3, years: 3, endDay: parseIsoDay('2025-06-30'), outDir: dir });
	planted = manifest.planted as unknown as Planted;
	f = await martFixture();
	// the demo plants bad rows on purpose; they land in quarantine
	await f.ingestPaths([dir], { allowRejects: true });
	await f.build(['+dim_customer', '+dim_contact', '+dq_duplicates', '+dq_records']);
	const rows = await f.query<{ record_id: string; customer_id: string }>('select record_id, customer_id from intermediate.int_customer_records');
	customerOf = new Map(rows.map((r) => [r.record_id, r.customer_id]));
}, 300_000);
afterAll(() => {
	f?.close();
	if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const card = (id: string) => `cp:${id}`;

describe('identity on the demo company', () => {
	it('finds every planted duplicate cluster (recall 100%)', () => {
		expect(planted.duplicate_clusters.length).toBeGreaterThan(5);
		const split = planted.duplicate_clusters.filter((c) => new Set(c.ids.map((id) => customerOf.get(card(id)))).size !== 1);
		expect(split).toEqual([]);
	});

	it('merges no CRM cards beyond the planted clusters', async () => {
		const clusterOf = new Map(planted.duplicate_clusters.flatMap((c, k) => c.ids.map((id) => [card(id), k] as const)));
		const rows = await f.query<{ customer_id: string; cards: string[] }>(
			`select customer_id, list_sort(list(record_id)) as cards from intermediate.int_customer_records where source = 'crm' group by 1 having count(*) > 1`
		);
		const extra = rows.filter((r) => new Set(r.cards.map((id) => clusterOf.get(id) ?? id)).size > 1);
		expect(extra).toEqual([]);
		expect(rows).toHaveLength(planted.duplicate_clusters.length);
	});

	it('suggests the planted look-alikes on one corporate domain without merging them', async () => {
		const suggestions = await f.query<{ group_id: string; customer_ids: string[] }>(`select group_id, customer_ids from marts.dq_duplicates where status = 'suggested'`);
		const byGroup = new Map(suggestions.map((s) => [s.group_id, s.customer_ids]));
		for (const match of planted.suggested_matches) {
			const customers = match.ids.map((id) => customerOf.get(card(id))!);
			expect(new Set(customers).size).toBe(2);
			expect(byGroup.get(`domain:${match.domain}`)).toEqual([...customers].sort());
		}
	});

	it('merges the planted duplicate contacts', async () => {
		const contacts = await f.query<{ source_contact_ids: string[] }>('select source_contact_ids from marts.dim_contact where is_merged');
		const merged = contacts.map((c) => [...c.source_contact_ids].sort().join(',')).sort();
		expect(merged).toEqual(planted.contact_duplicates.map((d) => [...d.contact_ids].sort().join(',')).sort());
	});

	it('carries every planted opt-out to the customer', async () => {
		const rows = await f.query<{ customer_id: string; is_email_opt_out: boolean; is_sms_opt_out: boolean; is_messenger_opt_out: boolean }>(
			'select customer_id, is_email_opt_out, is_sms_opt_out, is_messenger_opt_out from marts.dim_customer'
		);
		const consent = new Map(rows.map((r) => [r.customer_id, r]));
		for (const channel of ['email', 'sms', 'messenger'] as const) {
			const ids = planted.opt_outs.counterparties[channel].ids;
			expect(ids.filter((id) => !consent.get(customerOf.get(card(id))!)?.[`is_${channel}_opt_out`])).toEqual([]);
		}
	});

	it('lists the planted e-mails in phone columns and the cards missing an INN', async () => {
		const listed = async (problem: string) =>
			(await f.query<{ record_id: string }>(`select distinct record_id from marts.dq_records where problem = '${problem}' and source = 'crm' order by 1`)).map((r) => r.record_id);
		for (const problem of ['email_in_phone', 'missing_inn']) {
			expect(planted.dq_records[problem].truncated ?? false).toBe(false);
			expect(await listed(problem)).toEqual(planted.dq_records[problem].ids.map(card).sort());
		}
	});
});
