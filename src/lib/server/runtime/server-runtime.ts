import { resolvePaths, type OborotPaths } from '../config/paths.ts';
import { removeServerInfo, writeServerInfo, type ServerInfo } from '../handoff/server-info.ts';
import { closeProcessWarehouse, processWarehouse, type Warehouse } from '../warehouse/index.ts';

/**
 * What `oborot serve` owns while it runs: the warehouse opened for writing, the
 * server.json that lets CLI commands hand their jobs over, and background services
 * (the inbox scheduler) that stop with it.
 */
export interface ServerRuntime {
	paths: OborotPaths;
	warehouse: Warehouse;
	info: ServerInfo;
	services: { name: string; stop(): void | Promise<void> }[];
}

/** Background services started with the server (the scheduler registers itself here). */
export type ServiceStarter = (runtime: ServerRuntime) => Promise<{ name: string; stop(): void | Promise<void> } | null>;

const KEY = Symbol.for('oborot.server-runtime');
const READY = Symbol.for('oborot.server-runtime.ready');
type Holder = Record<symbol, Promise<ServerRuntime> | ServerRuntime | undefined>;

export function startServerRuntime(options: { port: number; paths?: OborotPaths; services?: ServiceStarter[] }): Promise<ServerRuntime> {
	const holder = globalThis as unknown as Holder;
	holder[KEY] ??= (async (): Promise<ServerRuntime> => {
		const paths = options.paths ?? resolvePaths();
		const warehouse = await processWarehouse(paths.warehouse);
		const info = writeServerInfo(paths.serverInfo, options.port);
		const runtime: ServerRuntime = { paths, warehouse, info, services: [] };
		for (const start of options.services ?? []) {
			const service = await start(runtime);
			if (service) runtime.services.push(service);
		}
		holder[READY] = runtime;
		return runtime;
	})();
	return holder[KEY] as Promise<ServerRuntime>;
}

/** The runtime once started, else null (never throws: usable at module load). */
export function currentServerRuntime(): ServerRuntime | null {
	return ((globalThis as unknown as Holder)[READY] as ServerRuntime | undefined) ?? null;
}

/** The running server's runtime; throws if the server has not started it. */
export function serverRuntime(): Promise<ServerRuntime> {
	const runtime = (globalThis as unknown as Holder)[KEY] as Promise<ServerRuntime> | undefined;
	if (!runtime) return Promise.reject(new Error('the oborot server runtime is not started'));
	return runtime;
}

export async function stopServerRuntime(): Promise<void> {
	const holder = globalThis as unknown as Holder;
	const pending = holder[KEY];
	if (!pending) return;
	holder[KEY] = undefined;
	holder[READY] = undefined;
	const runtime = await (pending as Promise<ServerRuntime>);
	for (const service of runtime.services) await service.stop();
	removeServerInfo(runtime.paths.serverInfo);
	await closeProcessWarehouse(runtime.paths.warehouse);
}
