import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** The JSON error shape of every /api route. */
export interface ApiErrorBody {
	/** `ru`: the same sentence in Russian, when the engine words it itself (the page words the rest by code). */
	error: { code: string; message: string; ru?: string };
}

/** An error a client can act on: a code, a message for people, an HTTP status. */
export class ApiError extends Error {
	constructor(
		readonly status: ContentfulStatusCode,
		readonly code: string,
		message: string,
		readonly ru?: string
	) {
		super(message);
	}
}

export function errorBody(code: string, message: string, ru?: string): ApiErrorBody {
	return { error: ru === undefined ? { code, message } : { code, message, ru } };
}

export function handleApiError(error: Error, c: Context): Response {
	if (error instanceof ApiError) return c.json(errorBody(error.code, error.message, error.ru), error.status);
	if (error instanceof HTTPException) return c.json(errorBody(`http_${error.status}`, error.message), error.status);
	console.error(error);
	return c.json(errorBody('internal', error.message), 500);
}
