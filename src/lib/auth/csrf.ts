/**
 * How the browser proves a state-changing request comes from our own pages (CSRF):
 * the layout data carries `csrf`; fetch calls send it in this header, plain HTML forms
 * in a hidden field of this name. Shared by pages and server.
 */
export const CSRF_HEADER = 'x-csrf-token';
export const CSRF_FIELD = '_csrf';

/** Headers for a state-changing fetch: `fetch(url, { method: 'POST', headers: csrfHeaders(data.csrf) })`. */
export function csrfHeaders(token: string | null | undefined, headers: Record<string, string> = {}): Record<string, string> {
	return token ? { ...headers, [CSRF_HEADER]: token } : headers;
}
