import { task } from './activities.ts';
import { KIND_PERSON, KIND_UA_COMPANY } from './counterparty-store.ts';
import type { StreamingFiles } from './demo-files.ts';
import type { OutgoingPaymentEvent, PaymentEvent } from './events.ts';
import type { Identity } from './identity.ts';
import { formatKopecks, rubles } from './number-format.ts';
import { pickWeighted } from './random.ts';
import { pad } from './registry-ids.ts';
import type { World } from './world.ts';

/** Chances of paying on time, late, partly or never, by the customer's payment discipline. */
const BEHAVIOUR = [
	[0.85, 0.12, 0.02, 0.01],
	[0.45, 0.43, 0.07, 0.05],
	[0.3, 0.3, 0.17, 0.23]
];
const CLASSES = ['on_time', 'late', 'partial', 'never'] as const;

/** VAT went from 20% to 22% on 1 January 2026. */
export function vatRate(year: number): number {
	return year >= 2026 ? 22 : 20;
}

/**
 * Bills a shipment: an invoice due after the customer's terms, then its payment drawn
 * from the customer's discipline — on time, late, part of it, or never. Private buyers
 * pay the same day through the fast payment system.
 */
export function issueInvoice(w: World, files: StreamingFiles, cp: number, day: number, amount: number, dealCode: string, identity: Identity): void {
	const s = w.store;
	const rng = w.rng;
	const invoiceNo = String(++w.counters.invoice);
	const person = s.kind[cp] === KIND_PERSON;
	const due = day + (person ? 0 : s.payTermDays[cp]);
	const managerIndex = s.manager[cp];
	const year = w.days.year(day);
	const cells = [invoiceNo, { day }, { day: due }, identity.code, identity.name, identity.legalInn, rubles(amount), 'RUB', managerIndex >= 0 ? w.managers[managerIndex].name : '', dealCode];
	const loaded = files.invoices.write(cells, invoiceNo, year);
	const pay = (payDay: number, paid: number, partial = false) =>
		w.calendar.schedule(payDay, { type: 'payment', cp, invoiceNo, invoiceDay: day, amount: paid, vatRate: vatRate(w.days.year(Math.min(payDay, w.end))), partial });
	const inv = w.totals.invoices;
	if (loaded) inv.total++;
	if (person) {
		if (loaded) inv.prepaid++;
		pay(day, amount);
		return;
	}
	const kind = CLASSES[pickWeighted(rng, BEHAVIOUR[s.payDiscipline[cp]])];
	if (loaded) inv[kind]++;
	if (kind === 'on_time') pay(day + rng.int(due - day + 1), amount);
	else if (kind === 'late') pay(due + 1 + Math.round(rng.lognormal(10, 0.8)), amount);
	else if (kind === 'partial') pay(Math.max(day, due - rng.int(3)), Math.round((amount * (0.3 + 0.4 * rng.float())) / 100) * 100, true);
	if ((kind === 'late' || kind === 'never' || kind === 'partial') && managerIndex >= 0) {
		const at = w.nextWorkingMinute((due + 2) * 1440 + 600, rng);
		w.calendar.schedule(Math.floor(at / 1440), task(w, cp, dealCode, managerIndex, at, `Напомнить об оплате счёта № ${invoiceNo}`, rng));
	}
}

function purpose(w: World, p: PaymentEvent, identity: Identity, style: number): string {
	const no = p.invoiceNo;
	const date = w.days.dmy(p.invoiceDay);
	const vat = Math.round((p.amount * p.vatRate) / (100 + p.vatRate));
	if (identity.kind === KIND_UA_COMPANY) return `Оплата згідно рахунку № ${no} від ${date}`;
	if (identity.legalForm === 'ИП' && style === 2) return `Оплата счета №${no} от ${date.slice(0, 6)}${date.slice(8)} за климатическое оборудование. НДС не облагается`;
	const head = p.partial ? 'Частичная оплата' : 'Оплата';
	if (style === 0) return `${head} по счету № ${no} от ${date}, в т.ч. НДС ${p.vatRate}% - ${formatKopecks(vat)} руб.`;
	if (style === 1) return `${head} по сч. ${no} от ${date} за товар. Сумма ${formatKopecks(p.amount, '-', '')}, в т.ч. НДС (${p.vatRate}%) ${formatKopecks(vat, '-', '')}`;
	return `${head} по счету ${no} от ${date} за климатическое оборудование, в т.ч. НДС ${p.vatRate}%`;
}

/** Banks print payers in capitals with straight quotes: ООО "АЛЬФА-СЕРВИС". */
function bankName(identity: Identity, rng: World['rng']): string {
	if (identity.kind === KIND_PERSON || !rng.chance(0.6)) return identity.name;
	return identity.name.replaceAll('«', '"').replaceAll('»', '"').toUpperCase();
}

/** An incoming payment: business customers to the main account, private buyers via SBP to the second bank. */
export function writePayment(w: World, files: StreamingFiles, day: number, p: PaymentEvent): void {
	const identity = w.identities.identity(p.cp);
	const rng = w.rng;
	const year = w.days.year(day);
	w.store.touch(p.cp, day * 1440 + 600);
	if (identity.kind === KIND_PERSON) {
		const doc = String(5_000_000 + ++w.counters.tbankDoc);
		const person = identity.person!;
		const payer = rng.chance(0.5) ? identity.name : `${person.first} ${person.patronymic} ${person.surname[0]}.`;
		files.tbank.write([w.days.dmy(day), doc, `${formatKopecks(p.amount)} ₽`, 'RUB', payer, identity.legalInn, `Оплата по счету ${p.invoiceNo} через СБП`, 'Приход'], doc, year);
		return;
	}
	const doc = String(++w.counters.sberDoc);
	const account = `40702810${pad((p.cp * 7919 + 1_234_567) % 1e12, 12)}`;
	files.sberFile(year).write(
		[w.days.dmy(day), doc, 'Поступление', `${formatKopecks(p.amount)} руб.`, 'RUB', bankName(identity, rng), identity.legalInn, account, purpose(w, p, identity, rng.int(3))],
		doc,
		year
	);
}

/** Money the company pays out: suppliers, advertising, trade-show stands. */
export function writeOutgoing(w: World, files: StreamingFiles, day: number, p: OutgoingPaymentEvent): void {
	const doc = String(++w.counters.sberDoc);
	const year = w.days.year(day);
	files.sberFile(year).write([w.days.dmy(day), doc, 'Списание', `${formatKopecks(p.amount)} руб.`, 'RUB', p.name, p.inn, `40702810${pad(Number(p.inn.slice(-9)) % 1e12, 12)}`, p.purpose], doc, year);
}
