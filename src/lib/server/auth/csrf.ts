import crypto from 'node:crypto';
import { tokensEqual } from '../handoff/server-info.ts';

/**
 * Synchronizer token tied to the session: HMAC-SHA256 of a fixed label keyed by the
 * session token. It needs no storage, changes with every sign-in, and showing it in a
 * page reveals nothing about the httpOnly session cookie it is derived from.
 */
export function csrfTokenFor(sessionToken: string): string {
	return crypto.createHmac('sha256', sessionToken).update('oborot-csrf-v1').digest('base64url');
}

/** True when `given` is the CSRF token of this session (constant-time comparison). */
export function csrfTokenValid(sessionToken: string | null | undefined, given: string | null | undefined): boolean {
	if (!sessionToken || !given) return false;
	return tokensEqual(given, csrfTokenFor(sessionToken));
}

/** Methods that change state and must carry the token. */
export function isStateChanging(method: string): boolean {
	return !['GET', 'HEAD', 'OPTIONS'].includes(method.toUpperCase());
}
