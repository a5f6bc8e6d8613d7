import { describe, expect, it } from 'vitest';
import { UnionFind, componentsOfSharedKeys } from './union-find.ts';

describe('UnionFind', () => {
	it('keeps the smallest member as the root of a set', () => {
		const sets = new UnionFind(6);
		expect(sets.union(4, 2)).toBe(true);
		expect(sets.union(5, 4)).toBe(true);
		// already one set
		expect(sets.union(2, 5)).toBe(false);
		expect([0, 1, 2, 3, 4, 5].map((i) => sets.find(i))).toEqual([0, 1, 2, 3, 2, 2]);
	});
});

describe('componentsOfSharedKeys', () => {
	it('closes chains of shared keys transitively and leaves the rest alone', () => {
		// records 0..6; key 0 on records 1 and 3, key 1 on 3 and 5 (so 1–3–5 by a chain),
		// key 2 on 6 and 4, key 3 only on 0 (shares nothing); record 2 has no key.
		const records = Int32Array.from([1, 3, 3, 5, 6, 4, 0]);
		const keys = Int32Array.from([0, 0, 1, 1, 2, 2, 3]);
		expect(Array.from(componentsOfSharedKeys(7, records, keys))).toEqual([0, 1, 2, 1, 4, 1, 4]);
	});

	it('rejects pairs that do not line up or point outside the records', () => {
		expect(() => componentsOfSharedKeys(2, Int32Array.from([0, 1]), Int32Array.from([0]))).toThrow(/pair up/);
		expect(() => componentsOfSharedKeys(2, Int32Array.from([0, 2]), Int32Array.from([0, 0]))).toThrow(/out of range/);
	});

	it('merges a long chain (each record linked to the next by its own key) into one cluster', () => {
		// record i and i+1 share key i: 0–1, 1–2, … — the worst case for naive union without compression
		const n = 200_000;
		const records = new Int32Array(2 * (n - 1));
		const keys = new Int32Array(2 * (n - 1));
		for (let i = 0; i < n - 1; i++) {
			records[2 * i] = n - 1 - i;
			records[2 * i + 1] = n - 2 - i;
			keys[2 * i] = i;
			keys[2 * i + 1] = i;
		}
		const roots = componentsOfSharedKeys(n, records, keys);
		expect(roots.every((r) => r === 0)).toBe(true);
	});
});
