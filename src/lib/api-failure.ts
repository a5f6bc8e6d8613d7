/**
 * The one reader of /api error bodies on the client. Every error of the API is
 * `{ error: { code, message } }` (some add `ru`, their own Russian sentence) (see src/lib/server/api/errors.ts); a body that is not
 * (a proxy's page, a dropped connection) still becomes a failure with a code.
 */

/** An /api error as the client sees it: the HTTP status (0: no answer), the server's code and message. */
export class ApiFailure extends Error {
	constructor(
		readonly status: number,
		readonly code: string,
		message: string,
		/** The server's own Russian sentence, when it words the error itself (an upload's cost limit). */
		readonly ru?: string
	) {
		super(message);
	}
}

/** The failure a response body says; `text` is the body as read (fetch or XMLHttpRequest). */
export function failureOf(status: number, statusText: string, text: string): ApiFailure {
	try {
		const body = JSON.parse(text) as { error?: { code?: unknown; message?: unknown; ru?: unknown } } | null;
		const error = body?.error;
		if (error && typeof error.message === 'string')
			return new ApiFailure(status, typeof error.code === 'string' ? error.code : `http_${status}`, error.message, typeof error.ru === 'string' ? error.ru : undefined);
	} catch {
		// not JSON: a short plain-text body is the message, anything else the status line
	}
	const plain = text.trim();
	const message = plain && plain.length <= 300 && !plain.startsWith('<') ? plain : `${status} ${statusText}`.trim();
	return new ApiFailure(status, `http_${status}`, message);
}

/** The JSON of a response; a response that is not ok throws its ApiFailure. */
export async function readJson<T>(response: Response): Promise<T> {
	const text = await response.text();
	if (!response.ok) throw failureOf(response.status, response.statusText, text);
	return JSON.parse(text) as T;
}

/** For a response whose body does not matter (a 204): throws its ApiFailure when it is not ok. */
export async function ensureOk(response: Response): Promise<void> {
	if (!response.ok) throw failureOf(response.status, response.statusText, await response.text());
}
