// Glue between the model runner and the time-series library for the purchasing and
// revenue-forecast marts (the model files under models/ stay thin).
export { buildSeriesForecasts, SERIES_FORECAST_COLUMNS, type SeriesLevel } from './series-forecasts-model.ts';
export { forecastWithBenchmarkGuard, type SeriesOutcome } from './guarded-forecasts.ts';
export { readMonthlySeries } from './monthly-series.ts';
export { forecastHorizon } from './settings.ts';
export { buildSeasonality, seasonalStrength, SEASONALITY_COLUMNS, SEASONALITY_MIN_MONTHS } from './seasonality-model.ts';
export { buildStockPolicy, readStockPolicy, STOCK_POLICY_COLUMNS, DEMAND_BASES } from './stock-policy-model.ts';
export { buildRevenueProjection, REVENUE_PROJECTION_COLUMNS } from './revenue-projection-model.ts';
