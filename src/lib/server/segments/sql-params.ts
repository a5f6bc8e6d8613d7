import { DOUBLE, INTEGER, LIST, VARCHAR, listValue, type DuckDBType, type DuckDBValue } from '@duckdb/node-api';

/**
 * Collects the values of a compiled query as positional parameters ($1, $2, …) with
 * their DuckDB types, so user input is always bound and never becomes SQL text.
 * Dates travel as VARCHAR and are cast in SQL (`$3::date`): DuckDB checks them.
 */
export class SqlParams {
	readonly values: DuckDBValue[] = [];
	readonly types: DuckDBType[] = [];

	private add(value: DuckDBValue, type: DuckDBType): string {
		this.values.push(value);
		this.types.push(type);
		return `$${this.values.length}`;
	}

	text(value: string): string {
		return this.add(value, VARCHAR);
	}

	textList(values: readonly string[]): string {
		return this.add(listValue([...values]), LIST(VARCHAR));
	}

	integer(value: number): string {
		return this.add(value, INTEGER);
	}

	number(value: number): string {
		return this.add(value, DOUBLE);
	}

	/** A YYYY-MM-DD date (validated by the definition schema), typed as DATE in SQL. */
	date(value: string): string {
		return `${this.add(value, VARCHAR)}::date`;
	}
}

/** A query ready to run: SQL with $n placeholders and the values bound to them. */
export interface BoundQuery {
	sql: string;
	values: DuckDBValue[];
	types: DuckDBType[];
}
