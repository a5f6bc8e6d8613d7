import { describe, expect, it } from 'vitest';
import { compilePathPattern, samplePath } from './path-pattern.ts';

describe('compilePathPattern', () => {
	it('matches literal paths, ignoring one trailing slash', () => {
		const status = compilePathPattern('/api/status');
		expect(status.match('/api/status')).toEqual({});
		expect(status.match('/api/status/')).toEqual({});
		expect(status.match('/api/statuses')).toBeNull();
		expect(status.match('/api/status/x')).toBeNull();
	});

	it('captures parameters (decoded) and never lets one span a slash', () => {
		const query = compilePathPattern('/api/dashboards/:name/queries/:query');
		expect(query.match('/api/dashboards/sales/queries/kpi')).toEqual({ name: 'sales', query: 'kpi' });
		expect(query.match('/api/dashboards/customer%2D360/queries/kpi')).toEqual({ name: 'customer-360', query: 'kpi' });
		expect(query.match('/api/dashboards/a/b/queries/kpi')).toBeNull();
	});

	it('lets a final * match the rest of the path, or nothing', () => {
		const uploads = compilePathPattern('/api/uploads/*');
		expect(uploads.match('/api/uploads')).toEqual({});
		expect(uploads.match('/api/uploads/12/confirm')).toEqual({});
		expect(uploads.match('/api/uploadsx')).toBeNull();
		expect(compilePathPattern('/dashboards/:name/*').match('/dashboards/sales')).toEqual({ name: 'sales' });
	});

	it('treats literal dots and regex characters as text', () => {
		const openapi = compilePathPattern('/api/openapi.json');
		expect(openapi.match('/api/openapi.json')).toEqual({});
		expect(openapi.match('/api/openapiXjson')).toBeNull();
	});

	it('refuses a * that is not the last segment', () => {
		expect(() => compilePathPattern('/api/*/x')).toThrow(/last segment/);
	});
});

describe('samplePath', () => {
	it('fills parameters and wildcards of a Hono route', () => {
		expect(samplePath('/api/dashboards/:id/queries/:query')).toBe('/api/dashboards/sample/queries/sample');
		expect(samplePath('/api/x/:id?')).toBe('/api/x');
		expect(samplePath('/api/files/*')).toBe('/api/files/sample');
		expect(samplePath('/')).toBe('/');
	});
});
