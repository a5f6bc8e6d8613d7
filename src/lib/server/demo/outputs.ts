import fs from 'node:fs';
import path from 'node:path';
import { spoil, type BadRowPlan, type PlantedBadRow } from './bad-rows.ts';
import type { DayTable } from './calendar.ts';
import { columnIndex, headers, type Layout } from './layouts.ts';
import { TextTableSink, XlsxSink, type Cell, type TableSink } from './table-sink.ts';
import { CsvSink, type CsvFormat } from './text-sink.ts';

/** What the manifest says about one written file. */
export interface FileEntry {
	path: string;
	family: string;
	entity: string;
	format: 'csv' | 'xlsx';
	encoding: string | null;
	delimiter: string | null;
	decimal: string;
	/** 1-based line of the header row (after a statement's title lines). */
	header_line: number;
	/** Data rows written, spoiled ones included. */
	rows: number;
	bad_rows: PlantedBadRow[];
}

function entryFor(root: string, file: string, layout: Layout, format: 'csv' | 'xlsx', headerLine: number): FileEntry {
	return {
		path: path.relative(root, file).split(path.sep).join('/'),
		family: layout.family,
		entity: layout.entity,
		format,
		encoding: format === 'xlsx' ? null : layout.encoding,
		delimiter: format === 'xlsx' ? null : layout.delimiter,
		decimal: layout.decimal,
		header_line: headerLine,
		rows: 0,
		bad_rows: []
	};
}

/** A delimited file of one layout, with its bad-row plan and manifest entry. */
export class CsvOut {
	readonly entry: FileEntry;
	private readonly sink: CsvSink;

	constructor(
		root: string,
		file: string,
		readonly layout: Layout,
		format: Omit<CsvFormat, 'encoding' | 'delimiter'>,
		private readonly plan: BadRowPlan | null = null
	) {
		fs.mkdirSync(path.dirname(file), { recursive: true });
		this.sink = new CsvSink(file, { ...format, encoding: layout.encoding ?? 'utf-8', delimiter: layout.delimiter ?? ';' });
		this.sink.header(headers(layout));
		this.entry = entryFor(root, file, layout, 'csv', (format.preamble?.length ?? 0) + 1);
	}

	/**
	 * Writes a row, or the spoiled version of it when the plan says so. Returns false
	 * for a spoiled row (its figures must not count in the manifest's totals).
	 */
	write(fields: string[], meant: string, year: number, protect = false): boolean {
		const rule = this.plan?.ruleFor(this.sink.rows + 1, protect) ?? null;
		if (!rule) {
			this.sink.row(fields);
			return true;
		}
		const spoiled = spoil(fields, rule, (c) => columnIndex(this.layout, c), year);
		const value = rule.column ? spoiled[columnIndex(this.layout, rule.column)] : spoiled[spoiled.length - 1];
		const at = this.sink.row(spoiled);
		this.entry.bad_rows.push({ ...at, kind: rule.kind, column: rule.column, value, meant });
		return false;
	}

	close(): FileEntry {
		this.sink.close();
		this.entry.rows = this.sink.rows;
		return this.entry;
	}
}

/** A table (XLSX, or text past the size a spreadsheet is good for) of one layout. */
export class TableOut {
	readonly entry: FileEntry;
	private readonly sink: TableSink;

	constructor(
		root: string,
		fileStem: string,
		readonly layout: Layout,
		options: { asXlsx: boolean; sheet: string; stamp: Date; days: DayTable; widths?: number[]; numFmts?: (string | undefined)[]; decimals?: (number | undefined)[] },
		private readonly plan: BadRowPlan | null = null
	) {
		const columns = layout.columns.map(([header], i) => ({
			header,
			width: options.widths?.[i],
			numFmt: options.numFmts?.[i],
			decimals: options.decimals?.[i]
		}));
		fs.mkdirSync(path.dirname(fileStem), { recursive: true });
		if (options.asXlsx) {
			this.sink = new XlsxSink(`${fileStem}.xlsx`, options.sheet, columns, options.stamp);
		} else {
			this.sink = new TextTableSink(`${fileStem}.csv`, columns, options.days, { encoding: 'utf-8-bom', delimiter: ';', eol: '\r\n' });
		}
		const textLayout: Layout = options.asXlsx ? layout : { ...layout, format: 'csv', encoding: 'utf-8-bom', delimiter: ';', decimal: ',' };
		this.entry = entryFor(root, this.sink.path, textLayout, options.asXlsx ? 'xlsx' : 'csv', 1);
	}

	write(cells: Cell[], meant: string, year: number): boolean {
		const rule = this.plan?.ruleFor(this.sink.rows() + 1) ?? null;
		if (!rule) {
			this.sink.row(cells);
			return true;
		}
		let written: Cell[] = cells;
		if (rule.kind === 'extra_column') written = [...cells, 'лишнее поле'];
		else if (rule.column) {
			written = [...cells];
			written[columnIndex(this.layout, rule.column)] = rule.value(year);
		}
		const at = this.sink.row(written);
		const value = rule.column ? String(rule.value(year)) : 'лишнее поле';
		this.entry.bad_rows.push({ ...at, kind: rule.kind, column: rule.column, value, meant });
		return false;
	}

	async close(): Promise<FileEntry> {
		await this.sink.close();
		this.entry.rows = this.sink.rows();
		return this.entry;
	}
}
