import path from 'node:path';
import { BadRowPlan, badDate, extraColumn, missingKey, negativeQty, textInNumber } from './bad-rows.ts';
import { dateOfDay, lastDayOfMonth } from './calendar.ts';
import * as L from './layouts.ts';
import { CsvOut, TableOut, type FileEntry } from './outputs.ts';
import { deriveSeed } from './random.ts';
import type { World } from './world.ts';

/** Above this many expected rows a table is written as text: a sheet tops out at 1,048,576 rows and exceljs slows down long before. */
export const XLSX_MAX_ROWS = 120_000;
const EXPECTED_DEALS_PER_SCALE = 9_000;
const EXPECTED_INVOICES_PER_SCALE = 24_000;

/**
 * The files written while the simulation runs (rows arrive in date order), each with
 * its plan of spoiled rows. Yearly files (sales, the bank statement) open as the
 * simulation reaches a new year.
 */
export class StreamingFiles {
	readonly deals: TableOut;
	readonly invoices: TableOut;
	readonly stages: CsvOut;
	readonly activities: CsvOut;
	readonly tbank: CsvOut;
	readonly receipts: CsvOut;
	private readonly sales = new Map<number, CsvOut>();
	private readonly salesDocuments = new Map<number, CsvOut>();
	private readonly sber = new Map<number, CsvOut>();

	constructor(private readonly w: World) {
		const root = w.options.outDir;
		const stamp = dateOfDay(w.end);
		const offset = (stream: string, spacing: number) => 1 + (deriveSeed(w.seed, stream) >>> 0) % Math.max(1, Math.floor(spacing / 2));
		this.deals = new TableOut(root, path.join(root, 'crm', 'deals'), L.DEALS, {
			asXlsx: EXPECTED_DEALS_PER_SCALE * w.scale <= XLSX_MAX_ROWS,
			sheet: 'Сделки',
			stamp,
			days: w.days,
			widths: [12, 36, 12, 18, 26, 22, 16, 24, 12, 36, 18, 18, 18, 18, 24],
			numFmts: [undefined, undefined, '#,##0', undefined, undefined, undefined, undefined, undefined, undefined, undefined, 'dd.mm.yyyy hh:mm', 'dd.mm.yyyy hh:mm', 'dd.mm.yyyy hh:mm', 'dd.mm.yyyy hh:mm'],
			decimals: [undefined, undefined, 0]
		});
		this.invoices = new TableOut(
			root,
			path.join(root, 'payments', 'invoices'),
			L.INVOICES,
			{
				asXlsx: EXPECTED_INVOICES_PER_SCALE * w.scale <= XLSX_MAX_ROWS,
				sheet: 'Счета',
				stamp,
				days: w.days,
				widths: [12, 12, 12, 14, 40, 14, 14, 8, 22, 12],
				numFmts: [undefined, 'dd.mm.yyyy', 'dd.mm.yyyy', undefined, undefined, undefined, '#,##0.00'],
				decimals: [undefined, undefined, undefined, undefined, undefined, undefined, 2]
			},
			new BadRowPlan(20_000, offset('bad-invoices', 20_000), [badDate('date')])
		);
		this.stages = new CsvOut(root, path.join(root, 'crm', 'stage_history.csv'), L.DEAL_STAGES, { eol: '\n' }, new BadRowPlan(12_000, offset('bad-stages', 12_000), [missingKey('deal_id')]));
		this.activities = new CsvOut(
			root,
			path.join(root, 'crm', 'activities.csv'),
			L.ACTIVITIES,
			{ eol: '\n' },
			new BadRowPlan(9_000, offset('bad-activities', 9_000), [badDate('created_at', 'dmy'), missingKey('activity_id')])
		);
		this.tbank = new CsvOut(root, path.join(root, 'payments', 'tbank_statement.csv'), L.BANK_TBANK, { eol: '\n' });
		this.receipts = new CsvOut(root, path.join(root, 'stock', 'goods_receipts.csv'), L.RECEIPTS, { eol: '\r\n' }, new BadRowPlan(1_500, offset('bad-receipts', 1_500), [negativeQty('qty', '-12')]));
	}

	/** Accounting sales and return lines of a calendar year (1C exports them year by year). */
	salesFile(year: number): CsvOut {
		let out = this.sales.get(year);
		if (!out) {
			const spacing = 1_500;
			// no negative quantity among them: on a sales line that is a return, not an error
			const rules = [badDate('date'), textInNumber('qty'), missingKey('doc_no'), extraColumn];
			out = new CsvOut(this.w.options.outDir, path.join(this.w.options.outDir, 'accounting', `sales_${year}.csv`), L.SALES, { eol: '\r\n' }, new BadRowPlan(spacing, 1 + (deriveSeed(this.w.seed, 'bad-sales', year) >>> 0) % 700, rules));
			this.sales.set(year, out);
		}
		return out;
	}

	/** The accounting list of sales documents of a calendar year (one row per document). */
	salesDocumentsFile(year: number): CsvOut {
		let out = this.salesDocuments.get(year);
		if (!out) {
			out = new CsvOut(this.w.options.outDir, path.join(this.w.options.outDir, 'accounting', `document_list_${year}.csv`), L.SALES_DOCUMENTS, { eol: '\r\n' });
			this.salesDocuments.set(year, out);
		}
		return out;
	}

	/** The client-bank statement of a calendar year, with its title line. */
	sberFile(year: number): CsvOut {
		let out = this.sber.get(year);
		if (!out) {
			const first = year === this.w.startYear ? this.w.days.dmy(this.w.start) : `01.01.${year}`;
			const last = year === this.w.days.year(this.w.end) ? this.w.days.dmy(this.w.end) : this.w.days.dmy(lastDayOfMonth(year, 12));
			const title = `Выписка по расчетному счету 40702810955000012345 ООО «Оборот Климат» за период с ${first} по ${last}`;
			out = new CsvOut(
				this.w.options.outDir,
				path.join(this.w.options.outDir, 'payments', `bank_statement_${year}.csv`),
				L.BANK_SBER,
				{ eol: '\r\n', preamble: [title] },
				new BadRowPlan(4_000, 1 + (deriveSeed(this.w.seed, 'bad-bank', year) >>> 0) % 2_000, [textInNumber('amount', 'двенадцать тысяч руб.'), badDate('date')])
			);
			this.sber.set(year, out);
		}
		return out;
	}

	async close(): Promise<FileEntry[]> {
		const entries = [await this.deals.close(), await this.invoices.close(), this.stages.close(), this.activities.close(), this.tbank.close(), this.receipts.close()];
		for (const out of [...this.sales.values(), ...this.salesDocuments.values(), ...this.sber.values()]) entries.push(out.close());
		return entries;
	}
}
