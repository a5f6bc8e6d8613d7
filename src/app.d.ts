import type { SessionUser } from '$lib/auth/roles.ts';

// See https://svelte.dev/docs/kit/types#app.d.ts
declare global {
	namespace App {
		interface Error {
			code?: string;
		}
		interface Locals {
			/** Set by the auth hook from the session cookie; null when signed out. */
			user: SessionUser | null;
			locale: 'ru' | 'en';
		}
		// interface PageData {}
		// interface PageState {}
		// interface Platform {}
	}
}

export {};
