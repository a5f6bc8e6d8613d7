import path from 'node:path';
import { CHANNELS, monthSpend, type MonthSpend } from './channels.ts';
import { firstDayOfMonthNumber } from './calendar.ts';
import * as L from './layouts.ts';
import { formatKopecks } from './number-format.ts';
import { CsvOut, type FileEntry } from './outputs.ts';
import { Rng, Scatter } from './random.ts';
import { completeInn10, pad } from './registry-ids.ts';
import type { World } from './world.ts';

/** Who is paid for each channel (the agency, the platform, partners, the exhibition). */
const PAYEES = ['ООО «Контекст Про»', 'ООО «Таргет Медиа»', 'ООО «СЕО Лаборатория»', 'ООО «Партнёрская сеть Климат»', 'ООО «Экспо Стенд Сервис»', 'ООО «Классифайд Плюс»'];

export interface SpendTable {
	/** Running month numbers covered, oldest first. */
	months: number[];
	/** [channel][month] */
	spend: MonthSpend[][];
	payees: { name: string; inn: string }[];
}

/** Every channel's spend for every month of the data (each channel spends every month). */
export function buildSpendTable(w: World): SpendTable {
	const rng = Rng.derive(w.seed, 'spend');
	const first = w.days.monthNumber(w.start);
	const last = w.days.monthNumber(w.end);
	const months = Array.from({ length: last - first + 1 }, (_, k) => first + k);
	const spend = CHANNELS.map((channel) =>
		months.map((m) => {
			const day = firstDayOfMonthNumber(m);
			return monthSpend(channel, w.days.month(day), w.trend(day + 14), w.scale, rng);
		})
	);
	const serials = new Scatter(10_000_000, w.seed ^ 0x4d4d);
	const payees = PAYEES.map((name, k) => ({ name, inn: completeInn10(`77${pad(serials.at(800_000 + k), 7)}`) }));
	return { months, spend, payees };
}

/** accounting/marketing_spend.csv: month as "01.2024", spend "123 456,00". */
export function writeMarketingSpend(w: World, table: SpendTable): FileEntry {
	const out = new CsvOut(w.options.outDir, path.join(w.options.outDir, 'accounting', 'marketing_spend.csv'), L.MARKETING_SPEND, { eol: '\n' });
	table.months.forEach((m, k) => {
		const month = `${pad((m % 12) + 1, 2)}.${1970 + Math.floor(m / 12)}`;
		CHANNELS.forEach((channel, c) => {
			const s = table.spend[c][k];
			out.write([month, channel.name, formatKopecks(s.spend), s.impressions === null ? '' : String(s.impressions), s.clicks === null ? '' : String(s.clicks)], `${month}/${channel.name}`, 0);
			w.totals.channels[c].spend += s.spend;
		});
	});
	return out.close();
}

/** Pays last month's advertising on the 5th: outgoing lines in the bank statement. */
export function scheduleSpendPayments(w: World, table: SpendTable): void {
	table.months.forEach((m, k) => {
		const payDay = firstDayOfMonthNumber(m + 1) + 4;
		CHANNELS.forEach((channel, c) => {
			const monthName = `${pad((m % 12) + 1, 2)}.${1970 + Math.floor(m / 12)}`;
			w.calendar.schedule(payDay, {
				type: 'outgoing',
				name: table.payees[c].name,
				inn: table.payees[c].inn,
				amount: table.spend[c][k].spend,
				purpose: `Оплата услуг по продвижению (${channel.name}) за ${monthName} по акту, в т.ч. НДС`
			});
		});
	});
}
