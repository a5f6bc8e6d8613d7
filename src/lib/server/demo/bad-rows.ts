/**
 * Rows the demo spoils on purpose, each recorded in the manifest with where it is and
 * why a careful loader must reject it: an impossible date, words in a number, an empty
 * key, one field too many, a negative quantity.
 */
export type BadKind = 'bad_date' | 'text_in_number' | 'missing_key' | 'extra_column' | 'negative_qty';

export interface PlantedBadRow {
	/** 1-based data row (header and title lines not counted). */
	row: number;
	/** 1-based physical line in the file (sheet row for XLSX). */
	line: number;
	kind: BadKind;
	/** Canonical column spoiled (null for a whole-row problem). */
	column: string | null;
	value: string;
	/** Key of the row as it was meant to be (to show nothing else went missing). */
	meant: string;
}

export interface BadRowRule {
	kind: BadKind;
	column: string | null;
	/** The value written instead (ignored for extra_column). */
	value: (year: number) => string;
}

/**
 * Every `spacing`-th data row (from `offset`) gets the next rule in turn. A row that must
 * stay intact (a record a planted duplicate depends on) passes the spoiling to the next one.
 */
export class BadRowPlan {
	private used = 0;
	private due = 0;

	constructor(
		private readonly spacing: number,
		private readonly offset: number,
		private readonly rules: readonly BadRowRule[]
	) {}

	/** The rule for the row about to be written, or null for a good row. */
	ruleFor(row: number, protect = false): BadRowRule | null {
		if (row >= this.offset && (row - this.offset) % this.spacing === 0) this.due++;
		if (this.due === 0 || protect) return null;
		this.due--;
		return this.rules[this.used++ % this.rules.length];
	}
}

/** Applies a rule to a row's fields (in place); returns the fields to write. */
export function spoil(fields: string[], rule: BadRowRule, columnAt: (canonical: string) => number, year: number, delimiterSafeExtra = 'лишнее поле'): string[] {
	if (rule.kind === 'extra_column') return [...fields, delimiterSafeExtra];
	if (rule.column) fields[columnAt(rule.column)] = rule.value(year);
	return fields;
}

export const badDate = (column: string, withTime: 'none' | 'dmy' | 'iso' = 'none'): BadRowRule => ({
	kind: 'bad_date',
	column,
	value: (year) => (withTime === 'iso' ? `${year}-02-31T10:15:00` : withTime === 'dmy' ? `31.02.${year} 10:15` : `31.02.${year}`)
});
export const textInNumber = (column: string, text = 'двенадцать'): BadRowRule => ({ kind: 'text_in_number', column, value: () => text });
export const missingKey = (column: string): BadRowRule => ({ kind: 'missing_key', column, value: () => '' });
export const extraColumn: BadRowRule = { kind: 'extra_column', column: null, value: () => '' };
export const negativeQty = (column: string, text = '-3,000'): BadRowRule => ({ kind: 'negative_qty', column, value: () => text });
