/**
 * The parsed form of a dashboard file (dashboards/<id>.md). Pages import these with
 * `import type` only: the module holds no runtime code, so the client bundle never
 * pulls server code in.
 */
import type { Role } from '../../auth/roles.ts';
import type { MartNotice } from '../freshness/mart-notices.ts';

/** Text in both UI languages, or one string used for both. */
export type Localized = string | { ru?: string; en?: string };

export const FILTER_NAMES = ['period', 'channel', 'manager', 'category', 'city', 'search'] as const;
export type FilterName = (typeof FILTER_NAMES)[number];
/** Filters that pick one value from a list (period is a date range, search free text). */
export type ChoiceFilterName = Exclude<FilterName, 'period' | 'search'>;

/** How a value is shown: money in the reader's currency, percent of a fraction (0.25 → 25 %), etc. */
export const VALUE_FORMATS = ['number', 'integer', 'money', 'percent', 'percent_value', 'date', 'month', 'datetime', 'days', 'text'] as const;
export type ValueFormat = (typeof VALUE_FORMATS)[number];

export type Width = 'full' | 'half' | 'third' | 'quarter';

export interface DashboardFilter {
	name: FilterName;
	/** The query listing the choices (first column value, optional second column label); null for period and search. */
	options: string | null;
}

export interface QueryBlock {
	name: string;
	sql: string;
	/** Line of the SQL's first line in the file (DuckDB's "LINE n" is relative to it). */
	line: number;
	/** Named parameters the SQL uses, without the `$`. */
	params: string[];
	/** Marked `unscoped` in the fence: reference data a sales manager may see whole. */
	unscoped: boolean;
}

export interface DrillSpec {
	query: string;
	/** Drill parameter → template over the clicked point, e.g. {abc_class: '{y}'}. */
	params: Record<string, string>;
	title?: Localized;
	/** How the records are shown (labels, formats); all columns when absent. */
	columns?: TableColumnSpec[];
}

interface ComponentBase {
	query: string;
	title?: Localized;
	description?: Localized;
	width: Width;
	/** Shown only when these page parameters (or filters) have a value, e.g. a chosen customer. */
	when?: string[];
}

/** Page parameters (or filters) a click sets, as templates over the clicked point: {customer_id: '{customer_id}'}. */
export type SelectSpec = Record<string, string>;

export interface KpiSpec extends ComponentBase {
	kind: 'kpi';
	value: string;
	/** Column holding the previous period's value; the tile shows the change against it. */
	previous?: string;
	format: ValueFormat;
	/** Whether a rise is good news (revenue) or bad news (overdue debt). */
	good: 'up' | 'down';
	/** Column of the first row whose text is shown under the figure (what the figure rests on). */
	note?: string;
}

export interface ChartSeriesSpec {
	column: string;
	label?: Localized;
	type?: 'line' | 'bar' | 'area';
	axis: 'left' | 'right';
}

export const CHART_TYPES = ['line', 'bar', 'area', 'stacked_bar', 'stacked_area', 'combo'] as const;
export type ChartType = (typeof CHART_TYPES)[number];

export interface ChartSpec extends ComponentBase {
	kind: 'chart';
	type: ChartType;
	x: string;
	y: ChartSeriesSpec[];
	/** A long table is pivoted into one series per value of this column. */
	series?: string;
	/** An interval drawn as a shaded band (forecast lower/upper). */
	band?: { lower: string; upper: string; label?: Localized };
	format: ValueFormat;
	/** Format of the right-hand axis (combo charts). */
	format_right?: ValueFormat;
	x_format?: ValueFormat;
	horizontal: boolean;
	height: number;
	drill?: DrillSpec;
	select?: SelectSpec;
}

export interface HeatmapSpec extends ComponentBase {
	kind: 'heatmap';
	x: string;
	y: string;
	value: string;
	/** What the value is, for the tooltip (e.g. {ru: SKU, en: SKUs}). */
	value_label?: Localized;
	format: ValueFormat;
	x_format?: ValueFormat;
	y_format?: ValueFormat;
	x_order?: string[];
	y_order?: string[];
	height: number;
	drill?: DrillSpec;
	select?: SelectSpec;
}

export interface FunnelSpec extends ComponentBase {
	kind: 'funnel';
	stage: string;
	value: string;
	value_label?: Localized;
	format: ValueFormat;
	height: number;
	drill?: DrillSpec;
	select?: SelectSpec;
}

export interface TableColumnSpec {
	column: string;
	label?: Localized;
	format?: ValueFormat;
}

export interface TableSpec extends ComponentBase {
	kind: 'table';
	/** Columns to show, in order; all columns of the query when absent. */
	columns?: TableColumnSpec[];
	sort?: { column: string; desc: boolean };
	page_size: number;
	search: boolean;
	drill?: DrillSpec;
	select?: SelectSpec;
}

export type ComponentSpec = KpiSpec | ChartSpec | HeatmapSpec | FunnelSpec | TableSpec;
export type ComponentKind = ComponentSpec['kind'];

export type DashboardBlock =
	| { kind: 'prose'; line: number; html: string; /** Shown only in this UI language (a ```ru or ```en block). */ locale?: 'ru' | 'en' }
	| { kind: 'component'; id: string; line: number; component: ComponentSpec };

/** One thing wrong in a dashboard file, placed where the analyst can find it. */
export interface DashboardProblem {
	file: string;
	line: number | null;
	message: string;
	/** The query it concerns, when it is about one. */
	query?: string;
}

export interface Dashboard {
	id: string;
	file: string;
	title: Localized;
	description: Localized | null;
	roles: Role[];
	order: number;
	filters: DashboardFilter[];
	defaultPeriod: string;
	/** Page parameters beyond the filters (e.g. customer_id), set by clicks and kept in the URL. */
	params: string[];
	queries: Record<string, QueryBlock>;
	blocks: DashboardBlock[];
	/** Drill parameters each drill target query accepts (from the components' drill specs). */
	drillParams: Record<string, string[]>;
}

/** A dashboard file as the catalog lists it: parsed, or with the problems that stopped it. */
export type DashboardEntry =
	| { id: string; file: string; ok: true; dashboard: Dashboard }
	| { id: string; file: string; ok: false; problems: DashboardProblem[]; title: Localized | null; roles: Role[] | null };

/** The column types a query result reports, simplified for formatting. */
export type ColumnKind = 'number' | 'text' | 'date' | 'timestamp' | 'boolean' | 'other';

export interface QueryColumn {
	name: string;
	/** DuckDB's type name, e.g. DECIMAL(18,2). */
	type: string;
	kind: ColumnKind;
}

export interface QueryResult {
	columns: QueryColumn[];
	rows: Record<string, unknown>[];
	/** More rows exist than were returned (download CSV for all). */
	truncated: boolean;
	/** The parameter values the query ran with (manager_scope left out). */
	params: Record<string, string | null>;
	/** Marts the query read that the last build left stale, empty for missing data or unbuilt. */
	notices: MartNotice[];
}
