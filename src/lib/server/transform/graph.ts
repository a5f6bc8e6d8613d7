/**
 * The model graph: dependency order and cycles. Edges go parent → child (a child
 * refs its parent). Ties are broken by file path so the order never depends on the
 * file system's listing order.
 */
export interface GraphNode {
	name: string;
	path: string;
	parents: string[];
}

export function childrenOf(nodes: GraphNode[]): Map<string, string[]> {
	const children = new Map<string, string[]>(nodes.map((n) => [n.name, []]));
	for (const node of nodes) {
		for (const parent of new Set(node.parents)) children.get(parent)?.push(node.name);
	}
	for (const list of children.values()) list.sort();
	return children;
}

/** Kahn's algorithm; returns the order, or the models of one cycle (first repeated at the end). */
export function topologicalOrder(nodes: GraphNode[]): { order: string[]; cycle?: string[] } {
	const byName = new Map(nodes.map((n) => [n.name, n]));
	const children = childrenOf(nodes);
	const waiting = new Map(nodes.map((n) => [n.name, new Set(n.parents.filter((p) => byName.has(p))).size]));
	const ready = nodes.filter((n) => waiting.get(n.name) === 0).map((n) => n.name);
	const byPath = (a: string, b: string) => byName.get(a)!.path.localeCompare(byName.get(b)!.path);
	ready.sort(byPath);
	const order: string[] = [];
	while (ready.length) {
		const name = ready.shift()!;
		order.push(name);
		const released: string[] = [];
		for (const child of children.get(name) ?? []) {
			const left = waiting.get(child)! - 1;
			waiting.set(child, left);
			if (left === 0) released.push(child);
		}
		if (released.length) {
			ready.push(...released);
			ready.sort(byPath);
		}
	}
	if (order.length === nodes.length) return { order };
	const stuck = new Set(nodes.map((n) => n.name).filter((name) => !order.includes(name)));
	return { order, cycle: findCycle(stuck, byName) };
}

/** Walks parent links among models that could not be ordered until a model repeats. */
function findCycle(stuck: Set<string>, byName: Map<string, GraphNode>): string[] {
	const start = [...stuck].sort()[0];
	const path: string[] = [];
	const seenAt = new Map<string, number>();
	let current = start;
	while (!seenAt.has(current)) {
		seenAt.set(current, path.length);
		path.push(current);
		// Every stuck model has at least one stuck parent, or it would have been ordered.
		current = byName.get(current)!.parents.filter((p) => stuck.has(p)).sort()[0];
	}
	// Parent links point backwards; show the cycle in reading order (parent → child).
	return [...path.slice(seenAt.get(current)!), current].reverse();
}

/** Every model upstream of `name` (not including it), up to `depth` steps (Infinity for all). */
export function ancestors(name: string, parentsOf: (name: string) => string[], depth = Infinity): Set<string> {
	return walk(name, parentsOf, depth);
}

export function descendants(name: string, children: Map<string, string[]>, depth = Infinity): Set<string> {
	return walk(name, (n) => children.get(n) ?? [], depth);
}

function walk(start: string, next: (name: string) => string[], depth: number): Set<string> {
	const found = new Set<string>();
	let frontier = [start];
	for (let step = 0; step < depth && frontier.length; step++) {
		const following: string[] = [];
		for (const name of frontier) {
			for (const other of next(name)) {
				if (!found.has(other) && other !== start) {
					found.add(other);
					following.push(other);
				}
			}
		}
		frontier = following;
	}
	return found;
}
