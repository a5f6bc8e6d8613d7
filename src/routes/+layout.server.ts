import type { LayoutServerLoad } from './$types';
import { csrfForCookies } from '$lib/server/auth/auth-handle.ts';

// csrf: sent back as the x-csrf-token header (csrfHeaders in $lib/auth/csrf.ts) or a _csrf form field on every change.
export const load: LayoutServerLoad = ({ locals, cookies }) => ({
	user: locals.user,
	locale: locals.locale,
	csrf: locals.user ? csrfForCookies(cookies) : null
});
