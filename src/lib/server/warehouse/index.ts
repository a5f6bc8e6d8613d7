export { Warehouse, isLockError, type OpenOptions, type Params } from './warehouse.ts';
export { plainValueConverter, type Row, type SqlValue } from './convert.ts';
export { quoteIdent, quoteLiteral, qualified } from './sql.ts';
export { processWarehouse, closeProcessWarehouse } from './process-warehouse.ts';
