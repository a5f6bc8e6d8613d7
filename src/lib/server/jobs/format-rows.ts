import Papa from 'papaparse';
import type { Row, SqlValue } from '../warehouse/index.ts';

function cellText(value: SqlValue): string {
	if (value === null) return '';
	if (typeof value === 'object') return JSON.stringify(value);
	return String(value);
}

/** A plain text table for the terminal; numbers right-aligned. */
export function formatTable(rows: Row[], columns = rows[0] ? Object.keys(rows[0]) : []): string {
	if (columns.length === 0) return '(no columns)\n';
	const cells = rows.map((row) => columns.map((column) => cellText(row[column] ?? null)));
	const widths = columns.map((column, i) => Math.max(column.length, ...cells.map((line) => line[i].length)));
	const numeric = columns.map((column) => rows.length > 0 && rows.every((row) => row[column] === null || typeof row[column] === 'number'));
	const pad = (text: string, i: number) => (numeric[i] ? text.padStart(widths[i]) : text.padEnd(widths[i]));
	const lines = [
		columns.map(pad).join(' │ '),
		widths.map((width) => '─'.repeat(width)).join('─┼─'),
		...cells.map((line) => line.map(pad).join(' │ '))
	];
	return `${lines.join('\n')}\n(${rows.length} ${rows.length === 1 ? 'row' : 'rows'})\n`;
}

export function formatCsv(rows: Row[], columns = rows[0] ? Object.keys(rows[0]) : []): string {
	return `${Papa.unparse({ fields: columns, data: rows.map((row) => columns.map((column) => cellText(row[column] ?? null))) })}\n`;
}

export function formatJson(rows: Row[], _columns?: string[]): string {
	return `${JSON.stringify(rows, null, 2)}\n`;
}
