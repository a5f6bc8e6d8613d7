import type { DuckDBConnection } from '@duckdb/node-api';
import { plainValueConverter } from '../warehouse/index.ts';
import type { FamilyAsOf } from '../../dashboards/contract.ts';
import type { SourceFamily } from './source-families.ts';

/** How current one export family is: the latest fact the marts hold, and the last file loaded. */

/** The order a reader expects: where the customers come from first, the books last. */
const ORDER = ['crm', 'payments', 'stock', 'accounting'];
const rank = (family: string) => (ORDER.includes(family) ? ORDER.indexOf(family) : ORDER.length);

async function rows<T>(connection: DuckDBConnection, sql: string): Promise<T[]> {
	const reader = await connection.runAndReadAll(sql);
	return reader.convertRowObjects(plainValueConverter) as T[];
}

/**
 * "Data as of" per family: marts.data_as_of (built with the marts, so it describes what the
 * dashboards show) beside the latest load of each family, which may be newer than the build.
 */
export async function dataAsOf(connection: DuckDBConnection, families: SourceFamily[]): Promise<FamilyAsOf[]> {
	const loads = await rows<{ family: string; last_loaded_at: string; files: number }>(
		connection,
		`select family, strftime(max(finished_at), '%Y-%m-%d %H:%M:%S') as last_loaded_at, count(*) as files
		 from audit.files where status = 'loaded' and family is not null group by 1`
	);
	const [built] = await rows<{ n: number }>(connection, `select count(*) as n from information_schema.tables where table_schema = 'marts' and table_name = 'data_as_of'`);
	const facts = built.n ? await rows<{ family: string; latest_data_on: string | null }>(connection, 'select family, latest_data_on from marts.data_as_of') : [];
	return [...families]
		.sort((a, b) => rank(a.family) - rank(b.family) || a.family.localeCompare(b.family))
		.map((family) => {
			const load = loads.find((l) => l.family === family.family);
			return {
				family: family.family,
				title: family.title,
				latestDataOn: facts.find((f) => f.family === family.family)?.latest_data_on ?? null,
				lastLoadedAt: load?.last_loaded_at ?? null,
				filesLoaded: load?.files ?? 0
			};
		});
}
