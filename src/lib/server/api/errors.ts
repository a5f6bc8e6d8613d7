import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { DomainError, type DomainErrorKind } from '../errors.ts';

/** The JSON error shape of every /api route (details such as issues or problems beside code and message). */
export interface ApiErrorBody {
	error: { code: string; message: string } & Record<string, unknown>;
}

/**
 * An error of the HTTP layer itself (a bad token, a malformed request line): domain code
 * throws DomainError and never this.
 */
export class ApiError extends Error {
	constructor(
		readonly status: ContentfulStatusCode,
		readonly code: string,
		message: string
	) {
		super(message);
	}
}

/** The one table from what went wrong to the HTTP status; the API and the pages both answer by it. */
const STATUS: Record<DomainErrorKind, ContentfulStatusCode> = {
	bad_input: 400,
	forbidden: 403,
	not_found: 404,
	conflict: 409,
	too_large: 413,
	unsupported: 415,
	unusable: 422,
	// a query over its time limit has always answered 500; clients and tests know it so
	timeout: 500
};

export function httpStatus(kind: DomainErrorKind): ContentfulStatusCode {
	return STATUS[kind];
}

export function errorBody(code: string, message: string, details: Record<string, unknown> = {}): ApiErrorBody {
	return { error: { code, message, ...details } };
}

/** An error a client can act on, as status and body; null for a fault of ours (a bug, a crash). */
export function clientError(error: unknown): { status: ContentfulStatusCode; body: ApiErrorBody } | null {
	if (error instanceof DomainError) return { status: httpStatus(error.kind), body: errorBody(error.code, error.message, error.details) };
	if (error instanceof ApiError) return { status: error.status, body: errorBody(error.code, error.message) };
	if (error instanceof HTTPException) return { status: error.status, body: errorBody(`http_${error.status}`, error.message) };
	return null;
}

/**
 * The API's one onError: what the client can act on answers with its status and body and
 * is not logged; anything else is our fault, logged with its stack, and answers 500.
 */
export function handleApiError(error: Error, c: Context): Response {
	const known = clientError(error);
	if (known) return c.json(known.body, known.status);
	console.error(error);
	return c.json(errorBody('internal', error.message), 500);
}
