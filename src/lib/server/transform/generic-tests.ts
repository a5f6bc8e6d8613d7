import { quoteIdent, quoteLiteral } from '../warehouse/index.ts';
import type { TestSpec } from './yaml-docs.ts';

/**
 * The built-in tests, dbt's four plus dbt_utils' range and expression tests. Each
 * compiles to a query returning the failing rows; the test passes when it returns none.
 */
export interface GenericTestInput {
	spec: TestSpec;
	/** The model's relation, e.g. "marts"."dim_customer". */
	relation: string;
	column?: string;
	/** Renders `to: ref('x')` of a relationships test into a relation (and records the dependency). */
	resolveRelation(expression: string): string;
}

type Compiler = (input: GenericTestInput, from: string) => string;

function requireColumn(input: GenericTestInput): string {
	if (!input.column) throw new Error(`test «${input.spec.type}» belongs under a column`);
	return quoteIdent(input.column);
}

function requireArg(input: GenericTestInput, name: string): unknown {
	const value = input.spec.args[name];
	if (value === undefined || value === null) throw new Error(`test «${input.spec.type}» needs «${name}»`);
	return value;
}

function literal(value: unknown, quote: boolean): string {
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	return quote ? quoteLiteral(String(value)) : String(value);
}

const compilers: Record<string, Compiler> = {
	not_null: (input, from) => `select * from ${from} where ${requireColumn(input)} is null`,

	unique: (input, from) => {
		const column = requireColumn(input);
		return `select ${column} as unique_field, count(*) as n_records from ${from} where ${column} is not null group by ${column} having count(*) > 1`;
	},

	accepted_values: (input, from) => {
		const column = requireColumn(input);
		const values = requireArg(input, 'values');
		if (!Array.isArray(values) || values.length === 0) throw new Error('accepted_values needs a non-empty list «values»');
		const quote = input.spec.args.quote !== false;
		const list = values.map((v) => literal(v, quote)).join(', ');
		return `select ${column} as value_field, count(*) as n_records from ${from} where ${column} is not null and ${column} not in (${list}) group by ${column}`;
	},

	relationships: (input, from) => {
		const column = requireColumn(input);
		const parent = input.resolveRelation(String(requireArg(input, 'to')));
		const field = quoteIdent(String(requireArg(input, 'field')));
		return `with child as (select ${column} as from_field from ${from} where ${column} is not null), parent as (select ${field} as to_field from ${parent}) select from_field from child left join parent on child.from_field = parent.to_field where parent.to_field is null`;
	},

	expression_is_true: (input, from) => {
		const expression = String(requireArg(input, 'expression'));
		const subject = input.column ? `${quoteIdent(input.column)} ${expression}` : expression;
		return `select * from ${from} where not (${subject})`;
	},

	accepted_range: (input, from) => {
		const column = requireColumn(input);
		const { min_value: min, max_value: max } = input.spec.args;
		if (min === undefined && max === undefined) throw new Error('accepted_range needs min_value or max_value');
		const inclusive = input.spec.args.inclusive !== false;
		const bounds = [
			min === undefined ? null : `${column} ${inclusive ? '>=' : '>'} ${literal(min, false)}`,
			max === undefined ? null : `${column} ${inclusive ? '<=' : '<'} ${literal(max, false)}`
		].filter((b) => b !== null);
		return `select * from ${from} where not (${bounds.join(' and ')})`;
	},

	unique_combination_of_columns: (input, from) => {
		const columns = requireArg(input, 'combination_of_columns');
		if (!Array.isArray(columns) || columns.length === 0) {
			throw new Error('unique_combination_of_columns needs a list «combination_of_columns»');
		}
		const list = columns.map((c) => quoteIdent(String(c))).join(', ');
		return `select ${list}, count(*) as n_records from ${from} group by ${list} having count(*) > 1`;
	}
};

export const GENERIC_TESTS = Object.keys(compilers);

/** The failing-rows query of one test; throws with a readable message when the test is misconfigured. */
export function compileGenericTest(input: GenericTestInput): string {
	const compiler = compilers[input.spec.type];
	if (!compiler) throw new Error(`unknown test «${input.spec.type}» (built in: ${GENERIC_TESTS.join(', ')})`);
	const from = input.spec.where ? `(select * from ${input.relation} where ${input.spec.where}) as model` : input.relation;
	return compiler(input, from);
}

/** dbt-style test name: unique_dim_customer_customer_id, accepted_values_orders_status. */
export function genericTestName(type: string, model: string, column?: string): string {
	return [type, model, column].filter(Boolean).join('_').replace(/[^A-Za-z0-9_]+/g, '_');
}
