// Public surface of the time-series numerics (see README.md in this folder).
export { TimeSeriesError, type TimeSeriesErrorCode } from './errors.ts';
export { parseMonth, formatMonth, addMonths, calendarMonth } from './months.ts';
export {
	decomposeMultiplicative,
	decomposeAdditive,
	decomposeSeasonal,
	centredMovingAverage,
	type Decomposition,
	type DecompositionType
} from './decompose.ts';
export {
	seasonalIndexByMonth,
	projectRevenueByMonth,
	type MonthlySeasonalIndex,
	type RevenueProjection,
	type RevenueProjectionRow
} from './seasonal-index.ts';
export { smape, mape, mase, maseScale, smapeTerm } from './accuracy.ts';
export { hasSeasonality, autocorrelations } from './seasonality-test.ts';
export { MODEL_IDS, COMBINATION_MEMBERS, type ModelId } from './model-frame.ts';
export {
	forecastSeries,
	classifySeries,
	DEFAULT_CANDIDATES,
	type ForecastOptions,
	type SelectionMeasure,
	type SeriesForecast,
	type SeriesRegime
} from './forecast-series.ts';
export {
	forecastMany,
	type MonthlySeries,
	type ForecastBatch,
	type ForecastRow,
	type BacktestRow,
	type SeriesSummaryRow,
	type AccuracyAverage,
	type ForecastFailure
} from './forecast-many.ts';
export type { ModelScore } from './backtest.ts';
export type { CalibrationFactors } from './calibration.ts';
