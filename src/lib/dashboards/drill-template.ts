/**
 * Drill parameters are templates over the clicked point: `{x}`, `{y}`, `{series}`,
 * `{value}`, `{name}` or any column of the clicked row (`{sku}`). Shared by the
 * engine (to check a file) and the page (to build the drill request).
 */

const PLACEHOLDER = /\{([^{}]*)\}/g;

export function templatePlaceholders(template: string): string[] {
	return [...template.matchAll(PLACEHOLDER)].map((m) => m[1].trim());
}

export type DrillDatum = Record<string, unknown>;

function asText(value: unknown): string | null {
	if (value === null || value === undefined) return null;
	return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** One template filled in; null when it is a single placeholder the point does not have. */
export function fillTemplate(template: string, datum: DrillDatum): string | null {
	const whole = /^\{([^{}]*)\}$/.exec(template.trim());
	if (whole) return asText(datum[whole[1].trim()]);
	return template.replace(PLACEHOLDER, (_, key: string) => asText(datum[key.trim()]) ?? '');
}

/** All drill parameters for a click, as URL query values (null: not set). */
export function fillDrillParams(params: Record<string, string>, datum: DrillDatum): Record<string, string | null> {
	return Object.fromEntries(Object.entries(params).map(([name, template]) => [name, fillTemplate(template, datum)]));
}
