import { CHANNELS } from './channels.ts';
import { XLSX_MAX_ROWS } from './demo-files.ts';
import { STAGES } from './funnel.ts';
import type { FileEntry } from './outputs.ts';
import type { PlantedFacts } from './planted-facts.ts';
import { rubles } from './number-format.ts';
import type { World } from './world.ts';

export const MANIFEST_FILE = 'demo-manifest.json';

export interface DemoManifest {
	generator: { name: string; version: number; seed: number; scale: number; years: number; start_date: string; end_date: string };
	notes: Record<string, string>;
	files: FileEntry[];
	planted: PlantedFacts;
	totals: Record<string, unknown>;
}

const byYear = (values: Record<string, number>) => Object.fromEntries(Object.entries(values).map(([year, v]) => [year, rubles(v)]));

/** The manifest: every file written, what was planted in them, and headline figures to check loads and models against. */
export function buildManifest(w: World, files: FileEntry[], planted: PlantedFacts, counterpartyRows: number): DemoManifest {
	const t = w.totals;
	const grossProfit: Record<string, number> = {};
	for (const year of Object.keys(t.revenueByYear)) grossProfit[year] = t.revenueByYear[year] - (t.costByYear[year] ?? 0);
	let buyers = 0;
	for (let i = 0; i < w.store.count; i++) if (w.store.purchases[i] > 0) buyers++;
	const d = t.deals;
	return {
		generator: {
			name: 'oborot demo',
			version: 1,
			seed: w.seed,
			scale: w.scale,
			years: w.options.years,
			start_date: w.days.iso(w.start),
			end_date: w.days.iso(w.end)
		},
		notes: {
			company: 'ООО «Оборот Климат», Санкт-Петербург: heaters, fans, air conditioners, humidifiers, water heaters and spare parts for businesses and people',
			rows: 'rows = data rows written (header and title lines excluded), planted bad rows included; a clean load gives rows − bad_rows.length',
			bad_row_position: 'row is the 1-based data row; line is the 1-based physical line of the file (the sheet row for XLSX); meant is the key the row should have had',
			planted_lists: 'planted lists leave out counterparties whose CRM row is a planted bad row (bad_rows.meant of crm/companies.csv); 1C, invoices and payments may still mention those IDs',
			totals: 'sales, invoice and activity totals count only rows that should load (planted bad rows excluded); money in rubles',
			xlsx: `deals and invoices are XLSX while their expected rows stay under ${XLSX_MAX_ROWS}; above that (large --scale) they are written as UTF-8 CSV with the same headers`,
			bank: 'the client-bank statement is windows-1251 and so writes amounts with "руб."; the second bank (private buyers via SBP) is UTF-8 with "₽"',
			vat: 'VAT 20% until 2025, 22% from 1 January 2026 (in payment purposes)',
			returns:
				'some shipments come back days later as «Возврат товаров от клиента» documents (numbered apart from sales) in the same yearly sales export: negative quantity, amount and cost, positive price, the sale in «Документ реализации»; sales totals are net of them'
		},
		files: [...files].sort((a, b) => a.path.localeCompare(b.path)),
		planted,
		totals: {
			revenue_by_year: byYear(t.revenueByYear),
			cost_by_year: byYear(t.costByYear),
			gross_profit_by_year: byYear(grossProfit),
			sales_lines: t.salesLines,
			sales_documents: t.salesDocuments,
			returns: { documents: t.returns.documents, lines: t.returns.lines, revenue_by_year: byYear(t.returns.revenueByYear) },
			sales_lines_without_counterparty_code: t.salesLinesWithoutCode,
			stockout_lines_dropped: t.stockoutLinesDropped,
			counterparty_records: counterpartyRows,
			buyers,
			skus: w.catalog.skus.length,
			managers: w.managers.map((m) => m.name),
			deals: {
				total: d.total,
				won: d.won,
				lost: d.lost,
				open: d.open,
				stalled_open: d.stalled,
				without_manager: d.noManager,
				without_first_response: d.noFirstResponse,
				reached_stage: Object.fromEntries(STAGES.slice(0, 6).map((stage, k) => [stage, d.reached[k]])),
				conversion_first_to_won: d.total ? Math.round((10000 * d.won) / d.total) / 10000 : 0
			},
			invoices: t.invoices,
			activities: t.activities,
			receipt_lines: t.receiptsLines,
			channels: CHANNELS.map((channel, c) => {
				const ch = t.channels[c];
				return {
					name: channel.name,
					spend: rubles(ch.spend),
					leads: ch.leads,
					new_customers: ch.newCustomers,
					revenue_from_new_customers: rubles(ch.revenue),
					gross_profit_from_new_customers: rubles(ch.grossProfit),
					roi: ch.spend ? Math.round((10000 * (ch.grossProfit - ch.spend)) / ch.spend) / 10000 : null
				};
			})
		}
	};
}
