import {
	DuckDBTypeId,
	arrayFromArrayValue,
	arrayFromListValue,
	booleanFromValue,
	createDuckDBValueConverter,
	jsonObjectFromIntervalValue,
	nullConverter,
	numberFromValue,
	objectArrayFromMapValue,
	objectFromStructValue,
	objectFromUnionValue,
	stringFromValue,
	unsupportedConverter,
	type DuckDBValueConverter
} from '@duckdb/node-api';

/** What a warehouse query returns to TypeScript: plain JSON-safe values. */
export type SqlValue = string | number | boolean | null | SqlValue[] | { [key: string]: SqlValue };
export type Row = Record<string, SqlValue>;

/**
 * Numbers come back as numbers: DuckDB's own Json converter returns BIGINT,
 * HUGEINT and DECIMAL as strings, which would leak "12.50" into charts and sums.
 * Counts and money in this product fit a double exactly enough (2 decimals, < 2^53).
 * Dates and timestamps stay strings in ISO form ("2024-03-01", "2024-03-01 10:15:00").
 */
const asNumber: DuckDBValueConverter<SqlValue> = (value) => numberFromValue(value);
const asString: DuckDBValueConverter<SqlValue> = (value) => stringFromValue(value);

export const plainValueConverter = createDuckDBValueConverter<SqlValue>({
	[DuckDBTypeId.INVALID]: unsupportedConverter,
	[DuckDBTypeId.BOOLEAN]: booleanFromValue,
	[DuckDBTypeId.TINYINT]: asNumber,
	[DuckDBTypeId.SMALLINT]: asNumber,
	[DuckDBTypeId.INTEGER]: asNumber,
	[DuckDBTypeId.BIGINT]: asNumber,
	[DuckDBTypeId.UTINYINT]: asNumber,
	[DuckDBTypeId.USMALLINT]: asNumber,
	[DuckDBTypeId.UINTEGER]: asNumber,
	[DuckDBTypeId.UBIGINT]: asNumber,
	[DuckDBTypeId.FLOAT]: asNumber,
	[DuckDBTypeId.DOUBLE]: asNumber,
	[DuckDBTypeId.TIMESTAMP]: asString,
	[DuckDBTypeId.DATE]: asString,
	[DuckDBTypeId.TIME]: asString,
	[DuckDBTypeId.INTERVAL]: jsonObjectFromIntervalValue as DuckDBValueConverter<SqlValue>,
	[DuckDBTypeId.HUGEINT]: asNumber,
	[DuckDBTypeId.UHUGEINT]: asNumber,
	[DuckDBTypeId.VARCHAR]: asString,
	[DuckDBTypeId.BLOB]: asString,
	[DuckDBTypeId.DECIMAL]: asNumber,
	[DuckDBTypeId.TIMESTAMP_S]: asString,
	[DuckDBTypeId.TIMESTAMP_MS]: asString,
	[DuckDBTypeId.TIMESTAMP_NS]: asString,
	[DuckDBTypeId.ENUM]: asString,
	[DuckDBTypeId.LIST]: arrayFromListValue as DuckDBValueConverter<SqlValue>,
	[DuckDBTypeId.STRUCT]: objectFromStructValue as DuckDBValueConverter<SqlValue>,
	[DuckDBTypeId.MAP]: objectArrayFromMapValue as unknown as DuckDBValueConverter<SqlValue>,
	[DuckDBTypeId.ARRAY]: arrayFromArrayValue as DuckDBValueConverter<SqlValue>,
	[DuckDBTypeId.UUID]: asString,
	[DuckDBTypeId.UNION]: objectFromUnionValue as unknown as DuckDBValueConverter<SqlValue>,
	[DuckDBTypeId.BIT]: asString,
	[DuckDBTypeId.TIME_TZ]: asString,
	[DuckDBTypeId.TIMESTAMP_TZ]: asString,
	[DuckDBTypeId.ANY]: unsupportedConverter,
	[DuckDBTypeId.BIGNUM]: asString,
	[DuckDBTypeId.SQLNULL]: nullConverter,
	[DuckDBTypeId.STRING_LITERAL]: unsupportedConverter,
	[DuckDBTypeId.INTEGER_LITERAL]: unsupportedConverter,
	[DuckDBTypeId.TIME_NS]: asString,
	[DuckDBTypeId.GEOMETRY]: asString,
	[DuckDBTypeId.VARIANT]: unsupportedConverter
});
