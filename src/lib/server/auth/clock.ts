/**
 * Auth tables keep UTC timestamps computed here rather than DuckDB's current_timestamp,
 * so expiry and lock-out follow one clock that tests can move.
 */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

/** '2025-03-01 10:15:00.123' (UTC), the form a TIMESTAMP parameter is cast from. */
export function toSqlTimestamp(date: Date): string {
	return date.toISOString().replace('T', ' ').replace('Z', '');
}

/** A TIMESTAMP as the warehouse returns it (UTC by our convention) back to a Date. */
export function fromSqlTimestamp(text: string): Date {
	return new Date(`${text.replace(' ', 'T')}Z`);
}
