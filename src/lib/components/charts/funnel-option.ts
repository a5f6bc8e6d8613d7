import type { FunnelSpec, QueryColumn } from '../../dashboards/contract.ts';
import { tooltipRow, tooltipTitle, type ChartContext } from './chart-context.ts';
import type { BuiltChart } from './cartesian-option.ts';
import { ACCENT } from './theme.ts';

type Row = Record<string, unknown>;

/** Share of the first stage and of the stage before, per stage (null where undefined). */
export function funnelRates(values: (number | null)[]): { ofFirst: number | null; ofPrevious: number | null }[] {
	const first = values[0];
	return values.map((v, i) => {
		const previous = i > 0 ? values[i - 1] : null;
		return {
			ofFirst: v !== null && first ? v / first : null,
			ofPrevious: v !== null && previous ? v / previous : null
		};
	});
}

/** A funnel in the query's stage order, labelled with the count and the share of the first stage. */
export function funnelOption(spec: FunnelSpec, data: { columns: QueryColumn[]; rows: Row[] }, ctx: ChartContext): BuiltChart {
	const stages = data.rows.map((r) => (r[spec.stage] === null ? '—' : String(r[spec.stage])));
	const values = data.rows.map((r) => (typeof r[spec.value] === 'number' ? (r[spec.value] as number) : null));
	const rates = funnelRates(values);
	const max = Math.max(1, ...values.map((v) => v ?? 0));
	const percent = (v: number | null) => (v === null ? '—' : ctx.format(v, 'percent'));

	const option = {
		animationDuration: 300,
		tooltip: {
			trigger: 'item',
			formatter: (p: { dataIndex: number; marker: string }) => {
				const i = p.dataIndex;
				return (
					tooltipTitle(stages[i]) +
					tooltipRow(p.marker, ctx.text(spec.value_label) || spec.value, ctx.format(values[i], spec.format)) +
					tooltipRow('', ctx.locale === 'ru' ? 'от первого этапа' : 'of the first stage', percent(rates[i].ofFirst)) +
					(i > 0 ? tooltipRow('', ctx.locale === 'ru' ? 'от предыдущего' : 'of the previous', percent(rates[i].ofPrevious)) : '')
				);
			}
		},
		series: [
			{
				type: 'funnel',
				sort: 'none',
				min: 0,
				max,
				minSize: '28%',
				left: '4%',
				right: '4%',
				top: 8,
				bottom: 8,
				gap: 3,
				label: {
					show: true,
					position: 'inside',
					color: '#ffffff',
					fontSize: 12,
					lineHeight: 16,
					// Two short lines fit the narrow last stages, on a phone too.
					formatter: (p: { dataIndex: number }) => `${stages[p.dataIndex]}\n${ctx.format(values[p.dataIndex], spec.format)} · ${percent(rates[p.dataIndex].ofFirst)}`
				},
				itemStyle: { borderWidth: 0 },
				// One accent, lighter stage by stage: the eye follows the drop, not a rainbow.
				data: stages.map((name, i) => ({ name, value: values[i] ?? 0, itemStyle: { color: ACCENT, opacity: Math.max(0.7, 1 - i * 0.1) } }))
			}
		]
	};

	return {
		option,
		datumAt(click) {
			if (click.componentType !== 'series' || click.dataIndex === undefined) return null;
			const row = data.rows[click.dataIndex];
			return row ? { ...row, name: stages[click.dataIndex], stage: row[spec.stage], value: values[click.dataIndex] } : null;
		}
	};
}
