import { z } from 'zod';
import { DomainError } from '../errors.ts';

/**
 * What a saved segment is: a list of conditions that must all hold (AND); an item may
 * instead be an OR group `{ any: [...] }` of conditions of which at least one holds.
 * An empty list is every (non-anonymous) customer. Stored as JSON in app.segments and
 * sent by the builder page; compile.ts turns it into SQL with bound values.
 *
 * Example — lapsed regulars in Moscow or St Petersburg who accept e-mail:
 * { "conditions": [
 *     { "type": "last_purchase", "olderThanDays": 90 },
 *     { "type": "purchases", "min": 3 },
 *     { "any": [ { "type": "city", "values": ["Москва"] }, { "type": "city", "values": ["Санкт-Петербург"] } ] },
 *     { "type": "opted_in", "channel": "email" } ] }
 */

/** The segment codes of marts.rfm (its YAML accepted_values). */
export const RFM_SEGMENT_CODES = [
	'champions',
	'loyal',
	'potential_loyalist',
	'new',
	'promising',
	'need_attention',
	'about_to_sleep',
	'at_risk',
	'cant_lose_them',
	'hibernating',
	'lost'
] as const;

export const CONTACT_CHANNELS = ['email', 'sms', 'messenger'] as const;
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];

const MAX_CONDITIONS = 50;
const MAX_VALUES = 500;

const isoDate = z
	.string()
	.regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD')
	.refine((text) => {
		const date = new Date(`${text}T00:00:00Z`);
		return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
	}, 'not a calendar date');

const textValues = z.array(z.string().trim().min(1).max(200)).min(1, 'choose at least one value').max(MAX_VALUES);
const amount = z.number().finite().min(0);
const days = z.number().int().min(0).max(36_500);

type Bounds = { min?: number; max?: number };
const hasBound = (c: Bounds) => c.min !== undefined || c.max !== undefined;
const ordered = (c: Bounds) => c.min === undefined || c.max === undefined || c.min <= c.max;

/** Both ends optional, at least one given, min not above max. */
function withRange<T extends z.ZodRawShape>(shape: T, bound: z.ZodNumber) {
	return z
		.object({ ...shape, min: bound.optional(), max: bound.optional() })
		.strict()
		.refine((c) => hasBound(c as Bounds), 'give a minimum, a maximum or both')
		.refine((c) => ordered(c as Bounds), 'the minimum is above the maximum');
}

export const conditionSchema = z.discriminatedUnion('type', [
	z.object({ type: z.literal('rfm_segment'), segments: z.array(z.enum(RFM_SEGMENT_CODES)).min(1, 'choose at least one segment').max(11) }).strict(),
	z
		.object({
			type: z.literal('last_purchase'),
			/** Last purchase on or after this date. */
			after: isoDate.optional(),
			/** Last purchase on or before this date. */
			before: isoDate.optional(),
			/** Last purchase more than N days before the data's latest sale. */
			olderThanDays: days.optional(),
			/** Last purchase within N days of the data's latest sale. */
			withinDays: days.optional()
		})
		.strict()
		.refine((c) => [c.after, c.before, c.olderThanDays, c.withinDays].some((v) => v !== undefined), 'give a date or a number of days')
		.refine((c) => !c.after || !c.before || c.after <= c.before, '«after» is later than «before»'),
	withRange({ type: z.literal('purchases') }, z.number().int().min(0)),
	withRange({ type: z.literal('value'), measure: z.enum(['historical_revenue', 'predicted_value']) }, amount),
	withRange({ type: z.literal('p_alive') }, z.number().min(0).max(1)),
	z.object({ type: z.literal('channel'), values: textValues }).strict(),
	z.object({ type: z.literal('city'), values: textValues }).strict(),
	z
		.object({ type: z.literal('category'), values: textValues, from: isoDate.optional(), to: isoDate.optional() })
		.strict()
		.refine((c) => !c.from || !c.to || c.from <= c.to, '«from» is later than «to»'),
	z.object({ type: z.literal('birthday'), month: z.union([z.literal('current'), z.number().int().min(1).max(12)]) }).strict(),
	z.object({ type: z.literal('debt'), kind: z.enum(['outstanding', 'overdue']) }).strict(),
	z.object({ type: z.literal('opted_in'), channel: z.enum(CONTACT_CHANNELS) }).strict()
]);

export const groupSchema = z.object({ any: z.array(conditionSchema).min(1, 'an OR group needs a condition').max(MAX_CONDITIONS) }).strict();

export const definitionSchema = z
	.object({ conditions: z.array(z.union([conditionSchema, groupSchema])).max(MAX_CONDITIONS) })
	.strict();

export type Condition = z.infer<typeof conditionSchema>;
export type ConditionGroup = z.infer<typeof groupSchema>;
export type SegmentDefinition = z.infer<typeof definitionSchema>;
export type ConditionType = Condition['type'];

/** A definition that does not validate: every issue with its path. */
export class DefinitionError extends DomainError {
	constructor(
		message: string,
		readonly issues: { path: string; message: string }[]
	) {
		super('bad_input', 'bad_definition', message, { issues });
	}
}

type Issue = { path: string; message: string };

function issuesOf(error: z.ZodError, prefix: (string | number)[] = []): Issue[] {
	return error.issues.map((issue) => ({ path: [...prefix, ...issue.path.map(String)].join('.'), message: issue.message }));
}

/**
 * The issues of a definition, each at its place. A list item is a condition or an OR
 * group; a plain union would only say «invalid input» for a wrong item, so each item is
 * checked against the schema its shape asks for.
 */
function definitionIssues(input: unknown, error: z.ZodError): Issue[] {
	const items = (input as { conditions?: unknown } | null)?.conditions;
	if (!Array.isArray(items)) return issuesOf(error);
	const issues: Issue[] = [];
	items.forEach((item, index) => {
		const schema = item && typeof item === 'object' && 'any' in item ? groupSchema : conditionSchema;
		const result = schema.safeParse(item);
		if (!result.success) issues.push(...issuesOf(result.error, ['conditions', index]));
	});
	return issues.length ? issues : issuesOf(error);
}

/** Validates JSON from a request or app.segments; the error names the condition and field at fault. */
export function parseDefinition(input: unknown): SegmentDefinition {
	const result = definitionSchema.safeParse(input);
	if (result.success) return result.data;
	const issues = definitionIssues(input, result.error);
	const first = issues[0];
	throw new DefinitionError(`segment definition: ${first.path ? `${first.path}: ` : ''}${first.message}`, issues);
}

export function isGroup(item: Condition | ConditionGroup): item is ConditionGroup {
	return 'any' in item;
}
