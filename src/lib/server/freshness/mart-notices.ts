import type { DuckDBConnection } from '@duckdb/node-api';
import type { MartNotice, MissingExport } from '../../dashboards/contract.ts';
import { readModelStates, type ModelState } from '../transform/model-state.ts';
import type { RelationName } from './query-relations.ts';
import { familyOfTable, type SourceFamily } from './source-families.ts';

/** Raw tables that are empty, in the words of the ingest job files. */
export function missingExports(tables: string[], families: SourceFamily[]): MissingExport[] {
	return tables.map((table) => {
		const family = familyOfTable(families, table);
		const entity = family?.tables.find((t) => t.table === table.replace(/^raw\./, ''));
		return { table, family: family?.family ?? null, familyTitle: family?.title ?? null, tableTitle: entity?.title ?? null };
	});
}

/**
 * The marts among `relations` whose last build left them stale, empty for missing data or
 * unbuilt, from the states of audit.model_state that are not current. `families` is asked
 * only when a mart lacks data (it reads the ingest job files).
 */
export function noticesFor(states: ModelState[], relations: RelationName[], families: () => SourceFamily[]): MartNotice[] {
	const read = new Set(relations.map((r) => `${r.schema}.${r.name}`));
	return states
		.filter((state) => state.state !== 'current' && read.has(`${state.schema}.${state.name}`.toLowerCase()))
		.map((state) => ({
			model: state.model,
			relation: `${state.schema}.${state.name}`,
			state: state.state as MartNotice['state'],
			available: state.state !== 'never_built',
			publishedBuildId: state.publishedBuildId,
			publishedAt: state.publishedAt,
			checkedBuildId: state.checkedBuildId,
			cause: state.cause,
			needs: state.cause?.kind === 'no_data' ? missingExports(state.cause.sources, families()) : []
		}));
}

/**
 * The notices of the marts a query reads, on the caller's connection — inside the query's own
 * read-only transaction they describe exactly the version the rows came from.
 */
export async function martNotices(connection: DuckDBConnection, relations: RelationName[], families: () => SourceFamily[]): Promise<MartNotice[]> {
	if (relations.length === 0) return [];
	return noticesFor(await readModelStates(connection, { notCurrent: true }), relations, families);
}
