/**
 * Headers every answer of the app carries: no framing (clickjacking), no MIME sniffing,
 * no full URLs (segment names, filters) leaked to other sites in Referer. Pages get
 * their Content-Security-Policy from SvelteKit (kit.csp in svelte.config.js: scripts
 * only from this origin or with the page's nonce); other answers — API JSON, downloads,
 * the 403 page the auth hook writes — get one that lets nothing run or load.
 */
const ALWAYS: Record<string, string> = {
	'x-frame-options': 'DENY',
	'referrer-policy': 'strict-origin-when-cross-origin',
	'x-content-type-options': 'nosniff'
};

export const NON_PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

function apply(headers: Headers): void {
	for (const [name, value] of Object.entries(ALWAYS)) headers.set(name, value);
	if (!headers.has('content-security-policy')) headers.set('content-security-policy', NON_PAGE_CSP);
}

export function withSecurityHeaders(response: Response): Response {
	try {
		apply(response.headers);
		return response;
	} catch {
		// a Response with immutable headers (e.g. one passed through from fetch): copy it
		const copy = new Response(response.body, response);
		apply(copy.headers);
		return copy;
	}
}
