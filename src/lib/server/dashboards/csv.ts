import Papa from 'papaparse';
import type { QueryColumn } from '../../dashboards/contract.ts';

/**
 * A query result as CSV for spreadsheets: UTF-8 with a BOM (so Excel reads Cyrillic),
 * a header row, numbers with a dot, and text cells that start with = + - @ (or a tab
 * or carriage return) prefixed with ' so a spreadsheet never runs them as formulas.
 */
export function toCsv(columns: QueryColumn[], rows: Record<string, unknown>[]): string {
	const fields = columns.map((c) => c.name);
	const data = rows.map((row) =>
		fields.map((field) => {
			const value = row[field];
			return value !== null && typeof value === 'object' ? JSON.stringify(value) : value;
		})
	);
	return `\uFEFF${Papa.unparse({ fields, data }, { escapeFormulae: true, newline: '\r\n' })}\r\n`;
}
