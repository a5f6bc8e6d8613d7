import type { FormatKind } from '../../format/format-value.ts';
import type { ChartSeriesSpec, ChartSpec, QueryColumn } from '../../dashboards/contract.ts';
import type { DrillDatum } from '../../dashboards/drill-template.ts';
import { tooltipRow, tooltipTitle, type ChartClick, type ChartContext } from './chart-context.ts';
import { pivot } from './pivot.ts';
import { ACCENT } from './theme.ts';

type Row = Record<string, unknown>;

interface PlotSeries {
	name: string;
	/** What {series} means in a drill template: the pivot value or the column. */
	key: unknown;
	kind: 'line' | 'bar';
	area: boolean;
	stack?: string;
	axis: 0 | 1;
	values: (number | null)[];
	rows: (Row | null)[];
	/** Part of the shaded interval: drawn, never listed or clicked. */
	helper?: boolean;
}

export interface BuiltChart {
	option: Record<string, unknown>;
	/** The record behind a clicked point, with x, series, value and name for drill templates. */
	datumAt(click: ChartClick): DrillDatum | null;
}

const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** How x values read: dates as dates (months when every date is the 1st), else as they come. */
export function xFormat(spec: { x: string; x_format?: FormatKind }, columns: QueryColumn[], rows: Row[]): FormatKind | null {
	if (spec.x_format) return spec.x_format;
	const kind = columns.find((c) => c.name === spec.x)?.kind;
	if (kind === 'timestamp') return 'datetime';
	if (kind !== 'date') return null;
	return rows.every((r) => typeof r[spec.x] !== 'string' || (r[spec.x] as string).endsWith('-01')) ? 'month' : 'date';
}

function shape(chartType: ChartSpec['type'], y: ChartSeriesSpec, index: number): Pick<PlotSeries, 'kind' | 'area' | 'stack'> {
	if (y.type) return { kind: y.type === 'bar' ? 'bar' : 'line', area: y.type === 'area' };
	switch (chartType) {
		case 'bar':
			return { kind: 'bar', area: false };
		case 'stacked_bar':
			return { kind: 'bar', area: false, stack: 'total' };
		case 'area':
			return { kind: 'line', area: true };
		case 'stacked_area':
			return { kind: 'line', area: true, stack: 'total' };
		case 'combo':
			return index === 0 ? { kind: 'bar', area: false } : { kind: 'line', area: false };
		default:
			return { kind: 'line', area: false };
	}
}

function plotSeries(spec: ChartSpec, rows: Row[], ctx: ChartContext): { categories: unknown[]; series: PlotSeries[] } {
	if (spec.series) {
		const y = spec.y[0];
		const table = pivot(rows, spec.x, spec.series, y.column);
		const look = shape(spec.type, y, 0);
		const series = table.series.map((s) => ({ ...look, name: s.name === null ? '—' : String(s.name), key: s.name, axis: 0 as const, values: s.values, rows: s.rows }));
		return { categories: table.categories, series };
	}
	const categories = rows.map((r) => r[spec.x]);
	const series: PlotSeries[] = spec.y.map((y, i) => ({
		...shape(spec.type, y, i),
		name: ctx.text(y.label) || y.column,
		key: y.column,
		axis: y.axis === 'right' ? 1 : 0,
		values: rows.map((r) => num(r[y.column])),
		rows
	}));
	if (spec.band) {
		const { lower, upper } = spec.band;
		const base = { kind: 'line' as const, stack: 'band', axis: 0 as const, rows, helper: true };
		series.push(
			{ ...base, name: 'band-lower', key: lower, area: false, values: rows.map((r) => num(r[lower])) },
			{
				...base,
				name: 'band-width',
				key: upper,
				area: true,
				values: rows.map((r) => (num(r[upper]) !== null && num(r[lower]) !== null ? num(r[upper])! - num(r[lower])! : null))
			}
		);
	}
	return { categories, series };
}

function echartsSeries(s: PlotSeries, horizontal: boolean) {
	const common = { name: s.name, data: s.values, stack: s.stack, yAxisIndex: horizontal ? undefined : s.axis, emphasis: { focus: 'series' } };
	if (s.helper) {
		return {
			...common,
			type: 'line',
			symbol: 'none',
			silent: true,
			lineStyle: { opacity: 0 },
			areaStyle: s.area ? { color: ACCENT, opacity: 0.12 } : undefined,
			tooltip: { show: false },
			emphasis: { disabled: true }
		};
	}
	if (s.kind === 'bar') {
		return { ...common, type: 'bar', barMaxWidth: 36, itemStyle: { borderRadius: horizontal ? [0, 3, 3, 0] : s.stack ? 0 : [3, 3, 0, 0] } };
	}
	return { ...common, type: 'line', connectNulls: false, showSymbol: s.values.length <= 36, areaStyle: s.area ? { opacity: s.stack ? 0.6 : 0.15 } : undefined };
}

/** ECharts options for a line / bar / area / stacked / combo chart of a query result. */
export function cartesianOption(spec: ChartSpec, data: { columns: QueryColumn[]; rows: Row[] }, ctx: ChartContext): BuiltChart {
	const { categories, series } = plotSeries(spec, data.rows, ctx);
	const xFmt = xFormat(spec, data.columns, data.rows);
	const formats: FormatKind[] = [spec.format, spec.format_right ?? spec.format];
	const horizontal = spec.horizontal;
	const visible = series.filter((s) => !s.helper);
	const showLegend = visible.length > 1;
	const usesRight = !horizontal && visible.some((s) => s.axis === 1);

	const categoryAxis = {
		type: 'category',
		data: categories.map((c) => (c === null ? '—' : String(c))),
		inverse: horizontal,
		axisLabel: { hideOverlap: true, formatter: (v: string) => (xFmt ? ctx.format(v, xFmt) : v) }
	};
	const valueAxes = [0, 1].slice(0, usesRight ? 2 : 1).map((i) => ({
		type: 'value',
		// Money ticks across a narrow horizontal chart would run into each other.
		axisLabel: { hideOverlap: true, formatter: (v: number) => ctx.format(v, formats[i], { compact: true }) },
		// Counts have no fractional ticks (0.2 customers would print as 0).
		...(formats[i] === 'integer' ? { minInterval: 1 } : {}),
		...(i === 1 ? { splitLine: { show: false } } : {})
	}));

	const tooltip = {
		trigger: 'axis',
		axisPointer: { type: visible.some((s) => s.kind === 'bar') ? 'shadow' : 'line' },
		formatter: (params: { dataIndex: number; seriesIndex: number; marker: string }[]) => {
			const list = Array.isArray(params) ? params : [params];
			if (!list.length) return '';
			const i = list[0].dataIndex;
			let html = tooltipTitle(xFmt ? ctx.format(categories[i], xFmt) : String(categories[i] ?? '—'));
			for (const p of list) {
				const s = series[p.seriesIndex];
				if (!s || s.helper || s.values[i] === null) continue;
				html += tooltipRow(p.marker, s.name, ctx.format(s.values[i], formats[s.axis]));
			}
			if (spec.band) {
				const row = data.rows[i];
				const label = ctx.text(spec.band.label) || `${spec.band.lower} – ${spec.band.upper}`;
				if (row && num(row[spec.band.lower]) !== null) {
					html += tooltipRow('', label, `${ctx.format(row[spec.band.lower], spec.format)} – ${ctx.format(row[spec.band.upper], spec.format)}`);
				}
			}
			return html;
		}
	};

	const option = {
		animationDuration: 300,
		grid: { left: 12, right: usesRight ? 12 : 20, top: showLegend ? 40 : 16, bottom: 8 },
		legend: showLegend ? { type: 'scroll', top: 0, left: 0, data: visible.map((s) => s.name) } : { show: false },
		tooltip,
		xAxis: horizontal ? valueAxes[0] : categoryAxis,
		yAxis: horizontal ? categoryAxis : valueAxes,
		series: series.map((s) => echartsSeries(s, horizontal))
	};

	return {
		option,
		datumAt(click) {
			if (click.componentType !== 'series' || click.seriesIndex === undefined || click.dataIndex === undefined) return null;
			const s = series[click.seriesIndex];
			if (!s || s.helper) return null;
			const i = click.dataIndex;
			return { ...(s.rows[i] ?? {}), x: categories[i], series: s.key, value: s.values[i], name: categories[i] };
		}
	};
}
