import { describe, expect, it } from 'vitest';
import { formatValue } from '../../format/format-value.ts';
import { localizedText } from '../../i18n/translate.ts';
import type { ChartSpec, FunnelSpec, HeatmapSpec, QueryColumn } from '../../dashboards/contract.ts';
import { cartesianOption, xFormat } from './cartesian-option.ts';
import type { ChartContext } from './chart-context.ts';
import { funnelOption, funnelRates } from './funnel-option.ts';
import { heatmapOption } from './heatmap-option.ts';

const ctx: ChartContext = {
	locale: 'en',
	text: (v) => localizedText(v, 'en'),
	format: (v, kind, options) => formatValue(v, kind, 'en', options)
};
const col = (name: string, kind: QueryColumn['kind']): QueryColumn => ({ name, kind, type: kind === 'number' ? 'DOUBLE' : kind === 'date' ? 'DATE' : 'VARCHAR' });
type Opt = Record<string, unknown> & { series: Record<string, unknown>[] };

const chart = (over: Partial<ChartSpec>): ChartSpec => ({
	kind: 'chart', query: 'q', width: 'full', type: 'line', x: 'month', y: [{ column: 'revenue', axis: 'left' }],
	format: 'money', horizontal: false, height: 320, ...over
});

const monthly = {
	columns: [col('month', 'date'), col('channel', 'text'), col('revenue', 'number'), col('plan', 'number')],
	rows: [
		{ month: '2024-01-01', channel: 'Сайт', revenue: 1000, plan: 900 },
		{ month: '2024-01-01', channel: 'Опт', revenue: 500, plan: 600 },
		{ month: '2024-02-01', channel: 'Сайт', revenue: 400, plan: 450 }
	]
};

describe('cartesianOption', () => {
	it('stacks one bar series per pivot value and maps a click back to its row', () => {
		const built = cartesianOption(chart({ type: 'stacked_bar', series: 'channel' }), monthly, ctx);
		const option = built.option as Opt;
		expect(option.series.map((s) => [s.name, s.type, s.stack, s.data])).toEqual([
			['Сайт', 'bar', 'total', [1000, 400]],
			['Опт', 'bar', 'total', [500, null]]
		]);
		expect((option.xAxis as { data: string[] }).data).toEqual(['2024-01-01', '2024-02-01']);
		expect(built.datumAt({ componentType: 'series', seriesIndex: 1, dataIndex: 0 })).toEqual({
			...monthly.rows[1], x: '2024-01-01', series: 'Опт', value: 500, name: '2024-01-01'
		});
		expect(built.datumAt({ componentType: 'xAxis' })).toBeNull();
	});

	it('puts a combo chart’s line on the right axis with its own format', () => {
		const spec = chart({
			type: 'combo', format_right: 'percent',
			y: [{ column: 'revenue', axis: 'left' }, { column: 'plan', axis: 'right', label: { ru: 'План', en: 'Plan' } }]
		});
		const option = cartesianOption(spec, { ...monthly, rows: monthly.rows.slice(0, 1) }, ctx).option as Opt;
		expect(option.series.map((s) => [s.name, s.type, s.yAxisIndex])).toEqual([['revenue', 'bar', 0], ['Plan', 'line', 1]]);
		const axes = option.yAxis as { axisLabel: { formatter: (v: number) => string } }[];
		expect(axes.map((a) => a.axisLabel.formatter(0.25))).toEqual(['₽0.25', '25%']);
	});

	it('draws an interval as a shaded band that is never clicked', () => {
		const rows = [{ month: '2025-01-01', forecast: 100, lo: 80, hi: 130 }];
		const built = cartesianOption(chart({ y: [{ column: 'forecast', axis: 'left' }], band: { lower: 'lo', upper: 'hi' } }), { columns: [col('month', 'date')], rows }, ctx);
		const series = (built.option as Opt).series;
		// the band is the lower bound (80) plus a stacked width of 130 − 80 = 50
		expect(series.slice(1).map((s) => [s.stack, s.data])).toEqual([['band', [80]], ['band', [50]]]);
		expect(built.datumAt({ componentType: 'series', seriesIndex: 2, dataIndex: 0 })).toBeNull();
	});

	it('reads dates on the 1st as months and formats the tooltip for the reader', () => {
		expect(xFormat({ x: 'month' }, monthly.columns, monthly.rows)).toBe('month');
		expect(xFormat({ x: 'day' }, [col('day', 'date')], [{ day: '2024-01-15' }])).toBe('date');
		const option = cartesianOption(chart({ type: 'bar', series: 'channel' }), monthly, ctx).option as { tooltip: { formatter: (p: unknown[]) => string } };
		const html = option.tooltip.formatter([{ dataIndex: 0, seriesIndex: 0, marker: '' }, { dataIndex: 0, seriesIndex: 1, marker: '' }]);
		expect(html).toContain('Jan 2024');
		expect(html).toContain('₽1,000');
		expect(html).toContain('₽500');
	});
});

describe('heatmapOption', () => {
	const spec: HeatmapSpec = { kind: 'heatmap', query: 'q', width: 'full', x: 'xyz', y: 'abc', value: 'skus', format: 'integer', height: 300, x_order: ['X', 'Y', 'Z'], y_order: ['A', 'B', 'C'] };
	const rows = [
		{ abc: 'A', xyz: 'Y', skus: 1 },
		{ abc: 'C', xyz: 'Z', skus: 2 },
		{ abc: 'B', xyz: 'W', skus: 5 }
	];
	it('places cells by the file’s order and appends unexpected values', () => {
		const built = heatmapOption(spec, { columns: [], rows }, ctx);
		const option = built.option as Opt & { xAxis: { data: string[] }; visualMap: { min: number; max: number } };
		expect(option.xAxis.data).toEqual(['X', 'Y', 'Z', 'W']);
		expect(option.series[0].data).toEqual([[1, 0, 1], [2, 2, 2], [3, 1, 5]]);
		expect([option.visualMap.min, option.visualMap.max]).toEqual([1, 5]);
		expect(built.datumAt({ componentType: 'series', dataIndex: 1 })).toEqual({ ...rows[1], x: 'Z', y: 'C', value: 2, name: 'C' });
	});
});

describe('funnelOption', () => {
	it('keeps the stage order and computes conversion', () => {
		// 6 → 5 → 3 → 2: of the first 100 %, 83.3 %, 50 %, 33.3 %; of the previous —, 83.3 %, 60 %, 66.7 %
		const rates = funnelRates([6, 5, 3, 2]);
		expect(rates.map((r) => r.ofFirst)).toEqual([1, 5 / 6, 0.5, 2 / 6]);
		expect(rates.map((r) => r.ofPrevious)).toEqual([null, 5 / 6, 3 / 5, 2 / 3]);
		const spec: FunnelSpec = { kind: 'funnel', query: 'q', width: 'full', stage: 'stage', value: 'n', format: 'integer', height: 300 };
		const rows = [{ stage: 'Заявка', n: 6 }, { stage: 'КП', n: 5 }];
		const built = funnelOption(spec, { columns: [], rows }, ctx);
		expect((built.option as Opt).series[0]).toMatchObject({ sort: 'none', data: [{ name: 'Заявка', value: 6 }, { name: 'КП', value: 5 }].map((d) => expect.objectContaining(d)) });
		expect(built.datumAt({ componentType: 'series', dataIndex: 1 })).toEqual({ stage: 'КП', n: 5, name: 'КП', value: 5 });
	});
});
