/**
 * Path patterns of the access policy, in Hono's own syntax so a rule reads like the route
 * it guards: `/api/segments/:name` (one segment), `/api/uploads/*` (the rest of the path,
 * possibly empty: it also matches `/api/uploads`). A trailing slash is ignored.
 */
export interface PathMatcher {
	pattern: string;
	/** The parameters when the path matches, else null. */
	match(path: string): Record<string, string> | null;
}

function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function compilePathPattern(pattern: string): PathMatcher {
	if (!pattern.startsWith('/')) throw new Error(`access policy: path pattern «${pattern}» must start with /`);
	const names: string[] = [];
	const segments = pattern.split('/').slice(1);
	let source = '';
	segments.forEach((segment, index) => {
		const last = index === segments.length - 1;
		if (segment === '*') {
			if (!last) throw new Error(`access policy: «*» must be the last segment of «${pattern}»`);
			source += '(?:/.*)?';
		} else if (segment.startsWith(':')) {
			const optional = segment.endsWith('?');
			const name = segment.slice(1, optional ? -1 : undefined);
			if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`access policy: bad parameter «${segment}» in «${pattern}»`);
			names.push(name);
			source += optional ? '(?:/([^/]+))?' : '/([^/]+)';
		} else if (segment !== '' || !last) {
			source += `/${escapeRegExp(segment)}`;
		}
	});
	const regex = new RegExp(`^${source}/?$`);
	return {
		pattern,
		match(path) {
			const found = regex.exec(path === '' ? '/' : path);
			if (!found) return null;
			const params: Record<string, string> = {};
			names.forEach((name, i) => {
				const value = found[i + 1];
				if (value !== undefined) params[name] = safeDecode(value);
			});
			return params;
		}
	};
}

function safeDecode(value: string): string {
	try {
		return decodeURIComponent(value);
	} catch {
		return value;
	}
}

/**
 * A concrete path for a route pattern (Hono's `:param`, `:param{regex}`, `:param?`, `*`),
 * used by tests that probe every registered route.
 */
export function samplePath(routePattern: string, sample = 'sample'): string {
	const path = routePattern
		.split('/')
		.map((segment) => {
			if (segment === '*') return sample;
			if (segment.startsWith(':')) return segment.endsWith('?') ? '' : sample;
			return segment;
		})
		.filter((segment, i) => segment !== '' || i === 0)
		.join('/');
	return path === '' ? '/' : path;
}
