import { zValidator } from '@hono/zod-validator';
import type { z } from 'zod';
import { ApiError } from './errors.ts';

type Target = 'json' | 'query';

/** Where an issue without a path is: the JSON body, or the query string as a whole. */
const WHOLE: Record<Target, string> = { json: 'body', query: 'query' };

/**
 * The one zod check of every /api route: a request that fails it answers 400
 * `{ error: { code, message } }`, the message naming the first field at fault
 * («period_start: use YYYY-MM-DD»). `code` is the route family's word for it
 * (dashboards say bad_filter; the others bad_request).
 */
export function validated<T extends Target, S extends z.ZodType>(target: T, schema: S, code = 'bad_request') {
	return zValidator(target, schema, (result) => {
		if (result.success) return;
		const [issue] = result.error.issues;
		throw new ApiError(400, code, `${issue.path.join('.') || WHOLE[target]}: ${issue.message}`);
	});
}
