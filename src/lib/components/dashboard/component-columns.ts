import type { ComponentSpec } from '../../dashboards/contract.ts';

/** The columns a component reads from its query's result. */
export function requiredColumns(component: ComponentSpec): string[] {
	switch (component.kind) {
		case 'kpi':
			return [component.value, ...(component.previous ? [component.previous] : []), ...(component.note ? [component.note] : [])];
		case 'chart':
			return [
				component.x,
				...component.y.map((y) => y.column),
				...(component.series ? [component.series] : []),
				...(component.band ? [component.band.lower, component.band.upper] : [])
			];
		case 'heatmap':
			return [component.x, component.y, component.value];
		case 'funnel':
			return [component.stage, component.value];
		case 'table':
			return [...(component.columns ?? []).map((c) => c.column), ...(component.sort ? [component.sort.column] : [])];
	}
}

/** The first column the component needs that the result lacks, or null. */
export function missingColumn(component: ComponentSpec, columns: { name: string }[]): string | null {
	const have = new Set(columns.map((c) => c.name));
	return requiredColumns(component).find((c) => !have.has(c)) ?? null;
}
