// Synthetic customers drawn from the BG/NBD (or MBG/NBD) and Gamma-Gamma models, for
// parameter recovery tests and the 1M-customer benchmark. Follows lifetimes' generator
// (generate_data.beta_geometric_nbd_model): purchase rate lambda ~ Gamma(r, rate alpha),
// dropout p ~ Beta(a, b); exponential gaps; after each repeat purchase the customer
// drops out with probability p (MBG/NBD, modified_beta_geometric_nbd_model: also right
// after the first purchase, so some customers never buy again). Spend: nu ~ Gamma(q, rate v), each transaction's
// value ~ Gamma(p, rate nu).
//
// Gamma variates by Marsaglia & Tsang (2000), "A simple method for generating gamma
// variables" (exact rejection sampling; shape < 1 via the U^(1/shape) boost), normal
// variates by Box-Muller, uniforms from pure-rand's xoroshiro128+ (seeded, reproducible).

import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import type { BgNbdParams, GammaGammaParams } from './types.ts';

export class Sampler {
	private readonly rng;
	private spareNormal = Number.NaN;

	constructor(seed: number) {
		this.rng = xoroshiro128plus(seed);
	}

	/** Uniform on (0, 1): never exactly 0, so logarithms stay finite. */
	uniform(): number {
		let u = 0;
		while (u === 0) u = uniformFloat64(this.rng);
		return u;
	}

	normal(): number {
		if (!Number.isNaN(this.spareNormal)) {
			const value = this.spareNormal;
			this.spareNormal = Number.NaN;
			return value;
		}
		const radius = Math.sqrt(-2 * Math.log(this.uniform()));
		const angle = 2 * Math.PI * this.uniform();
		this.spareNormal = radius * Math.sin(angle);
		return radius * Math.cos(angle);
	}

	/** Gamma with the given shape and rate (mean shape / rate). */
	gamma(shape: number, rate: number): number {
		if (shape < 1) return this.gamma(shape + 1, rate) * Math.pow(this.uniform(), 1 / shape);
		const d = shape - 1 / 3;
		const c = 1 / Math.sqrt(9 * d);
		for (;;) {
			let x: number;
			let v: number;
			do {
				x = this.normal();
				v = 1 + c * x;
			} while (v <= 0);
			v = v * v * v;
			const u = this.uniform();
			if (u < 1 - 0.0331 * x * x * x * x || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return (d * v) / rate;
		}
	}

	beta(a: number, b: number): number {
		const x = this.gamma(a, 1);
		return x / (x + this.gamma(b, 1));
	}

	exponential(rate: number): number {
		return -Math.log(this.uniform()) / rate;
	}
}

/** Repeat purchase times in (0, T] of one BG/NBD (or, with `dropAfterFirst`, MBG/NBD) customer, in model time units. */
export function simulateRepeatTimes(sampler: Sampler, params: BgNbdParams, T: number, dropAfterFirst = false): number[] {
	const lambda = sampler.gamma(params.r, params.alpha);
	const p = sampler.beta(params.a, params.b);
	const times: number[] = [];
	if (dropAfterFirst && sampler.uniform() < p) return times;
	let t = 0;
	for (;;) {
		t += sampler.exponential(lambda);
		if (!(t <= T)) return times;
		times.push(t);
		if (sampler.uniform() < p) return times;
	}
}

export interface SimulatedTransactions {
	customerId: Int32Array;
	day: Int32Array;
	value: Float64Array;
}

/**
 * Transactions of `customers` customers acquired uniformly over the
 * `acquisitionDays` days up to `observationEndDay`, in calendar days (model time unit
 * `timeUnitDays` days), with Gamma-Gamma spend. Customers come out in id order.
 */
export function simulateTransactions(options: {
	customers: number;
	bgNbd: BgNbdParams;
	gammaGamma: GammaGammaParams;
	observationEndDay: number;
	acquisitionDays: number;
	timeUnitDays?: number;
	seed?: number;
	/** Draw MBG/NBD customers (dropout possible right after the first purchase). */
	modified?: boolean;
}): SimulatedTransactions {
	const sampler = new Sampler(options.seed ?? 1);
	const unit = options.timeUnitDays ?? 7;
	const { p, q, v } = options.gammaGamma;
	const ids: number[] = [];
	const days: number[] = [];
	const values: number[] = [];
	for (let id = 1; id <= options.customers; id++) {
		const firstDay = options.observationEndDay - Math.floor(sampler.uniform() * options.acquisitionDays);
		const T = (options.observationEndDay - firstDay) / unit;
		const nu = sampler.gamma(q, v);
		ids.push(id);
		days.push(firstDay);
		values.push(sampler.gamma(p, nu));
		for (const t of simulateRepeatTimes(sampler, options.bgNbd, T, options.modified)) {
			ids.push(id);
			days.push(firstDay + Math.floor(t * unit));
			values.push(sampler.gamma(p, nu));
		}
	}
	return { customerId: Int32Array.from(ids), day: Int32Array.from(days), value: Float64Array.from(values) };
}

/**
 * The fixture of "one-time buyers from long ago": `oneTime` customers who bought once about
 * two years before the end (days end − 730 … end − 717) and never again, and `regular`
 * customers who started two to two and a half years before the end and buy on (exponential
 * gaps at a rate ~ Gamma(2, rate 10) a week, every five weeks on average), each purchase
 * followed by dropout with a probability ~ Beta(0.5, 5) of their own. Ids 'once-<i>' and
 * 'regular-<i>'; values 100 to 200 (one-time) and 150 to 250 (regular), whole roubles.
 */
export function simulateOneTimeAndRegularBuyers(options: { oneTime: number; regular: number; observationEndDay: number; seed: number }): {
	customerId: string[];
	day: number[];
	value: number[];
} {
	const sampler = new Sampler(options.seed);
	const end = options.observationEndDay;
	const customerId: string[] = [];
	const day: number[] = [];
	const value: number[] = [];
	for (let i = 0; i < options.oneTime; i++) {
		customerId.push(`once-${i}`);
		day.push(end - 730 + Math.floor(sampler.uniform() * 14));
		value.push(100 + Math.round(sampler.uniform() * 100));
	}
	for (let i = 0; i < options.regular; i++) {
		const weeklyRate = sampler.gamma(2, 10);
		const dropout = sampler.beta(0.5, 5);
		for (let d = end - 730 - Math.floor(sampler.uniform() * 182); d <= end; d += Math.max(1, Math.round(sampler.exponential(weeklyRate) * 7))) {
			customerId.push(`regular-${i}`);
			day.push(d);
			value.push(150 + Math.round(sampler.uniform() * 100));
			if (sampler.uniform() < dropout) break;
		}
	}
	return { customerId, day, value };
}
