import ExcelJS, { type ExcelStream, type Worksheet } from '../xlsx/exceljs.ts';
import { dateOfDay, dateOfMinute, type DayTable } from './calendar.ts';
import { formatDecimal } from './number-format.ts';
import { CsvSink, type CsvFormat, type RecordPosition } from './text-sink.ts';
import { normaliseZipTimestamps } from './zip-timestamps.ts';

/** A day (date cell) or a minute (date-time cell) in a typed row. */
export interface DayCell {
	day: number;
}
export interface MinuteCell {
	minute: number;
}
export type Cell = string | number | DayCell | MinuteCell | null;

export interface TableColumn {
	header: string;
	width?: number;
	/** Excel number format for the column (dates, money). */
	numFmt?: string;
	/** Decimals when a number of this column is written as text. */
	decimals?: number;
}

/** A table written row by row: XLSX, or the same columns as text when a sheet would be too big. */
export interface TableSink {
	readonly path: string;
	readonly kind: 'xlsx' | 'csv';
	rows(): number;
	row(cells: readonly Cell[]): RecordPosition;
	close(): Promise<void>;
}

/**
 * XLSX through exceljs's streaming WorkbookWriter (rows are committed as they come, so the
 * sheet is never held whole). Entry timestamps are fixed afterwards for byte-identical files.
 */
export class XlsxSink implements TableSink {
	readonly kind = 'xlsx';
	private readonly workbook: ExcelStream.xlsx.WorkbookWriter;
	private readonly sheet: Worksheet;
	private count = 0;

	constructor(
		readonly path: string,
		sheetName: string,
		private readonly columns: readonly TableColumn[],
		private readonly stamp: Date
	) {
		this.workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
			filename: path,
			useStyles: true,
			useSharedStrings: false,
			created: stamp,
			modified: stamp,
			creator: '1С:Предприятие',
			lastModifiedBy: '1С:Предприятие'
		} as Partial<ExcelStream.xlsx.WorkbookStreamWriterOptions>);
		this.sheet = this.workbook.addWorksheet(sheetName);
		this.sheet.columns = columns.map((c, i) => ({
			header: c.header,
			key: `c${i}`,
			width: c.width ?? Math.max(10, c.header.length + 2),
			style: c.numFmt ? { numFmt: c.numFmt } : {}
		}));
		this.sheet.getRow(1).font = { bold: true };
	}

	rows(): number {
		return this.count;
	}

	row(cells: readonly Cell[]): RecordPosition {
		const values = cells.map((cell) => {
			if (cell === null) return null;
			if (typeof cell === 'object') return 'day' in cell ? dateOfDay(cell.day) : dateOfMinute(cell.minute);
			return cell;
		});
		this.sheet.addRow(values).commit();
		this.count++;
		// Sheet row 1 is the header.
		return { row: this.count, line: this.count + 1 };
	}

	async close(): Promise<void> {
		this.sheet.commit();
		await this.workbook.commit();
		normaliseZipTimestamps(this.path, this.stamp);
	}
}

/** The text fallback of a table: dates dd.mm.yyyy [hh:mm], decimal comma, `;`. */
export class TextTableSink implements TableSink {
	readonly kind = 'csv';
	private readonly sink: CsvSink;

	constructor(
		readonly path: string,
		private readonly columns: readonly TableColumn[],
		private readonly days: DayTable,
		format: CsvFormat
	) {
		this.sink = new CsvSink(path, format);
		this.sink.header(columns.map((c) => c.header));
	}

	rows(): number {
		return this.sink.rows;
	}

	row(cells: readonly Cell[]): RecordPosition {
		const fields = cells.map((cell, i) => {
			if (cell === null) return '';
			if (typeof cell === 'string') return cell;
			if (typeof cell === 'number') return formatDecimal(cell, this.columns[i].decimals ?? 0, ',', '');
			return 'day' in cell ? this.days.dmy(cell.day) : this.days.dmyTime(cell.minute);
		});
		return this.sink.row(fields);
	}

	async close(): Promise<void> {
		this.sink.close();
	}
}
