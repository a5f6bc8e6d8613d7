import { z } from 'zod';
import { FILTER_NAMES, FILTERS, MAX_FILTER_VALUE_LENGTH, PERIOD_PRESETS, type FilterName } from '../../../dashboards/filters.ts';
import { documentRoute } from '../openapi.ts';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'use YYYY-MM-DD');
const text = (what: string) => z.string().max(MAX_FILTER_VALUE_LENGTH).optional().describe(what);
const filterParams = (name: FilterName): Record<string, z.ZodType> => {
	const filter = FILTERS[name];
	if (filter.kind === 'period') {
		return {
			period: z
				.union([z.enum(PERIOD_PRESETS), z.literal('custom')])
				.optional()
				.describe('a period preset; ignored when period_start and period_end are given'),
			period_start: isoDate.optional().describe('first day of the period (inclusive)'),
			period_end: isoDate.optional().describe('last day of the period (inclusive)')
		};
	}
	return { [name]: text(filter.kind === 'choice' ? `keep to this ${filter.describe} (when the dashboard has the filter)` : filter.describe) };
};

/**
 * The filters every dashboard route reads from the query string, built from the filter
 * vocabulary. Loose: a dashboard's page parameters (customer_id) and a drill's
 * parameters (abc_class) come too; the engine reads only the names the dashboard declares.
 */
export const filterQuery = z.looseObject(Object.assign({}, ...FILTER_NAMES.map(filterParams)) as Record<string, z.ZodType>);

const localized = z.union([z.string(), z.object({ ru: z.string().optional(), en: z.string().optional() })]);
const problem = z.object({ file: z.string(), line: z.number().nullable(), message: z.string(), query: z.string().optional() });

const summary = z.object({
	id: z.string(),
	file: z.string(),
	title: localized.nullable(),
	description: localized.nullable(),
	ok: z.boolean(),
	problems: z.array(problem).optional()
});

const words = z.object({ ru: z.string(), en: z.string() });
const martNotice = z
	.object({
		model: z.string(),
		relation: z.string().describe('schema.name as the query reads it'),
		state: z.enum(['stale', 'no_data', 'never_built']).describe('stale: an earlier version is shown; no_data: published empty, its exports are not loaded; never_built: nothing to show'),
		available: z.boolean().describe('something stands under the name, so the query runs'),
		publishedBuildId: z.number().nullable(),
		publishedAt: z.string().nullable().describe('when the version shown was published'),
		checkedBuildId: z.number().describe('the build that left it so'),
		cause: z.record(z.string(), z.unknown()).nullable().describe('why: {kind: model_error | test_failed | source_test_failed | no_data, model, test, message, sources, buildId, upstream}'),
		needs: z.array(z.object({ table: z.string(), family: z.string().nullable(), familyTitle: words.nullable(), tableTitle: words.nullable() })).describe('no_data: the exports that would fill it')
	})
	.describe('a mart the query reads that is not current');

const queryResult = z
	.object({
		columns: z.array(z.object({ name: z.string(), type: z.string().describe('DuckDB type, e.g. DECIMAL(18,2)'), kind: z.enum(['number', 'text', 'date', 'timestamp', 'boolean', 'other']) })),
		rows: z.array(z.record(z.string(), z.unknown())).describe('one object per row; numbers are numbers, dates ISO strings'),
		truncated: z.boolean().describe('more rows exist than the 20 000 returned; the .csv route has them all'),
		params: z.record(z.string(), z.string().nullable()).describe('the parameter values the query ran with'),
		notices: z.array(martNotice).describe('marts the query read that the last build left stale, empty for missing data or unbuilt (same snapshot as the rows)')
	})
	;

const spec = z.object({
	dashboard: z.record(z.string(), z.unknown()).describe('the parsed file: title, roles, filters, queries (with SQL), blocks (prose HTML and components)'),
	filters: z.record(z.string(), z.unknown()).describe('the period and filter values this query string resolves to'),
	periodPresets: z.array(z.string()),
	problems: z.array(problem).describe('queries that do not prepare against the current warehouse (a mart with a notice saying it is not built is not a problem)'),
	notices: z.record(z.string(), z.array(martNotice)).describe('per query: the marts it reads that are not current'),
	dataAsOf: z
		.array(
			z.object({
				family: z.string(),
				title: words,
				latestDataOn: z.string().nullable().describe('the latest fact of the family in the marts (marts.data_as_of)'),
				lastLoadedAt: z.string().nullable().describe('the last file of the family loaded'),
				filesLoaded: z.number()
			})
		)
		.describe('per export family: how current the data is')
});

const pathParams = {
	id: 'the dashboard: its file name in dashboards/ without .md',
	query: 'a query name from the file (```sql <name>)'
};
const tags = ['dashboards'];
const csv = { 200: { description: 'All rows as CSV (UTF-8 with BOM; formula-like text cells escaped)', contentType: 'text/csv' } };

let documented = false;

/** Registers the OpenAPI description of the dashboard routes (once). */
export function dashboardDocs(): void {
	if (documented) return;
	documented = true;
	documentRoute('get', '/api/dashboards', {
		summary: 'Dashboards the signed-in role may open (files with errors included for admins, with their problems)',
		tags,
		responses: { 200: { description: 'The list', schema: z.object({ dashboards: z.array(summary) }) } }
	});
	documentRoute('get', '/api/dashboards/{id}', {
		summary: 'One dashboard: its parsed spec, the resolved filters and any query that fails to prepare',
		description: 'A file that does not parse answers 422 with error.problems (file, line, message).',
		tags,
		query: filterQuery,
		pathParams,
		responses: { 200: { description: 'The dashboard', schema: spec } }
	});
	documentRoute('get', '/api/dashboards/{id}/queries/{query}', {
		summary: "Rows and column types of one of the dashboard's queries under the filters",
		tags,
		query: filterQuery,
		pathParams,
		responses: { 200: { description: 'The result', schema: queryResult } }
	});
	documentRoute('get', '/api/dashboards/{id}/queries/{query}.csv', { summary: 'A query as CSV', tags, query: filterQuery, pathParams, responses: csv });
	documentRoute('get', '/api/dashboards/{id}/drill/{query}', {
		summary: 'The records behind a click: a drill query with the filters and its drill parameters',
		description: 'Besides the filters, the query string carries the drill parameters the dashboard declares for this query (e.g. abc_class=A).',
		tags,
		query: filterQuery,
		pathParams,
		responses: { 200: { description: 'The records', schema: queryResult } }
	});
	documentRoute('get', '/api/dashboards/{id}/drill/{query}.csv', { summary: 'Drill records as CSV', tags, query: filterQuery, pathParams, responses: csv });
}
