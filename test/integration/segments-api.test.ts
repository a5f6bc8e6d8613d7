import crypto from 'node:crypto';
import type { Hono } from 'hono';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSRF_HEADER } from '../../src/lib/auth/csrf.ts';
import type { SessionUser } from '../../src/lib/auth/roles.ts';
import { createApiApp } from '../../src/lib/server/api/app.ts';
import type { ApiEnv } from '../../src/lib/server/api/context.ts';
import { csrfTokenFor } from '../../src/lib/server/auth/csrf.ts';
import { SESSION_COOKIE } from '../../src/lib/server/auth/sessions.ts';
import { segmentsWarehouse, type SegmentsWarehouse } from '../fixtures/segments/fixture.ts';
import { usersByRole } from './auth-fixtures.ts';

// The segment builder's API over the fixture marts (test/fixtures/segments/marts.sql),
// behind the real access guard, as the browser calls it (session cookie + CSRF header).
let fx: SegmentsWarehouse;
let app: Hono<ApiEnv>;
const marketer = usersByRole.marketer;

beforeAll(async () => {
	fx = await segmentsWarehouse();
	app = createApiApp({ paths: fx.paths, warehouse: async () => fx.warehouse, adminToken: () => null }) as Hono<ApiEnv>;
});
afterAll(() => fx?.close());

function call(method: string, path: string, user: SessionUser | null, body?: unknown, options: { csrf?: boolean; locale?: 'ru' | 'en' } = {}) {
	const headers = new Headers({ accept: 'application/json' });
	const session = crypto.randomBytes(32).toString('base64url');
	if (user) headers.set('cookie', `${SESSION_COOKIE}=${session}`);
	if (user && (options.csrf ?? true)) headers.set(CSRF_HEADER, csrfTokenFor(session));
	if (body !== undefined) headers.set('content-type', 'application/json');
	const request = new Request(`http://localhost${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
	return app.fetch(request, { user, locale: options.locale ?? 'ru' });
}

const url = (name: string) => `/api/segments/${encodeURIComponent(name)}`;
const lapsed = { conditions: [{ type: 'last_purchase', olderThanDays: 90 }] };

describe('live preview', () => {
	it('answers the counts and the first customers of an unsaved definition', async () => {
		const response = await call('POST', '/api/segments/preview', marketer, { definition: { conditions: [{ type: 'city', values: ['Казань'] }] } });
		expect(response.status).toBe(200);
		const body = (await response.json()) as { counts: { customers: number; exportable: Record<string, number> }; sample: { customer_id: string }[] };
		// Казань: C02, C06, C10 — all alive; C02 refused e-mail, so the e-mail file has 2 rows
		expect(body.counts.customers).toBe(3);
		expect(body.counts.exportable).toEqual({ all: 3, email: 2, sms: 3, messenger: 3 });
		expect(body.sample.map((row) => row.customer_id)).toEqual(['C06', 'C02', 'C10']);
	});

	it('400 bad_definition with every issue and where it is', async () => {
		const response = await call('POST', '/api/segments/preview', marketer, { definition: { conditions: [{ type: 'p_alive', min: 2 }] } });
		expect(response.status).toBe(400);
		const body = (await response.json()) as { error: { code: string; issues: { path: string }[] } };
		expect(body.error.code).toBe('bad_definition');
		expect(body.error.issues[0].path).toBe('conditions.0.min');
	});

	it('offers the choices the builder lists, counted', async () => {
		const response = await call('GET', '/api/segments/choices', marketer);
		const body = (await response.json()) as { cities: { value: string; customers: number }[]; asOf: string; rfmSegments: { value: string; customers: number }[] };
		// Москва: C01 C03 C05 C07 C09 (C99 anonymous is not counted)
		expect(body.cities[0]).toEqual({ value: 'Москва', label: { ru: 'Москва', en: 'Москва' }, customers: 5 });
		expect(body.asOf).toBe('2026-06-30');
		expect(body.rfmSegments.find((s) => s.value === 'loyal')?.customers).toBe(2);
		expect(body.rfmSegments).toHaveLength(11);
		// the model behind P(alive) and the predicted value, as ltv_model_selection words it
		expect((body as unknown as { ltvModel: unknown }).ltvModel).toEqual({
			ru: 'Модель MBG/NBD: ошибка на отложенном периоде (26 нед.) 0,41 покупки на клиента при 0,95 в среднем; BG/NBD 0,63. Выбрана как точнее предсказавшая, кто купит снова.',
			en: 'Model MBG/NBD: holdout error over the last 26 weeks 0.41 purchases per customer (they made 0.95 on average); BG/NBD 0.63. Chosen for predicting best who buys again.'
		});
	});
});

describe('saved segments', () => {
	it('saves, lists, reopens, edits, renames and deletes', async () => {
		const created = await call('POST', '/api/segments', marketer, { name: 'Давно не покупали', description: 'больше 90 дней', definition: lapsed });
		expect(created.status).toBe(201);
		const { segment } = (await created.json()) as { segment: { name: string; owner: string; definition: unknown } };
		expect(segment).toMatchObject({ name: 'Давно не покупали', owner: 'marketer-user', definition: lapsed });

		const reopened = await call('GET', url('Давно не покупали'), marketer);
		// more than 90 days before 2026-06-30: C03, C04, C08 (C04 is a dead soul)
		expect(await reopened.json()).toMatchObject({ segment: { description: 'больше 90 дней' }, counts: { customers: 3, deadSouls: 1 } });

		const edited = await call('PUT', url('давно не покупали'), usersByRole.admin, {
			name: 'Давно не покупали (Москва)',
			definition: { conditions: [...lapsed.conditions, { type: 'city', values: ['Москва'] }] }
		});
		expect(edited.status).toBe(200);
		expect(await edited.json()).toMatchObject({ segment: { name: 'Давно не покупали (Москва)', owner: 'marketer-user', updatedBy: 'admin-user' } });
		expect((await call('GET', url('Давно не покупали'), marketer)).status).toBe(404);

		const list = (await (await call('GET', '/api/segments', marketer)).json()) as { segments: { name: string }[] };
		expect(list.segments.map((s) => s.name)).toContain('Давно не покупали (Москва)');

		expect((await call('DELETE', url('Давно не покупали (Москва)'), marketer)).status).toBe(204);
		expect((await call('GET', url('Давно не покупали (Москва)'), marketer)).status).toBe(404);
	});

	it('keeps names unique regardless of case', async () => {
		expect((await call('POST', '/api/segments', marketer, { name: 'Казань', definition: { conditions: [] } })).status).toBe(201);
		const again = await call('POST', '/api/segments', marketer, { name: 'казань', definition: { conditions: [] } });
		expect(again.status).toBe(409);
		expect(await again.json()).toMatchObject({ error: { code: 'segment_exists' } });
	});

	it('refuses names that cannot be a URL or a file name, and invalid definitions', async () => {
		expect((await call('POST', '/api/segments', marketer, { name: 'a/b', definition: { conditions: [] } })).status).toBe(400);
		expect((await call('POST', '/api/segments', marketer, { name: '  ', definition: { conditions: [] } })).status).toBe(400);
		const invalid = await call('POST', '/api/segments', marketer, { name: 'Плохой', definition: { conditions: [{ type: 'purchases' }] } });
		expect(invalid.status).toBe(400);
		expect((await call('GET', url('Плохой'), marketer)).status).toBe(404);
	});

	it('refuses names a URL normalises away or a route owns, with the reason in the reader’s language', async () => {
		const create = (name: string, locale: 'ru' | 'en' = 'ru') => call('POST', '/api/segments', marketer, { name, definition: { conditions: [] } }, { locale });
		for (const name of ['.', '..', ' .. ', '...']) {
			const response = await create(name);
			expect(response.status, name).toBe(400);
			expect(await response.json()).toEqual({ error: { code: 'bad_segment_name', message: 'Название не может состоять из одних точек.' } });
		}
		const english = await create('..', 'en');
		expect(await english.json()).toEqual({ error: { code: 'bad_segment_name', message: 'a name cannot be only dots' } });
		// GET /api/segments/choices is the builder's choices, not a segment called so.
		expect(await (await create('Choices')).json()).toEqual({
			error: { code: 'bad_segment_name', message: '«Choices» — служебное слово, выберите другое название.' }
		});
		expect(await (await create('preview', 'en')).json()).toEqual({ error: { code: 'bad_segment_name', message: '«preview» is a reserved word: choose another name' } });
		// …nor can a saved segment be renamed so.
		expect((await create('Переименуемый')).status).toBe(201);
		const renamed = await call('PUT', url('Переименуемый'), marketer, { name: '..', definition: { conditions: [] } });
		expect(renamed.status).toBe(400);
		expect((await call('GET', url('Переименуемый'), marketer)).status).toBe(200);
		// A dot inside a name is fine.
		expect((await create('v1.2')).status).toBe(201);
		expect((await call('GET', url('v1.2'), marketer)).status).toBe(200);
	});

	it('refuses invisible format and control characters that would spoof a file name', async () => {
		const create = (name: string, locale: 'ru' | 'en' = 'ru') => call('POST', '/api/segments', marketer, { name, definition: { conditions: [] } }, { locale });
		// U+202E turns «Счёт\u202Efdp.exe» into «Счётexe.pdf» on screen; U+200B is a zero-width space,
		// U+2066 a bidi isolate, U+00AD a soft hyphen, U+2028 a line separator, \uD800 half a surrogate pair.
		for (const name of ['Счёт\u202Efdp.exe', '\u200BСпящие', 'a\u2066b', 'мяг\u00ADкий', 'две\u2028строки', 'half\uD800', 'tab\there']) {
			const response = await create(name);
			expect(response.status, JSON.stringify(name)).toBe(400);
			expect(await response.json()).toEqual({
				error: { code: 'bad_segment_name', message: 'В названии есть невидимые или управляющие символы (например, смена направления текста): уберите их.' }
			});
		}
		expect(await (await create('Счёт\u202Efdp.exe', 'en')).json()).toEqual({
			error: { code: 'bad_segment_name', message: 'the name contains invisible or control characters (such as a text direction override): remove them' }
		});
		expect(await (await create('a/b', 'en')).json()).toEqual({ error: { code: 'bad_segment_name', message: 'a name without slashes' } });
		// Emoji and Cyrillic are letters and symbols, not format characters.
		expect((await create('Ёлки 🎄')).status).toBe(201);
	});

	it('a saved definition that no longer reads says so, and can still be deleted', async () => {
		await fx.warehouse.run(
			`insert into app.segments (name, definition, owner, created_at, updated_at, updated_by)
			values ('Старый', '{"conditions":[{"type":"vip_flag"}]}', 'marina', now()::timestamp, now()::timestamp, 'marina')`
		);
		const response = await call('GET', url('Старый'), marketer);
		expect(response.status).toBe(422);
		expect(await response.json()).toMatchObject({ error: { code: 'bad_saved_definition', message: expect.stringContaining('conditions.0') } });
		expect((await call('DELETE', url('Старый'), marketer)).status).toBe(204);
		expect((await call('GET', '/api/segments', marketer)).status).toBe(200);
	});

	it('a change needs the CSRF token; a sales manager may not use segments at all', async () => {
		const forged = await call('POST', '/api/segments', marketer, { name: 'Подделка', definition: { conditions: [] } }, { csrf: false });
		expect(forged.status).toBe(403);
		expect(await forged.json()).toMatchObject({ error: { code: 'csrf' } });
		expect((await call('GET', '/api/segments', usersByRole.sales_manager)).status).toBe(403);
		expect((await call('GET', `/api/exports/segments/${encodeURIComponent('Казань')}`, usersByRole.purchasing)).status).toBe(403);
	});
});

describe('download through the API', () => {
	it('streams the CSV with the file name in Content-Disposition and logs it as a web export', async () => {
		await call('POST', '/api/segments', marketer, { name: 'Казань email', definition: { conditions: [{ type: 'city', values: ['Казань'] }] } });
		const response = await call('GET', `/api/exports/segments/${encodeURIComponent('Казань email')}?channel=email&delimiter=semicolon`, marketer);
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
		expect(response.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent('Казань email-email-')}`);
		const text = await response.text();
		const rows = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { delimiter: ';', skipEmptyLines: true }).data;
		// Казань: C02 refused e-mail; C06 and C10 remain, in name order
		expect(rows.slice(1).map((row) => row[0])).toEqual(['C06', 'C10']);
		// logged once the last byte was taken, just after the body ends
		const logged = () => fx.warehouse.query("select username, segment, format, row_count, via from audit.exports where segment = 'Казань email'");
		await expect.poll(logged).toEqual([{ username: 'marketer-user', segment: 'Казань email', format: 'csv', row_count: 2, via: 'web' }]);
		const history = (await (await call('GET', `/api/exports?segment=${encodeURIComponent('казань email')}`, marketer)).json()) as { exports: unknown[] };
		expect(history.exports).toHaveLength(1);
	});

	it('builds the download name safely from a segment saved before names were checked', async () => {
		// An older version let a right-to-left override into a name; the file name must not carry it.
		await fx.warehouse.run(
			`insert into app.segments (name, definition, owner, created_at, updated_at, updated_by)
			values ('Счёт\u202Efdp.exe', '{"conditions":[{"type":"city","values":["Казань"]}]}', 'marina', now()::timestamp, now()::timestamp, 'marina')`
		);
		const response = await call('GET', `/api/exports/segments/${encodeURIComponent('Счёт\u202Efdp.exe')}`, marketer);
		expect(response.status).toBe(200);
		await response.text();
		const disposition = response.headers.get('content-disposition')!;
		const day = /-all-(\d{4}-\d{2}-\d{2})\.csv/.exec(disposition)?.[1];
		expect(disposition).toBe(
			`attachment; filename="____ fdp.exe-all-${day}.csv"; filename*=UTF-8''${encodeURIComponent(`Счёт fdp.exe-all-${day}.csv`)}`
		);
		expect(disposition).not.toContain('%E2%80%AE');
	});

	it('answers JSON errors before the first byte: unknown segment 404, bad format 400', async () => {
		const missing = await call('GET', '/api/exports/segments/nope', marketer);
		expect(missing.status).toBe(404);
		expect(await missing.json()).toMatchObject({ error: { code: 'segment_not_found' } });
		expect((await call('GET', `/api/exports/segments/${encodeURIComponent('Казань')}?format=pdf`, marketer)).status).toBe(400);
	});

	it('says the marts are missing when the models were never built', async () => {
		await fx.warehouse.run('alter table marts.rfm rename to rfm_gone');
		try {
			const response = await call('GET', `/api/exports/segments/${encodeURIComponent('Казань')}?format=xlsx`, marketer);
			expect(response.status).toBe(409);
			expect(await response.json()).toMatchObject({ error: { code: 'marts_missing', message: expect.stringContaining('marts.rfm') } });
		} finally {
			await fx.warehouse.run('alter table marts.rfm_gone rename to rfm');
		}
	});
});
