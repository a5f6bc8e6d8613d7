import type { FormatKind } from '../../format/format-value.ts';
import type { HeatmapSpec, QueryColumn } from '../../dashboards/contract.ts';
import { tooltipRow, tooltipTitle, type ChartContext } from './chart-context.ts';
import type { BuiltChart } from './cartesian-option.ts';
import { xFormat } from './cartesian-option.ts';
import { GREY, HEAT_RANGE } from './theme.ts';

type Row = Record<string, unknown>;

/** Axis categories: the file's order first, then any other values in the order they come. */
function categoriesOf(rows: Row[], column: string, order?: string[]): string[] {
	const seen = new Set<string>(order ?? []);
	const result = [...(order ?? [])];
	for (const row of rows) {
		const value = row[column] === null || row[column] === undefined ? '—' : String(row[column]);
		if (!seen.has(value)) {
			seen.add(value);
			result.push(value);
		}
	}
	return result;
}

/**
 * A matrix of cells (ABC × XYZ, cohort × month offset): x across, y down (the first
 * y value on top), cell colour and label from the value.
 */
export function heatmapOption(spec: HeatmapSpec, data: { columns: QueryColumn[]; rows: Row[] }, ctx: ChartContext): BuiltChart {
	const xs = categoriesOf(data.rows, spec.x, spec.x_order);
	const ys = categoriesOf(data.rows, spec.y, spec.y_order);
	const xFmt = xFormat({ x: spec.x, x_format: spec.x_format }, data.columns, data.rows);
	const yFmt = xFormat({ x: spec.y, x_format: spec.y_format }, data.columns, data.rows);
	const label = (value: string, fmt: FormatKind | null) => (fmt && value !== '—' ? ctx.format(value, fmt) : value);
	const cells: { value: [number, number, number | null]; row: Row }[] = data.rows.map((row) => {
		const v = row[spec.value];
		return {
			value: [xs.indexOf(row[spec.x] == null ? '—' : String(row[spec.x])), ys.indexOf(row[spec.y] == null ? '—' : String(row[spec.y])), typeof v === 'number' ? v : null],
			row
		};
	});
	const values = cells.map((c) => c.value[2]).filter((v): v is number => v !== null);
	const min = values.length ? Math.min(...values) : 0;
	const max = values.length ? Math.max(...values) : 1;

	const option = {
		animationDuration: 300,
		grid: { left: 12, right: 12, top: 28, bottom: 8 },
		tooltip: {
			trigger: 'item',
			formatter: (p: { dataIndex: number; marker: string }) => {
				const cell = cells[p.dataIndex];
				if (!cell) return '';
				return (
					tooltipTitle(`${label(ys[cell.value[1]], yFmt)} × ${label(xs[cell.value[0]], xFmt)}`) +
					tooltipRow(p.marker, ctx.text(spec.value_label) || spec.value, ctx.format(cell.value[2], spec.format))
				);
			}
		},
		xAxis: { type: 'category', data: xs, position: 'top', axisLine: { show: false }, splitArea: { show: false }, axisLabel: { formatter: (v: string) => label(v, xFmt) } },
		yAxis: { type: 'category', data: ys, inverse: true, axisLine: { show: false }, splitArea: { show: false }, axisLabel: { formatter: (v: string) => label(v, yFmt) } },
		// Colour only: every cell carries its value as a label, so no legend bar is needed.
		visualMap: {
			show: false,
			min,
			max: max === min ? min + 1 : max,
			calculable: false,
			orient: 'horizontal',
			left: 'center',
			bottom: 0,
			itemHeight: 120,
			itemWidth: 10,
			inRange: { color: HEAT_RANGE },
			textStyle: { color: GREY.muted, fontSize: 11 },
			formatter: (v: number) => ctx.format(v, spec.format, { compact: true })
		},
		series: [
			{
				type: 'heatmap',
				data: cells.map((c) => c.value),
				label: { show: true, fontSize: 12, formatter: (p: { value: [number, number, number | null] }) => ctx.format(p.value[2], spec.format, { compact: true }) },
				itemStyle: { borderColor: '#ffffff', borderWidth: 2, borderRadius: 4 },
				emphasis: { itemStyle: { borderColor: GREY.text, borderWidth: 1 } }
			}
		]
	};

	return {
		option,
		datumAt(click) {
			if (click.componentType !== 'series' || click.dataIndex === undefined) return null;
			const cell = cells[click.dataIndex];
			if (!cell) return null;
			return { ...cell.row, x: cell.row[spec.x], y: cell.row[spec.y], value: cell.value[2], name: cell.row[spec.y] };
		}
	};
}
