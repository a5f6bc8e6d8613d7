import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { loginAction } from '$lib/server/auth/login-action.ts';
import { safeNext } from '$lib/server/auth/auth-handle.ts';
import { serverRuntime } from '$lib/server/runtime/server-runtime.ts';

export const load: PageServerLoad = ({ locals, url, cookies }) => {
	const lang = url.searchParams.get('lang');
	if (lang === 'ru' || lang === 'en') {
		cookies.set('locale', lang, { path: '/', httpOnly: false, sameSite: 'lax', secure: url.protocol === 'https:', maxAge: 365 * 24 * 3600 });
		// A fresh URL: load's own url is tracked by SvelteKit and is not to be edited.
		const back = new URL(url);
		back.searchParams.delete('lang');
		redirect(303, back.pathname + back.search);
	}
	const next = safeNext(url.searchParams.get('next'));
	if (locals.user) redirect(303, next);
	return { next };
};

export const actions: Actions = {
	default: async (event) => loginAction(event, (await serverRuntime()).warehouse)
};
