import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PublishHold } from '../../src/lib/server/uploads/index.ts';
import type { Warehouse } from '../../src/lib/server/warehouse/index.ts';
import { repoRoot } from '../helpers/mart-fixture.ts';
import { usersByRole } from './auth-fixtures.ts';
import { uploadsClient, uploadsProject } from './uploads-client.ts';

// The publish guard through the upload page's API: the repository's ingest jobs, the
// fixture project of test/fixtures/publish-guard (a guarded dim_customer with junk = no INN,
// and customer_count built on it), a temp warehouse.
let setup: Awaited<ReturnType<typeof uploadsProject>>;
let warehouse: Warehouse;
let api: ReturnType<typeof uploadsClient>;

beforeAll(async () => {
	setup = await uploadsProject('oborot-publish-guard-', (project) => fs.cpSync(path.join(repoRoot, 'test/fixtures/publish-guard'), project, { recursive: true }));
	({ warehouse, api } = setup);
});
afterAll(() => setup?.close());

const HEADER = 'Документ;№;Дата;Контрагент;ИНН;Артикул;Количество;Цена;Сумма';

/** One sales line per customer: `count` customers named «<prefix> n», with an INN or without. */
function salesFile(prefix: string, count: number, withInn: boolean): string {
	const lines = Array.from({ length: count }, (_, i) => `${prefix}-${i + 1};1;10.03.2024;ООО ${prefix} ${i + 1};${withInn ? String(7700000000 + i) : ''};SKU-1;1;100,00;100,00`);
	return `${[HEADER, ...lines].join('\n')}\n`;
}

type Hold = PublishHold;
interface Rebuild {
	status: string;
	held: Hold[];
	kept: { model: string; state: string | null; reason: string }[];
}

async function load(name: string, text: string): Promise<void> {
	const uploaded = await api.upload(name, text);
	expect(uploaded.status).toBe(201);
	const { upload } = (await uploaded.json()) as { upload: { id: string } };
	const loaded = await api.json('POST', `/api/uploads/${upload.id}/ingest`, {});
	expect(((await loaded.json()) as { result: { status: string } }).result.status).toBe('loaded');
}

async function rebuild(): Promise<Rebuild> {
	const response = await api.request('POST', '/api/uploads/rebuild');
	expect(response.status).toBe(200);
	return (await response.json()) as Rebuild;
}

async function confirm(): Promise<Rebuild> {
	const response = await api.request('POST', '/api/uploads/holds/confirm');
	expect(response.status).toBe(200);
	return (await response.json()) as Rebuild;
}

async function published(): Promise<{ customers: number; counted: number }> {
	const [row] = await warehouse.query<{ customers: number; counted: number }>(
		'select (select count(*) from marts.dim_customer)::int as customers, (select customers from marts.customer_count)::int as counted'
	);
	return row;
}

async function holds(): Promise<Hold[]> {
	const response = await api.request('GET', '/api/uploads/holds');
	expect(response.status).toBe(200);
	return (await response.json()) as Hold[];
}

describe('the publish guard', () => {
	it('publishes a first load whatever its size (nothing published to compare with)', async () => {
		await load('база.csv', salesFile('Б', 150, true));
		expect((await rebuild()).status).toBe('success');
		expect(await published()).toEqual({ customers: 150, counted: 150 });
	});

	it('holds a load that adds more junk-looking customers (no INN) than 20 % of the published ones', async () => {
		await load('без инн.csv', salesFile('Х', 40, false));
		const result = await rebuild();
		expect(result.status).toBe('partial');
		// 40 new customers without an INN over 150 published: 26.7 % > 20 %; growth ×1.27 is within ×10
		expect(result.held).toEqual([
			{
				model: 'dim_customer',
				rule: 'junk',
				previousRows: 150,
				rows: 190,
				junkBefore: 0,
				junkAfter: 40,
				buildId: expect.any(Number),
				message:
					'«dim_customer» would gain 40 rows that look like junk (inn is null): 26.7 % of its 150 rows, over the limit of 20 % (publish_max_junk_pct): held until an admin confirms it on the upload page',
				ru: 'в «dim_customer» добавилось бы 40 строк, похожих на мусор (inn is null): 26,7 % от 150 строк, больше предела 20 % (publish_max_junk_pct): не опубликован, пока администратор не подтвердит это на странице загрузки'
			}
		]);
		expect(result.kept.map((k) => [k.model, k.state])).toEqual([
			['dim_customer', 'stale'],
			['customer_count', 'stale']
		]);
		expect(await published()).toEqual({ customers: 150, counted: 150 });
		expect(await holds()).toEqual(result.held);
	});

	it('on confirmation publishes what was held', async () => {
		const result = await confirm();
		expect(result).toMatchObject({ status: 'success', held: [], kept: [] });
		expect(await published()).toEqual({ customers: 190, counted: 190 });
		expect(await holds()).toEqual([]);
		const [log] = await warehouse.query<{ username: string; action: string; target: string }>(
			`select username, action, target from audit.access_log where action = 'confirm_publish'`
		);
		expect(log).toEqual({ username: 'admin-user', action: 'confirm_publish', target: 'dim_customer' });
	});

	it('holds a load that multiplies the customers ×20, shows why, and publishes on confirmation', async () => {
		await load('мусор.csv', salesFile('М', 3610, true));
		const result = await rebuild();
		expect(result.held).toMatchObject([{ model: 'dim_customer', rule: 'growth', previousRows: 190, rows: 3800 }]);
		expect(result.held[0].message).toBe(
			'«dim_customer» would grow from 190 to 3,800 rows (×20, over the limit of ×10, publish_max_growth): held until an admin confirms it on the upload page'
		);
		expect(result.held[0].ru).toBe(
			'«dim_customer» вырос бы с 190 до 3\u00a0800 строк (×20, больше предела ×10, publish_max_growth): не опубликован, пока администратор не подтвердит это на странице загрузки'
		);
		expect(await published()).toEqual({ customers: 190, counted: 190 });
		// the dashboards read why from audit.model_state
		const [state] = await warehouse.query<{ state: string; reason: string }>(`select state, reason from audit.model_state where model = 'dim_customer'`);
		expect(state.state).toBe('stale');
		expect(state.reason).toMatch(/^held in build \d+: «dim_customer» would grow from 190 to 3,800 rows/);

		expect(await confirm()).toMatchObject({ status: 'success', held: [] });
		expect(await published()).toEqual({ customers: 3800, counted: 3800 });
	});

	it('a second confirmation finds nothing to confirm', async () => {
		const response = await api.request('POST', '/api/uploads/holds/confirm');
		expect(response.status).toBe(409);
		expect(((await response.json()) as { error: { code: string } }).error.code).toBe('nothing_held');
	});

	it('only an admin sees and confirms holds', async () => {
		for (const role of ['executive', 'marketer', 'purchasing', 'sales_manager'] as const) {
			expect((await api.request('POST', '/api/uploads/holds/confirm', usersByRole[role])).status).toBe(403);
			expect((await api.request('GET', '/api/uploads/holds', usersByRole[role])).status).toBe(403);
		}
		expect((await api.request('POST', '/api/uploads/holds/confirm', null)).status).toBe(401);
	});
});
