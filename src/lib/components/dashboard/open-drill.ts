import type { DrillSpec } from '../../dashboards/contract.ts';
import { fillDrillParams, type DrillDatum } from '../../dashboards/drill-template.ts';

/** A drill the page has open: which query, with what parameters, and what was clicked. */
export interface OpenDrill {
	spec: DrillSpec;
	/** The page's filters (already cleaned) with the drill parameters set; they win over a filter of the same name. */
	search: URLSearchParams;
	/** The clicked values, e.g. "abc_class: C · xyz_class: Z". */
	context: string;
	/** The title of the tile clicked. */
	from: string;
}

export function openDrill(spec: DrillSpec, datum: DrillDatum, pageSearch: URLSearchParams, from: string): OpenDrill {
	const search = new URLSearchParams(pageSearch);
	const values = fillDrillParams(spec.params, datum);
	for (const [name, value] of Object.entries(values)) {
		if (value === null) search.delete(name);
		else search.set(name, value);
	}
	const context = Object.entries(values)
		.filter(([, value]) => value !== null)
		.map(([name, value]) => `${name}: ${value}`)
		.join(' · ');
	return { spec, search, context, from };
}
