import { z } from 'zod';
import { ROLES } from '../../auth/roles.ts';
import { FILTER_NAMES, PERIOD_PRESETS } from '../../dashboards/filters.ts';
import { CHART_TYPES, VALUE_FORMATS, type ChartSeriesSpec, type TableColumnSpec } from '../../dashboards/contract.ts';

/** The YAML a dashboard file holds, checked strictly so a misspelt key is reported, not ignored. */

const name = z.string().regex(/^[a-z_][a-z0-9_]*$/i, 'use letters, digits and _ (a query or column name)');
export const localized = z.union([z.string(), z.strictObject({ ru: z.string().optional(), en: z.string().optional() })]);
const format = z.enum(VALUE_FORMATS);
const width = z.enum(['full', 'half', 'third', 'quarter']);

const filterItem = z.union([
	z.enum(FILTER_NAMES),
	z.partialRecord(z.enum(FILTER_NAMES), name).refine((r) => Object.keys(r).length === 1, 'write one filter per item, e.g. {channel: channel_options}')
]);

export const frontMatterSchema = z.strictObject({
	title: localized,
	description: localized.optional(),
	roles: z.array(z.enum(ROLES)).min(1, 'name at least one role that may open the dashboard'),
	/** Place in the navigation (smaller first; then by file name). */
	order: z.number().int().default(100),
	filters: z.array(filterItem).default([]),
	/** Page parameters set by clicks (select:) and kept in the URL, e.g. [customer_id]. */
	params: z.array(name).default([]),
	default_period: z.enum(PERIOD_PRESETS).default('last_12_months')
});
export type FrontMatterYaml = z.output<typeof frontMatterSchema>;

const tableColumn = z.union([
	name.transform((column): TableColumnSpec => ({ column })),
	z.strictObject({ column: name, label: localized.optional(), format: format.optional() })
]);

const template = z.union([z.string(), z.number()]).transform(String);
export const drillSchema = z.strictObject({
	query: name,
	params: z.record(name, template).default({}),
	title: localized.optional(),
	columns: z.array(tableColumn).min(1).optional()
});

const names = z.union([name.transform((n) => [n]), z.array(name).min(1)]);
const selectSchema = z.record(name, template).refine((r) => Object.keys(r).length > 0, 'name at least one parameter to set');

const base = {
	query: name,
	title: localized.optional(),
	description: localized.optional(),
	when: names.optional()
};

export const kpiSchema = z.strictObject({
	...base,
	width: width.default('quarter'),
	value: name,
	previous: name.optional(),
	format: format.default('number'),
	good: z.enum(['up', 'down']).default('up'),
	note: name.optional()
});

const seriesItem = z.union([
	name.transform((column): ChartSeriesSpec => ({ column, axis: 'left' })),
	z.strictObject({
		column: name,
		label: localized.optional(),
		type: z.enum(['line', 'bar', 'area']).optional(),
		axis: z.enum(['left', 'right']).default('left')
	})
]);

export const chartSchema = z.strictObject({
	...base,
	width: width.default('full'),
	type: z.enum(CHART_TYPES).default('line'),
	x: name,
	y: z.union([seriesItem.transform((s) => [s]), z.array(seriesItem).min(1)]),
	series: name.optional(),
	band: z.strictObject({ lower: name, upper: name, label: localized.optional() }).optional(),
	format: format.default('number'),
	format_right: format.optional(),
	x_format: format.optional(),
	horizontal: z.boolean().default(false),
	height: z.number().int().min(120).max(1200).default(320),
	drill: drillSchema.optional(),
	select: selectSchema.optional()
});

export const heatmapSchema = z.strictObject({
	...base,
	width: width.default('full'),
	x: name,
	y: name,
	value: name,
	value_label: localized.optional(),
	format: format.default('number'),
	x_format: format.optional(),
	y_format: format.optional(),
	x_order: z.array(z.union([z.string(), z.number()]).transform(String)).optional(),
	y_order: z.array(z.union([z.string(), z.number()]).transform(String)).optional(),
	height: z.number().int().min(120).max(1200).default(320),
	drill: drillSchema.optional(),
	select: selectSchema.optional()
});

export const funnelSchema = z.strictObject({
	...base,
	width: width.default('full'),
	stage: name,
	value: name,
	value_label: localized.optional(),
	format: format.default('integer'),
	height: z.number().int().min(120).max(1200).default(320),
	drill: drillSchema.optional(),
	select: selectSchema.optional()
});



const sortSpec = z
	.string()
	.regex(/^[a-z_][a-z0-9_]*(\s+(asc|desc))?$/i, 'write «column» or «column desc»')
	.transform((s) => {
		const [column, direction] = s.trim().split(/\s+/);
		return { column, desc: direction?.toLowerCase() === 'desc' };
	});

export const tableSchema = z.strictObject({
	...base,
	width: width.default('full'),
	columns: z.array(tableColumn).min(1).optional(),
	sort: sortSpec.optional(),
	page_size: z.number().int().min(5).max(500).default(20),
	search: z.boolean().default(true),
	drill: drillSchema.optional(),
	select: selectSchema.optional()
});

export const componentSchemas = {
	kpi: kpiSchema,
	chart: chartSchema,
	heatmap: heatmapSchema,
	funnel: funnelSchema,
	table: tableSchema
} as const;
export type ComponentLang = keyof typeof componentSchemas;

export function isComponentLang(lang: string): lang is ComponentLang {
	return lang in componentSchemas;
}
