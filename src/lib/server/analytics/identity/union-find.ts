/**
 * Disjoint sets over 0..n-1 in one Int32Array. The smaller index always becomes the root,
 * so after all unions find(i) is the smallest member of i's set: a stable cluster id when
 * members are numbered in a stable order. Path halving keeps finds short without ranks.
 */
export class UnionFind {
	readonly parent: Int32Array;

	constructor(size: number) {
		this.parent = new Int32Array(size);
		for (let i = 0; i < size; i++) this.parent[i] = i;
	}

	find(x: number): number {
		const parent = this.parent;
		while (parent[x] !== x) {
			parent[x] = parent[parent[x]];
			x = parent[x];
		}
		return x;
	}

	/** Joins the sets of a and b; false when they were already one. */
	union(a: number, b: number): boolean {
		const ra = this.find(a);
		const rb = this.find(b);
		if (ra === rb) return false;
		if (ra < rb) this.parent[rb] = ra;
		else this.parent[ra] = rb;
		return true;
	}
}

/**
 * Connected components of records that share keys: `records[i]` carries `keys[i]`
 * (both 0-based). Records sharing a key, directly or through a chain of keys, end in one
 * component. Returns, per record, the smallest record index of its component.
 */
export function componentsOfSharedKeys(recordCount: number, records: Int32Array, keys: Int32Array): Int32Array {
	if (records.length !== keys.length) throw new Error(`records (${records.length}) and keys (${keys.length}) must pair up`);
	let keyCount = 0;
	for (let i = 0; i < keys.length; i++) if (keys[i] + 1 > keyCount) keyCount = keys[i] + 1;
	// The first record seen with each key; every later one joins it.
	const firstOfKey = new Int32Array(keyCount).fill(-1);
	const sets = new UnionFind(recordCount);
	for (let i = 0; i < records.length; i++) {
		const record = records[i];
		const key = keys[i];
		if (record < 0 || record >= recordCount || key < 0) throw new Error(`pair ${i} (record ${record}, key ${key}) is out of range`);
		if (firstOfKey[key] < 0) firstOfKey[key] = record;
		else sets.union(firstOfKey[key], record);
	}
	const roots = new Int32Array(recordCount);
	for (let i = 0; i < recordCount; i++) roots[i] = sets.find(i);
	return roots;
}
