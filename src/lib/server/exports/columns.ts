import type { ExportChannel, Locale } from '../segments/index.ts';
import { exportHasEmail, exportHasPhone } from '../segments/index.ts';

/** One column of a segment export: its SQL over c/r/l, header per locale, cell kind. */
export interface ExportColumn {
	key: string;
	header: { ru: string; en: string };
	kind: 'text' | 'integer' | 'number' | 'date';
	/** Excel column width in characters. */
	width: number;
}

const COLUMNS: ExportColumn[] = [
	{ key: 'customer_id', header: { ru: 'ID клиента', en: 'Customer ID' }, kind: 'text', width: 18 },
	{ key: 'customer_name', header: { ru: 'Клиент', en: 'Customer' }, kind: 'text', width: 36 },
	{ key: 'phone', header: { ru: 'Телефон', en: 'Phone' }, kind: 'text', width: 16 },
	{ key: 'email', header: { ru: 'Email', en: 'Email' }, kind: 'text', width: 28 },
	{ key: 'city', header: { ru: 'Город', en: 'City' }, kind: 'text', width: 18 },
	{ key: 'first_channel', header: { ru: 'Канал привлечения', en: 'Acquisition channel' }, kind: 'text', width: 18 },
	{ key: 'manager', header: { ru: 'Менеджер', en: 'Manager' }, kind: 'text', width: 20 },
	{ key: 'rfm_segment', header: { ru: 'Сегмент RFM', en: 'RFM segment' }, kind: 'text', width: 20 },
	{ key: 'last_purchase_on', header: { ru: 'Последняя покупка', en: 'Last purchase' }, kind: 'date', width: 14 },
	{ key: 'orders', header: { ru: 'Покупок', en: 'Purchases' }, kind: 'integer', width: 10 },
	{ key: 'historical_revenue', header: { ru: 'Выручка, ₽', en: 'Revenue, RUB' }, kind: 'number', width: 14 },
	{ key: 'predicted_value', header: { ru: 'Прогноз выручки 12 мес., ₽', en: 'Predicted 12-month revenue, RUB' }, kind: 'number', width: 16 },
	{ key: 'p_alive', header: { ru: 'Вероятность активности', en: 'P(alive)' }, kind: 'number', width: 12 },
	{ key: 'birthday', header: { ru: 'День рождения', en: 'Birthday' }, kind: 'date', width: 14 }
];

/** The columns of an export for a channel: a channel's file carries only its own address. */
export function exportColumns(channel: ExportChannel): ExportColumn[] {
	return COLUMNS.filter((column) => (column.key !== 'phone' || exportHasPhone(channel)) && (column.key !== 'email' || exportHasEmail(channel)));
}

export function columnHeaders(columns: readonly ExportColumn[], locale: Locale): string[] {
	return columns.map((column) => column.header[locale]);
}
