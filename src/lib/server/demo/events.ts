/**
 * The simulation runs day by day; anything due on a later day (a customer's next
 * purchase, a deal being won, a payment, a delivery from a supplier) waits in that day's
 * bucket. Only pending events are held, never the rows already written.
 */

export interface BasketLine {
	sku: number;
	qty: number;
}

export interface PurchaseEvent {
	type: 'purchase';
	cp: number;
}

/** A lead that put off buying comes back with a new request. */
export interface RevisitEvent {
	type: 'revisit';
	cp: number;
}

export interface StandingOrderEvent {
	type: 'standing';
	cp: number;
}

export interface RealizeEvent {
	type: 'realize';
	cp: number;
	dealCode: string;
	lines: BasketLine[];
}

/** Goods of a shipped document coming back days later (see returns.ts). */
export interface ReturnEvent {
	type: 'return';
	cp: number;
	/** The sale returned, as 1C presents it («Реализация товаров и услуг … от …»). */
	saleDocument: string;
	/** The customer as the sale names it: code (blank when the sale had none), name, INN. */
	customer: readonly [code: string, name: string, inn: string];
	manager: string;
	channel: string;
	city: string;
	/** Lines coming back: the quantity returned, at the sale's price and unit cost (kopecks). */
	lines: { sku: number; qty: number; price: number; unitCost: number; warehouse: number }[];
}

export interface ActivityEvent {
	type: 'activity';
	cp: number;
	dealCode: string;
	manager: number;
	kind: 'Звонок' | 'Встреча' | 'Задача';
	createdMinute: number;
	dueMinute: number | null;
	doneMinute: number | null;
	direction: string;
	durationSec: number | null;
	result: string;
	subject: string;
}

export interface PaymentEvent {
	type: 'payment';
	cp: number;
	invoiceNo: string;
	invoiceDay: number;
	amount: number;
	vatRate: number;
	partial: boolean;
}

export interface ReceiptEvent {
	type: 'receipt';
	supplier: number;
	warehouse: number;
	lines: BasketLine[];
	unitCosts: number[];
}

export interface OutgoingPaymentEvent {
	type: 'outgoing';
	name: string;
	inn: string;
	amount: number;
	purpose: string;
}

export type DemoEvent =
	| PurchaseEvent
	| RevisitEvent
	| StandingOrderEvent
	| RealizeEvent
	| ReturnEvent
	| ActivityEvent
	| PaymentEvent
	| ReceiptEvent
	| OutgoingPaymentEvent;

export class EventCalendar {
	private readonly buckets: (DemoEvent[] | undefined)[];
	pending = 0;
	/** The day being processed: nothing can be scheduled before it. */
	now: number;

	constructor(
		private readonly first: number,
		private readonly last: number
	) {
		this.buckets = new Array(last - first + 1);
		this.now = first;
	}

	/** Events after the last day are dropped: they happen after the export was taken. */
	schedule(day: number, event: DemoEvent): void {
		if (day > this.last) return;
		const i = Math.max(this.now, day) - this.first;
		const bucket = this.buckets[i];
		if (bucket) bucket.push(event);
		else this.buckets[i] = [event];
		this.pending++;
	}

	/** The day's events; the list keeps growing while the day is processed (same-day follow-ups). */
	bucket(day: number): DemoEvent[] {
		const i = day - this.first;
		let bucket = this.buckets[i];
		if (!bucket) {
			bucket = [];
			this.buckets[i] = bucket;
		}
		return bucket;
	}

	release(day: number): void {
		const bucket = this.buckets[day - this.first];
		if (bucket) this.pending -= bucket.length;
		this.buckets[day - this.first] = undefined;
	}
}
