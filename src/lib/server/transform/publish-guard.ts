import type { GuardHold } from '../../dashboards/contract.ts';

export type { GuardHold };
import type { DuckDBConnection } from '@duckdb/node-api';
import type { ModelNode } from './types.ts';

/**
 * The publish guard: a load that multiplies a dimension or a fact (1.5M junk customers
 * over 5,198 real ones) is held for an admin's confirmation instead of being published.
 * A guarded model (YAML `config: guard`) whose new version has more than
 * `publish_max_growth` times the rows of its published version, or more junk-looking rows
 * (its `junk` condition) than before by over `publish_max_junk_pct` % of the published
 * rows, keeps its published version, and so does what is built on it; the build says why.
 * A published version under `publish_guard_min_rows` rows is not guarded (a first load, a
 * demo). An admin's confirmation lets the next build publish up to the rows confirmed.
 */

export interface GuardLimits {
	maxGrowth: number;
	maxJunkPct: number;
	minRows: number;
}

export const DEFAULT_GUARD_LIMITS: GuardLimits = { maxGrowth: 10, maxJunkPct: 20, minRows: 100 };

/** The guard's limits from the project's vars (oborot.yml), a wrong value named. */
export function guardLimits(vars: Record<string, unknown>): GuardLimits {
	const read = (key: string, fallback: number) => {
		const value = vars[key];
		if (value === undefined || value === null || value === '') return fallback;
		const number = Number(value);
		if (!Number.isFinite(number) || number < 0) throw new Error(`var ${key} must be a number ≥ 0, not ${JSON.stringify(value)}`);
		return number;
	};
	return {
		maxGrowth: read('publish_max_growth', DEFAULT_GUARD_LIMITS.maxGrowth),
		maxJunkPct: read('publish_max_junk_pct', DEFAULT_GUARD_LIMITS.maxJunkPct),
		minRows: read('publish_guard_min_rows', DEFAULT_GUARD_LIMITS.minRows)
	};
}

/** Why a model was held: the figures, and the sentence in English and Russian. */

const en = (n: number) => n.toLocaleString('en-US');
const ru = (n: number) => n.toLocaleString('ru-RU');
const times = (n: number) => String(Math.round(n * 10) / 10);

async function counts(connection: DuckDBConnection, relation: string, junk: string | null): Promise<{ rows: number; junk: number | null }> {
	const reader = await connection.runAndReadAll(`select count(*)::bigint, ${junk ? `count(*) filter (where ${junk})::bigint` : 'null'} from ${relation}`);
	const [rows, junkRows] = reader.getRows()[0];
	return { rows: Number(rows), junk: junkRows === null ? null : Number(junkRows) };
}

/**
 * Compares the model's new version (under its name) with the published one (`previous`,
 * set aside by the build). `allowedRows`: what an admin confirmed for this model — a new
 * version up to that many rows publishes.
 */
export async function checkGuard(
	connection: DuckDBConnection,
	node: ModelNode,
	previous: string,
	limits: GuardLimits,
	allowedRows?: number
): Promise<GuardHold | null> {
	const junk = node.config.guard?.junk ?? null;
	const before = await counts(connection, previous, junk);
	if (before.rows < limits.minRows) return null;
	const after = await counts(connection, node.relation, junk);
	if (allowedRows !== undefined && after.rows <= allowedRows) return null;
	const figures = { previousRows: before.rows, rows: after.rows, junkBefore: before.junk, junkAfter: after.junk };
	if (after.rows > limits.maxGrowth * before.rows) {
		const growth = after.rows / before.rows;
		return {
			rule: 'growth',
			...figures,
			message: `«${node.name}» would grow from ${en(before.rows)} to ${en(after.rows)} rows (×${times(growth)}, over the limit of ×${times(limits.maxGrowth)}, publish_max_growth): held until an admin confirms it on the upload page`,
			ru: `«${node.name}» вырос бы с ${ru(before.rows)} до ${ru(after.rows)} строк (×${times(growth).replace('.', ',')}, больше предела ×${times(limits.maxGrowth).replace('.', ',')}, publish_max_growth): не опубликован, пока администратор не подтвердит это на странице загрузки`
		};
	}
	if (junk && before.junk !== null && after.junk !== null) {
		const added = after.junk - before.junk;
		if (added > (limits.maxJunkPct / 100) * before.rows) {
			const pct = Math.round((added / before.rows) * 1000) / 10;
			return {
				rule: 'junk',
				...figures,
				message: `«${node.name}» would gain ${en(added)} rows that look like junk (${junk}): ${en(pct)} % of its ${en(before.rows)} rows, over the limit of ${en(limits.maxJunkPct)} % (publish_max_junk_pct): held until an admin confirms it on the upload page`,
				ru: `в «${node.name}» добавилось бы ${ru(added)} строк, похожих на мусор (${junk}): ${ru(pct)} % от ${ru(before.rows)} строк, больше предела ${ru(limits.maxJunkPct)} % (publish_max_junk_pct): не опубликован, пока администратор не подтвердит это на странице загрузки`
			};
		}
	}
	return null;
}
