import type { TextEncodingName } from './text-sink.ts';

/**
 * The shape of every file the demo writes, as a real export would have it: headers taken
 * from the aliases in ingest/*.yml (1C and amoCRM/Bitrix24 Russian, a client-bank, one
 * English warehouse report, Ukrainian SKU cards), and the canonical column each header is
 * meant to fill (null: an extra column the CRM exports and nobody mapped).
 */
export interface Layout {
	family: 'crm' | 'payments' | 'stock' | 'accounting';
	entity: string;
	format: 'csv' | 'xlsx';
	encoding: TextEncodingName | null;
	delimiter: string | null;
	decimal: ',' | '.';
	columns: readonly (readonly [header: string, canonical: string | null])[];
}

export const COUNTERPARTIES: Layout = {
	family: 'crm', entity: 'counterparties', format: 'csv', encoding: 'utf-8-bom', delimiter: ';', decimal: ',',
	columns: [
		['ID компании', 'counterparty_id'], ['Наименование', 'name'], ['Тип контрагента', 'kind'], ['ИНН', 'inn'], ['ОГРН', 'ogrn'],
		['ЕДРПОУ', 'edrpou'], ['Рабочий телефон', 'phone'], ['Мобильный телефон', 'phone_2'], ['Email', 'email'], ['Город', 'city'],
		['Адрес доставки', 'address'], ['Дата рождения', 'birthday'], ['Источник', 'source'], ['Ответственный', 'manager'],
		['Дата создания', 'created_at'], ['Дата изменения', 'updated_at'], ['Отказ от рассылки', 'opt_out_email'],
		['Отказ от SMS', 'opt_out_sms'], ['Отказ от мессенджеров', 'opt_out_messenger'], ['Сайт', null], ['Сфера деятельности', null], ['Теги', null]
	]
};

export const CONTACTS: Layout = {
	family: 'crm', entity: 'contacts', format: 'csv', encoding: 'utf-8', delimiter: ',', decimal: '.',
	columns: [
		['ID контакта', 'contact_id'], ['ID компании', 'counterparty_id'], ['ФИО', 'name'], ['Должность', 'role'], ['Рабочий телефон', 'phone'],
		['Мобильный телефон', 'phone_2'], ['Email', 'email'], ['Дата рождения', 'birthday'], ['Дата создания', 'created_at'],
		['Дата изменения', 'updated_at'], ['Отказ от рассылки', 'opt_out_email'], ['Отказ от SMS', 'opt_out_sms'],
		['Отказ от мессенджеров', 'opt_out_messenger'], ['Комментарий', null]
	]
};

export const DEALS: Layout = {
	family: 'crm', entity: 'deals', format: 'xlsx', encoding: null, delimiter: null, decimal: '.',
	columns: [
		['ID', 'deal_id'], ['Название сделки', 'title'], ['Бюджет', 'amount'], ['Воронка', 'pipeline'], ['Этап сделки', 'stage'],
		['Ответственный', 'manager'], ['Источник', 'source'], ['Категория товара', 'product_category'], ['ID компании', 'counterparty_id'],
		['Компания', null], ['Дата создания', 'created_at'], ['Дата закрытия', 'closed_at'], ['Дата изменения', 'updated_at'],
		['Время первого ответа', 'first_response_at'], ['Причина отказа', 'lost_reason']
	]
};

export const DEAL_STAGES: Layout = {
	family: 'crm', entity: 'deal_stages', format: 'csv', encoding: 'utf-8', delimiter: ',', decimal: '.',
	columns: [['Deal ID', 'deal_id'], ['New stage', 'stage'], ['Previous stage', 'from_stage'], ['Changed at', 'entered_at'], ['Changed by', 'changed_by']]
};

export const ACTIVITIES: Layout = {
	family: 'crm', entity: 'activities', format: 'csv', encoding: 'utf-8', delimiter: '\t', decimal: ',',
	columns: [
		['ID', 'activity_id'], ['Тип дела', 'type'], ['ID компании', 'counterparty_id'], ['ID сделки', 'deal_id'], ['Ответственный', 'manager'],
		['Дата создания', 'created_at'], ['Крайний срок', 'due_at'], ['Дата выполнения', 'done_at'], ['Направление', 'direction'],
		['Длительность, сек', 'duration_sec'], ['Результат', 'result'], ['Дата изменения', 'updated_at'], ['Тема', null]
	]
};

export const BANK_SBER: Layout = {
	family: 'payments', entity: 'bank_payments', format: 'csv', encoding: 'windows-1251', delimiter: ';', decimal: ',',
	columns: [
		['Дата', 'date'], ['Номер документа', 'doc_no'], ['Вид операции', 'direction'], ['Сумма', 'amount'], ['Валюта', 'currency'],
		['Контрагент', 'payer_name'], ['ИНН контрагента', 'payer_inn'], ['Счет контрагента', null], ['Назначение платежа', 'purpose']
	]
};

export const BANK_TBANK: Layout = {
	family: 'payments', entity: 'bank_payments', format: 'csv', encoding: 'utf-8', delimiter: ';', decimal: ',',
	columns: [
		['Дата операции', 'date'], ['Номер платежа', 'doc_no'], ['Сумма платежа', 'amount'], ['Валюта', 'currency'], ['Плательщик', 'payer_name'],
		['ИНН плательщика', 'payer_inn'], ['Назначение платежа', 'purpose'], ['Направление', 'direction']
	]
};

export const INVOICES: Layout = {
	family: 'payments', entity: 'invoices', format: 'xlsx', encoding: null, delimiter: null, decimal: '.',
	columns: [
		['Номер счета', 'invoice_no'], ['Дата счета', 'date'], ['Срок оплаты', 'due_date'], ['Код контрагента', 'counterparty_id'],
		['Покупатель', 'customer_name'], ['ИНН покупателя', 'customer_inn'], ['Сумма счета', 'amount'], ['Валюта', 'currency'],
		['Менеджер', 'manager'], ['ID сделки', 'deal_id']
	]
};

export const SKU_CARDS: Layout = {
	family: 'stock', entity: 'skus', format: 'csv', encoding: 'windows-1251', delimiter: ';', decimal: ',',
	columns: [
		['Код товару', 'sku'], ['Назва', 'name'], ['Категорія', 'category'], ['Од. вим.', 'unit'], ['Собівартість', 'unit_cost'],
		['Ціна продажу', 'price'], ['Постачальник', 'supplier'], ['Термін поставки', 'lead_time_days'], ['Мінімальна партія', 'min_order_qty']
	]
};

export const BALANCES: Layout = {
	family: 'stock', entity: 'balances', format: 'csv', encoding: 'utf-8', delimiter: ',', decimal: '.',
	columns: [['Snapshot date', 'snapshot_date'], ['SKU', 'sku'], ['Warehouse', 'warehouse'], ['Product', 'product_name'], ['On hand', 'qty']]
};

export const RECEIPTS: Layout = {
	family: 'stock', entity: 'receipts', format: 'csv', encoding: 'utf-8-bom', delimiter: ';', decimal: ',',
	columns: [
		['Номер документа', 'doc_no'], ['Дата поступления', 'date'], ['Поставщик', 'supplier'], ['Склад', 'warehouse'], ['Артикул', 'sku'],
		['Номенклатура', null], ['Количество', 'qty'], ['Цена закупки', 'unit_cost'], ['Сумма', null]
	]
};

export const SALES: Layout = {
	family: 'accounting', entity: 'sales', format: 'csv', encoding: 'windows-1251', delimiter: ';', decimal: ',',
	columns: [
		['Документ', 'doc_no'], ['Номер строки', 'line_no'], ['Дата', 'date'], ['Код контрагента', 'counterparty_id'],
		['Контрагент', 'customer_name'], ['ИНН контрагента', 'customer_inn'], ['Артикул', 'sku'], ['Номенклатура', 'product_name'],
		['Группа номенклатуры', 'category'], ['Количество', 'qty'], ['Цена', 'price'], ['Сумма', 'amount'], ['Себестоимость', 'cost'],
		['Валовая прибыль', 'profit'], ['Менеджер', 'manager'], ['Склад', 'warehouse'], ['Канал продаж', 'channel'], ['Город доставки', 'city'],
		['Документ реализации', 'basis_doc']
	]
};

/** 1C:БП «Реализация (акты, накладные, УПД)» list, «Еще → Вывести список»: one row per document, no goods. */
export const SALES_DOCUMENTS: Layout = {
	family: 'accounting', entity: 'sales_documents', format: 'csv', encoding: 'windows-1251', delimiter: ';', decimal: ',',
	columns: [
		['Дата', 'date'], ['Номер', 'doc_no'], ['Контрагент', 'customer_name'], ['ИНН', 'customer_inn'], ['Сумма', 'amount'], ['Валюта', null],
		['Склад', 'warehouse'], ['Ответственный', 'manager'], ['Комментарий', 'comment']
	]
};

export const MARKETING_SPEND: Layout = {
	family: 'accounting', entity: 'marketing_spend', format: 'csv', encoding: 'utf-8', delimiter: ';', decimal: ',',
	columns: [['Месяц', 'month'], ['Канал', 'channel'], ['Расход', 'spend'], ['Показы', 'impressions'], ['Клики', 'clicks']]
};

export const SALES_PLAN: Layout = {
	family: 'accounting', entity: 'sales_plan', format: 'xlsx', encoding: null, delimiter: null, decimal: '.',
	columns: [['Месяц', 'month'], ['Менеджер', 'manager'], ['План продаж', 'plan_amount']]
};

export const headers = (layout: Layout) => layout.columns.map(([header]) => header);

/** Position of a canonical column in a layout (for planting bad values). */
export function columnIndex(layout: Layout, canonical: string): number {
	const i = layout.columns.findIndex(([, c]) => c === canonical);
	if (i < 0) throw new Error(`layout of ${layout.family}.${layout.entity} has no ${canonical}`);
	return i;
}
