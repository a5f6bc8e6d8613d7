import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import type { RandomGenerator } from 'pure-rand/types/RandomGenerator';

/** murmur3's 32-bit finaliser: spreads nearby seeds (1, 2, 3...) over the whole range. */
export function mix32(value: number): number {
	let h = value | 0;
	h ^= h >>> 16;
	h = Math.imul(h, 0x85ebca6b);
	h ^= h >>> 13;
	h = Math.imul(h, 0xc2b2ae35);
	h ^= h >>> 16;
	return h | 0;
}

/** A seed for an independent stream: (demo seed, stream name, index) → 32 bits. */
export function deriveSeed(seed: number, stream: string, index = 0): number {
	let h = mix32(seed ^ 0x9e3779b9);
	for (let i = 0; i < stream.length; i++) h = mix32(h ^ Math.imul(stream.charCodeAt(i), 0x01000193));
	h = mix32(h ^ Math.imul(index | 0, 0x27d4eb2d));
	return mix32(h ^ Math.floor(index / 4294967296));
}

const TWO_32 = 4294967296;

/**
 * The demo's only source of randomness (never Math.random): xoroshiro128+ from pure-rand
 * with the distributions the simulation needs. Same seed → same sequence → same files.
 */
export class Rng {
	private readonly gen: RandomGenerator;
	private spareNormal: number | null = null;

	constructor(seed: number) {
		this.gen = xoroshiro128plus(mix32(seed));
		// The first outputs of xoroshiro from a sparse state are weak; skip them.
		for (let i = 0; i < 8; i++) this.gen.next();
	}

	static derive(seed: number, stream: string, index = 0): Rng {
		return new Rng(deriveSeed(seed, stream, index));
	}

	/** Uniform in [0, 1) with 32 bits of resolution (enough for a simulation, twice as fast). */
	float(): number {
		return (this.gen.next() >>> 0) / TWO_32;
	}

	uniform(low: number, high: number): number {
		return low + (high - low) * this.float();
	}

	/** Integer in [0, n). */
	int(n: number): number {
		return Math.floor(this.float() * n);
	}

	/** Integer in [low, high] inclusive. */
	intBetween(low: number, high: number): number {
		return low + this.int(high - low + 1);
	}

	chance(p: number): boolean {
		return this.float() < p;
	}

	pick<T>(items: readonly T[]): T {
		return items[this.int(items.length)];
	}

	/** Standard normal (Marsaglia's polar method; the second value is kept for the next call). */
	normal(): number {
		if (this.spareNormal !== null) {
			const value = this.spareNormal;
			this.spareNormal = null;
			return value;
		}
		let u: number, v: number, s: number;
		do {
			u = 2 * this.float() - 1;
			v = 2 * this.float() - 1;
			s = u * u + v * v;
		} while (s >= 1 || s === 0);
		const factor = Math.sqrt((-2 * Math.log(s)) / s);
		this.spareNormal = v * factor;
		return u * factor;
	}

	/** Log-normal given its median and the sigma of the log. */
	lognormal(median: number, sigma: number): number {
		return median * Math.exp(sigma * this.normal());
	}

	exponential(rate: number): number {
		return -Math.log(1 - this.float()) / rate;
	}

	/** Gamma(shape, scale): Marsaglia & Tsang (2000); shape < 1 via the u^(1/shape) boost. */
	gamma(shape: number, scale = 1): number {
		if (shape < 1) return this.gamma(shape + 1, scale) * Math.pow(1 - this.float(), 1 / shape);
		const d = shape - 1 / 3;
		const c = 1 / Math.sqrt(9 * d);
		for (;;) {
			let x: number, v: number;
			do {
				x = this.normal();
				v = 1 + c * x;
			} while (v <= 0);
			v = v * v * v;
			const u = 1 - this.float();
			if (u < 1 - 0.0331 * x * x * x * x) return d * v * scale;
			if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v * scale;
		}
	}

	beta(a: number, b: number): number {
		const x = this.gamma(a);
		const y = this.gamma(b);
		return x / (x + y);
	}

	/** Poisson: Knuth's product method for small means, a rounded normal above 40. */
	poisson(mean: number): number {
		if (mean <= 0) return 0;
		if (mean > 40) return Math.max(0, Math.round(mean + Math.sqrt(mean) * this.normal()));
		const limit = Math.exp(-mean);
		let k = 0;
		let p = this.float();
		while (p > limit) {
			k++;
			p *= this.float();
		}
		return k;
	}
}

/** Weighted choice by binary search over cumulative weights (built once, drawn many times). */
export class WeightedTable {
	private readonly cumulative: Float64Array;
	readonly total: number;

	constructor(weights: ArrayLike<number>) {
		this.cumulative = new Float64Array(weights.length);
		let sum = 0;
		for (let i = 0; i < weights.length; i++) {
			sum += Math.max(0, weights[i]);
			this.cumulative[i] = sum;
		}
		if (!(sum > 0)) throw new Error('weighted table needs a positive weight');
		this.total = sum;
	}

	draw(rng: Rng): number {
		const target = rng.float() * this.total;
		let lo = 0;
		let hi = this.cumulative.length - 1;
		while (lo < hi) {
			const mid = (lo + hi) >>> 1;
			if (this.cumulative[mid] > target) hi = mid;
			else lo = mid + 1;
		}
		return lo;
	}
}

/** One draw from small ad-hoc weights (no table worth building). */
export function pickWeighted(rng: Rng, weights: readonly number[]): number {
	let total = 0;
	for (const w of weights) total += w;
	let target = rng.float() * total;
	for (let i = 0; i < weights.length; i++) {
		target -= weights[i];
		if (target < 0) return i;
	}
	return weights.length - 1;
}

function gcd(a: bigint, b: bigint): bigint {
	while (b) [a, b] = [b, a % b];
	return a;
}

/**
 * A bijection of [0, size) (an affine map with a multiplier coprime to size): turns
 * running indices into scattered but never repeating numbers (INN serials, phone numbers).
 */
export class Scatter {
	private readonly size: bigint;
	private readonly multiplier: bigint;
	private readonly offset: bigint;

	constructor(size: number, seed: number) {
		this.size = BigInt(size);
		// An odd multiplier near 0.618·size, moved up until it shares no factor with size.
		let m = BigInt(Math.floor(size * 0.6180339887)) | 1n;
		while (gcd(m, this.size) !== 1n) m += 2n;
		this.multiplier = m;
		this.offset = BigInt((mix32(seed) >>> 0) % size);
	}

	/** index must be below size, or numbers repeat. */
	at(index: number): number {
		return Number((BigInt(index) * this.multiplier + this.offset) % this.size);
	}
}
