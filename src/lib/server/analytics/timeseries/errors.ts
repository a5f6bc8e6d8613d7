/** Why a time-series routine refused its input; `code` lets callers map it to a status column. */
export type TimeSeriesErrorCode = 'too_short' | 'invalid_value' | 'non_positive' | 'bad_option';

export class TimeSeriesError extends Error {
	readonly code: TimeSeriesErrorCode;
	constructor(code: TimeSeriesErrorCode, message: string) {
		super(message);
		this.name = 'TimeSeriesError';
		this.code = code;
	}
}

/** Every value must be a finite number: a gap must be filled (0 for "no sales") before analysis. */
export function assertFiniteSeries(values: readonly number[], what = 'series'): void {
	for (let i = 0; i < values.length; i++) {
		const v = values[i];
		if (typeof v !== 'number' || !Number.isFinite(v)) {
			throw new TimeSeriesError(
				'invalid_value',
				`${what}: value #${i + 1} is ${String(v)}; every month needs a finite number (use 0 for a month without sales)`
			);
		}
	}
}

export function assertPeriod(period: number): void {
	if (!Number.isInteger(period) || period < 2) {
		throw new TimeSeriesError('bad_option', `period must be an integer ≥ 2, got ${period}`);
	}
}
