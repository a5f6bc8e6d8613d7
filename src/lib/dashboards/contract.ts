/**
 * The dashboard contract: what the engine (src/lib/server/dashboards) hands the pages
 * and the API hands its clients — the parsed dashboard, query results, the notices
 * about the marts a query read, "data as of" — and the lists of formats and chart types a
 * file may name. No server code, so the pages and components import it freely. The filter
 * vocabulary is in ./filters.ts, the drill templates in ./drill-template.ts.
 */
import type { Role } from '../auth/roles.ts';
import type { ChoiceFilterName, FilterName, PeriodPreset } from './filters.ts';

/** Text in both UI languages, or one string used for both. */
export type Localized = string | { ru?: string; en?: string };

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
	/** Choice filters the engine applies to the query's rows, and the column each compares (`channel=source_channel`). */
	filters: Partial<Record<ChoiceFilterName, string>>;
	/** Columns naming the manager of each row (`scope=manager`): a sales manager sees only rows that name them in all. */
	scope: string[];
	/** Other queries of the file it selects from (`${name}`), inlined by the engine as CTEs. */
	uses: string[];
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

/** The period a request resolved to; both ends inclusive, ISO dates. */
export interface Period {
	/** The preset it came from, or 'custom'. */
	preset: PeriodPreset | 'custom';
	start: string;
	end: string;
	prevStart: string;
	prevEnd: string;
}

/** The filters a request asked for, as the engine read them. */
export interface RequestFilters {
	period: Period;
	choices: Record<ChoiceFilterName, string | null>;
	/** The search filter's text (trimmed), or null. */
	search: string | null;
	/** The dashboard's page parameters (e.g. customer_id), null when not set. */
	params: Record<string, string | null>;
}

/** A dashboard as the list of dashboards shows it. */
export interface DashboardSummary {
	id: string;
	file: string;
	title: Localized | null;
	description: Localized | null;
	ok: boolean;
	/** Present for a file that does not parse. */
	problems?: DashboardProblem[];
}

/**
 * current: the last build published it; stale: it kept an earlier version because it or
 * something it is built on failed; no_data: published empty, the data it requires is not
 * loaded; never_built: it has no published version.
 */
export type ModelStateName = 'current' | 'stale' | 'no_data' | 'never_built';

/** Why a model is not current, as data (the dashboards word it in the reader's language). */
export type StateCause =
	| { kind: 'model_error'; model: string; message: string }
	| { kind: 'test_failed'; model: string; test: string; message: string }
	| { kind: 'source_test_failed'; source: string; test: string; message: string }
	| { kind: 'no_data'; sources: string[]; message: string }
	| ({ kind: 'held'; model: string } & GuardHold);

/** Why the publish guard holds a mart back: it grew too much, or filled with junk-looking rows. */
export interface GuardHold {
	rule: 'growth' | 'junk';
	previousRows: number;
	rows: number;
	/** Junk-looking rows before and after (null: the model has no junk condition). */
	junkBefore: number | null;
	junkAfter: number | null;
	message: string;
	ru: string;
}

/** A mart the guard holds for an admin's confirmation now (GET /api/uploads/holds). */
export interface PublishHold extends GuardHold {
	model: string;
	/** The build that held it; the published version readers see is older. */
	buildId: number;
}

type Words = { ru: string; en: string };

/** An export a model needs and lacks, in words: «Склад · Остатки на складах» (raw.stock_balances). */
export interface MissingExport {
	table: string;
	family: string | null;
	familyTitle: Words | null;
	tableTitle: Words | null;
}

/** What a tile says about a mart its query reads that is not current. */
export interface MartNotice {
	model: string;
	/** schema.name as the query names it. */
	relation: string;
	state: Exclude<ModelStateName, 'current'>;
	/** Something stands under the name (the kept version, or the empty one): the query can run. */
	available: boolean;
	/** The version shown (stale) and when it was published. */
	publishedBuildId: number | null;
	publishedAt: string | null;
	/** The build that found the problem. */
	checkedBuildId: number;
	cause: (StateCause & { buildId: number; upstream: boolean }) | null;
	/** no_data: the exports that would fill it. */
	needs: MissingExport[];
}

/** "Data as of" for one export family. */
export interface FamilyAsOf {
	family: string;
	title: Words;
	/** From marts.data_as_of (null: nothing of it in the last build). */
	latestDataOn: string | null;
	/** The last file of the family loaded (audit.files), and how many were. */
	lastLoadedAt: string | null;
	filesLoaded: number;
}
