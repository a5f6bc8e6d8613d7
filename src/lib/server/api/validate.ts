import { zValidator } from '@hono/zod-validator';
import type { z } from 'zod';
import type { ApiBindings } from './context.ts';
import { ApiError } from './errors.ts';

type Target = 'json' | 'query';

/** Where an issue without a path is: the JSON body, or the query string as a whole. */
const WHOLE: Record<Target, string> = { json: 'body', query: 'query' };

/**
 * The one zod check of every /api route: a request that fails it answers 400
 * `{ error: { code, message } }`, the message naming the first field at fault
 * («period_start: use YYYY-MM-DD»). `code` is the route family's word for it
 * (dashboards say bad_filter; the others bad_request). A custom issue may carry its own
 * code and wording in both languages (`params: { code, ru, en }`, as segment names do):
 * then the reader gets it in their language.
 */
export function validated<T extends Target, S extends z.ZodType>(target: T, schema: S, code = 'bad_request') {
	return zValidator(target, schema, (result, c) => {
		if (result.success) return;
		const [issue] = result.error.issues;
		const own = issue.code === 'custom' ? (issue.params as { code?: string; ru?: string; en?: string } | undefined) : undefined;
		if (own?.code && own.ru && own.en) throw new ApiError(400, own.code, (c.env as ApiBindings | undefined)?.locale === 'en' ? own.en : own.ru);
		throw new ApiError(400, code, `${issue.path.join('.') || WHOLE[target]}: ${issue.message}`);
	});
}
