import { Warehouse, type OpenOptions } from './warehouse.ts';

/**
 * One DuckDB instance per warehouse file per process. The web bundle and the CLI
 * modules can both be loaded in one process (npm start), so the registry lives on
 * globalThis rather than in module state: two instances on one file would corrupt it.
 */
const REGISTRY = Symbol.for('oborot.process-warehouses');

type Registry = Map<string, Promise<Warehouse>>;

function registry(): Registry {
	const holder = globalThis as unknown as Record<symbol, Registry | undefined>;
	holder[REGISTRY] ??= new Map();
	return holder[REGISTRY];
}

export function processWarehouse(file: string, options: OpenOptions = {}): Promise<Warehouse> {
	const open = registry();
	let warehouse = open.get(file);
	if (!warehouse) {
		warehouse = Warehouse.open(file, options);
		open.set(file, warehouse);
		warehouse.catch(() => open.delete(file));
	}
	return warehouse;
}

export async function closeProcessWarehouse(file: string): Promise<void> {
	const open = registry();
	const warehouse = open.get(file);
	if (!warehouse) return;
	open.delete(file);
	(await warehouse.catch(() => undefined))?.close();
}
