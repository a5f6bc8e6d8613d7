import { describe, expect, it } from 'vitest';
import { ApiFailure, ensureOk, failureOf, readJson } from './api-failure.ts';

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('failureOf', () => {
	it('reads the API error shape', () => {
		const failure = failureOf(409, 'Conflict', '{"error":{"code":"segment_exists","message":"a segment named «A» already exists"}}');
		expect(failure).toBeInstanceOf(ApiFailure);
		expect({ status: failure.status, code: failure.code, message: failure.message }).toEqual({ status: 409, code: 'segment_exists', message: 'a segment named «A» already exists' });
	});

	it('gives a body that is not the API shape a code from its status', () => {
		expect(failureOf(413, 'Payload Too Large', 'Content-length of 300 exceeds limit of 200 bytes.')).toMatchObject({ code: 'http_413', message: 'Content-length of 300 exceeds limit of 200 bytes.' });
		// a proxy's HTML page or an empty body: the status line
		expect(failureOf(502, 'Bad Gateway', '<html><body>nginx</body></html>')).toMatchObject({ code: 'http_502', message: '502 Bad Gateway' });
		expect(failureOf(500, '', '')).toMatchObject({ code: 'http_500', message: '500' });
		expect(failureOf(400, 'Bad Request', '{"error":{"message":"no code"}}')).toMatchObject({ code: 'http_400', message: 'no code' });
	});
});

describe('readJson and ensureOk', () => {
	it('returns the JSON of an ok response and throws the failure of one that is not', async () => {
		expect(await readJson(json(200, { rows: [1] }))).toEqual({ rows: [1] });
		await expect(readJson(json(404, { error: { code: 'segment_not_found', message: 'no saved segment «B»' } }))).rejects.toMatchObject({
			status: 404,
			code: 'segment_not_found',
			message: 'no saved segment «B»'
		});
	});

	it('lets a 204 pass and throws for an error without reading anything else', async () => {
		await expect(ensureOk(new Response(null, { status: 204 }))).resolves.toBeUndefined();
		await expect(ensureOk(json(404, { error: { code: 'mapping_not_found', message: 'no saved mapping «x»' } }))).rejects.toMatchObject({ code: 'mapping_not_found' });
	});
});
