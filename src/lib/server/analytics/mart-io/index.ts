// What every TypeScript model's glue shares, whichever library it wraps: reading a query's
// columns into typed arrays without a JS object per row, and checked project variables.
export { readColumns, dayNumberSql, type ColumnKind, type Columns } from './read-columns.ts';
export { integerVar, numberVar, choiceVar, type VarReader } from './vars.ts';
