import { defaultFormat } from '../../format/format-value.ts';
import type { Localized, QueryColumn, TableColumnSpec } from '../../dashboards/contract.ts';
import type { TableColumn } from '../table/table-model.ts';

/** "last_purchase" → "Last purchase": a readable header when the file gives no label. */
export function humanize(name: string): string {
	const words = name.replace(/_+/g, ' ').trim();
	return words ? words[0].toLocaleUpperCase() + words.slice(1) : name;
}

/**
 * The columns a table shows: the ones the file lists (with its labels and formats), or
 * every column of the result, formatted by type.
 */
export function tableColumns(
	spec: TableColumnSpec[] | undefined,
	result: { columns: QueryColumn[]; rows: Record<string, unknown>[] },
	text: (value: Localized | undefined) => string
): TableColumn[] {
	const byName = new Map(result.columns.map((c) => [c.name, c]));
	const format = (name: string) => {
		const column = byName.get(name);
		return column ? defaultFormat(column.kind, result.rows.map((r) => r[name])) : 'text';
	};
	const listed = spec ?? result.columns.map((c) => ({ column: c.name }) as TableColumnSpec);
	return listed.map((c) => ({ name: c.column, label: text(c.label) || humanize(c.column), format: c.format ?? format(c.column) }));
}
