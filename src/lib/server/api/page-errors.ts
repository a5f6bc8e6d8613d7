import { error } from '@sveltejs/kit';
import { clientError } from './errors.ts';

/**
 * For a page's load: an error the user can act on becomes SvelteKit's error page with the
 * status and code the API would answer; anything else is rethrown (a 500, logged by SvelteKit).
 */
export function throwPageError(cause: unknown): never {
	const known = clientError(cause);
	if (known) error(known.status, { message: known.body.error.message, code: known.body.error.code });
	throw cause;
}
