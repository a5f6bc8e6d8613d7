// Project variables of the forecast marts beyond the shared readers of mart-io.
import { integerVar, type VarReader } from '../mart-io/index.ts';

/** Months ahead of the demand and revenue forecasts. */
export const forecastHorizon = (read: VarReader) => integerVar(read, 'forecast_horizon_months', 1, 120);
