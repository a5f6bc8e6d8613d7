// int_data_calendar on two hand-made companies: what counts as a fact for the as-of moment
// (never a due date or an open deal's planned close), the CRM's own moment when its export is
// older than the accounting one, and the weekend-aware last full month. Weekdays: 2024-08-29
// Thursday, 08-30 Friday, 08-31 Saturday.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csv, martFixture, type MartFixture } from '../helpers/mart-fixture.ts';
import { salesCsv } from './marts-purchasing-fixtures.ts';

interface CalendarRow {
	as_of_date: string;
	as_of_at: string;
	crm_as_of_at: string | null;
	first_sale_on: string;
	last_sale_on: string;
	first_sale_month: string;
	is_last_sale_month_full: boolean;
	last_full_month: string;
	first_forecast_month: string;
	full_months: number;
}

const sale = (date: string) => ({ date, sku: 'S1', name: 'Товар', category: 'Прочее', qty: 1, price: 100 });

const deals = (closedAt: string) => csv`
	ID сделки;Название сделки;Этап;Бюджет;Ответственный;Дата создания;Дата закрытия
	D1;Сделка 1;Новый лид;1000;Иванов;2024-08-20 10:00:00;${closedAt}
`;
const stageHistory = csv`
	ID сделки;Этап;Дата перехода
	D1;Новый лид;2024-08-20 10:00:00
`;

async function calendarOf(fixture: MartFixture): Promise<CalendarRow> {
	const rows = await fixture.query<CalendarRow>('select * from intermediate.int_data_calendar');
	expect(rows).toHaveLength(1);
	return rows[0];
}

describe('exports taken together, the latest sale on a Friday', () => {
	let fixture: MartFixture;
	let unpassed: string[];
	beforeAll(async () => {
		fixture = await martFixture();
		await fixture.ingest({
			'реализация.csv': salesCsv([sale('2024-06-14'), sale('2024-07-15'), sale('2024-08-30')]),
			// invoice due after the data ends; the payment on the Friday
			'счета.csv': csv`
				Номер счета;Дата счета;Срок оплаты;Покупатель;Сумма счета
				101;29.08.2024;28.09.2024;ООО «Клиент»;100
			`,
			'выписка_банка.csv': csv`
				Номер документа;Дата операции;Вид операции;Сумма;Плательщик;Назначение платежа
				P1;30.08.2024;Поступление;100;ООО «Клиент»;Оплата по счету № 101
			`,
			// the open deal's close date is a plan
			'сделки.csv': deals('2024-09-30 00:00:00'),
			'история_этапов.csv': stageHistory,
			// t1 is due after the data ends and not done; t2, done on Saturday evening, is the latest fact
			'звонки_задачи.csv': csv`
				ID дела;Тип;ID сделки;Ответственный;Дата создания;Срок;Дата выполнения
				t1;Задача;D1;Иванов;2024-08-30 17:00:00;2024-09-05 10:00:00;
				c1;Звонок;D1;Иванов;2024-08-31 09:00:00;;2024-08-31 09:00:00
				t2;Задача;D1;Иванов;2024-08-28 10:00:00;2024-08-30 18:00:00;2024-08-31 18:30:00
			`
		});
		const build = await fixture.build(['+int_data_calendar', '+receivables', '+fct_activities']);
		unpassed = build.tests.filter((t) => t.model === 'int_data_calendar' && t.status !== 'pass').map((t) => `${t.name}: ${t.status}`);
	});
	afterAll(() => fixture?.close());

	it('takes the latest fact (t2 done 08-31 18:30), not the due dates of 09-05 and 09-28 or the planned close of 09-30', async () => {
		expect(unpassed).toEqual([]);
		expect(await calendarOf(fixture)).toMatchObject({
			as_of_date: '2024-08-31',
			as_of_at: '2024-08-31 18:30:00',
			crm_as_of_at: '2024-08-31 18:30:00'
		});
	});

	it('counts August as full: after Friday 30 August only its Saturday is missing', async () => {
		// first sale 2024-06-14 → June; June, July, August = 3 full months; forecasts from September
		expect(await calendarOf(fixture)).toMatchObject({
			first_sale_on: '2024-06-14',
			last_sale_on: '2024-08-30',
			first_sale_month: '2024-06-01',
			is_last_sale_month_full: true,
			last_full_month: '2024-08-01',
			first_forecast_month: '2024-09-01',
			full_months: 3
		});
	});

	it('ages receivables and judges tasks by it', async () => {
		// invoice 101 was paid in full on 08-30 by P1; as of 08-31.
		const [invoice] = await fixture.query('select as_of_date, outstanding, payment_status from marts.receivables');
		expect(invoice).toEqual({ as_of_date: '2024-08-31', outstanding: 0, payment_status: 'on_time' });
		// t1 is due after the as-of moment: not overdue. t2, due 08-30 18:00 and done 08-31 18:30, was late: overdue, done.
		const tasks = await fixture.query(`select activity_id, is_done, is_overdue, is_open_overdue from marts.fct_activities where activity_type = 'task' order by 1`);
		expect(tasks).toEqual([
			{ activity_id: 't1', is_done: false, is_overdue: false, is_open_overdue: false },
			{ activity_id: 't2', is_done: true, is_overdue: true, is_open_overdue: false }
		]);
	});
});

describe('the CRM exported before the accounting, the latest sale on a Thursday', () => {
	let fixture: MartFixture;
	beforeAll(async () => {
		fixture = await martFixture();
		await fixture.ingest({
			'реализация.csv': salesCsv([sale('2024-06-03'), sale('2024-08-29')]),
			'сделки.csv': deals(''),
			'история_этапов.csv': stageHistory,
			'звонки_задачи.csv': csv`
				ID дела;Тип;ID сделки;Ответственный;Дата создания;Срок;Дата выполнения
				c1;Звонок;D1;Иванов;2024-08-20 12:00:00;;2024-08-20 12:00:00
			`
		});
		await fixture.build(['+int_data_calendar', '+fct_deals']);
	});
	afterAll(() => fixture?.close());

	it('keeps the CRM moment (08-20 12:00) beside the later sales date (08-29, from the start of the day)', async () => {
		expect(await calendarOf(fixture)).toMatchObject({
			as_of_date: '2024-08-29',
			as_of_at: '2024-08-29 00:00:00',
			crm_as_of_at: '2024-08-20 12:00:00'
		});
		// D1 was called at the CRM's last moment: untouched for 0 days by the CRM's clock, not 8 by the accounting's.
		const [deal] = await fixture.query('select days_without_touch from marts.fct_deals');
		expect(deal).toEqual({ days_without_touch: 0 });
	});

	it('leaves August out: Friday 30 August, a working day, is missing', async () => {
		// first sale 2024-06-03 → June; last full month July: June, July = 2 months; forecasts from August
		expect(await calendarOf(fixture)).toMatchObject({
			is_last_sale_month_full: false,
			last_full_month: '2024-07-01',
			first_forecast_month: '2024-08-01',
			full_months: 2
		});
	});
});
