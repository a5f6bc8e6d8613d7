/**
 * What kind of failure a domain error is. Domain code says what went wrong in these
 * words; only the HTTP edge (src/lib/server/api) turns a kind into a status code.
 *  - bad_input: the request itself is malformed (a filter value, a segment definition).
 *  - not_found: what the request names does not exist, or the user may not see it.
 *  - forbidden: the user may not do this at all.
 *  - conflict: the state of the warehouse forbids it now (a name taken, marts not built).
 *  - too_large / unsupported: an upload over the limit, or of a type ingest cannot read.
 *  - unusable: what the request names exists but cannot be used (a file no entity reads,
 *    a dashboard file with errors, a query the warehouse refuses).
 *  - timeout: the work took longer than it is allowed to.
 */
export type DomainErrorKind = 'bad_input' | 'not_found' | 'forbidden' | 'conflict' | 'too_large' | 'unsupported' | 'unusable' | 'timeout';

/**
 * An error a user can act on: its kind, a stable code a client may word itself (e.g.
 * `segment_exists`), a message for people, and details a client may show (the issues of
 * a definition, the problems of a dashboard file).
 */
export class DomainError extends Error {
	constructor(
		readonly kind: DomainErrorKind,
		readonly code: string,
		message: string,
		readonly details: Record<string, unknown> = {}
	) {
		super(message);
	}
}
