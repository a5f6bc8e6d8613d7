// AirPassengers (Box & Jenkins; test/fixtures/refdata/air_passengers.csv) against R's
// decompose(type = "multiplicative") and against the seasonal-naive benchmark.
import { describe, expect, it } from 'vitest';
import { refdataLines } from '../helpers/refdata.ts';
import {
	decomposeMultiplicative,
	forecastSeries,
	mape,
	seasonalIndexByMonth
} from '../../src/lib/server/analytics/timeseries/index.ts';

const rows = refdataLines('air_passengers.csv')
	.slice(1)
	.map((line) => line.split(','));
const months = rows.map((r) => r[0]);
const passengers = rows.map((r) => Number(r[1]));

// R: decompose(AirPassengers, type = "multiplicative")$figure (test/fixtures/refdata/README.md).
const R_FIGURE = [
	0.9102304, 0.8836253, 1.0073663, 0.975906, 0.981378, 1.1127758, 1.2265555, 1.219911, 1.0604919, 0.9217572,
	0.8011781, 0.8988244
];

describe('AirPassengers classical multiplicative decomposition', () => {
	it('reads the 144 months the README describes', () => {
		expect(passengers).toHaveLength(144);
		expect(months[0]).toBe('1949-01');
		expect(passengers.reduce((a, b) => a + b, 0)).toBe(40363);
	});

	it("matches R's seasonal figure January..December within 0.001", () => {
		const d = decomposeMultiplicative(passengers, 12);
		d.figure.forEach((value, k) => expect(Math.abs(value - R_FIGURE[k])).toBeLessThan(0.001));
		const byMonth = seasonalIndexByMonth(passengers, '1949-01');
		byMonth.byMonth.forEach((value, k) => expect(Math.abs(value - R_FIGURE[k])).toBeLessThan(0.001));
		expect(byMonth.type).toBe('multiplicative');
		expect(byMonth.significant).toBe(true);
	});

	it('leaves the trend undefined (NA) for the first and last six months', () => {
		const d = decomposeMultiplicative(passengers, 12);
		expect(d.trend.slice(0, 6)).toEqual([null, null, null, null, null, null]);
		expect(d.trend.slice(-6)).toEqual([null, null, null, null, null, null]);
		expect(d.trend[6]).not.toBeNull();
		expect(d.trend[137]).not.toBeNull();
	});

	it('computes the 1949-07 trend as the centred 2×12 moving average', () => {
		// 1949-01..1950-01: 112 118 132 129 121 135 148 148 136 119 104 118 115
		// (0.5·112 + 118+132+129+121+135+148+148+136+119+104+118 + 0.5·115) / 12
		// = (56 + 1408 + 57.5) / 12 = 1521.5 / 12 = 126.7916667
		const expected = 1521.5 / 12;
		const d = decomposeMultiplicative(passengers, 12);
		expect(months[6]).toBe('1949-07');
		expect(d.trend[6]).toBeCloseTo(expected, 10);
		// The random part is y / (trend · seasonal): 148 / (126.7916667 · 1.2265555).
		expect(d.random[6]).toBeCloseTo(148 / (expected * d.figure[6]), 10);
	});
});

describe('AirPassengers forecast, last 24 months held out', () => {
	const train = passengers.slice(0, 120);
	const holdout = passengers.slice(120);
	const result = forecastSeries(train, { horizon: 24 });
	// Seasonal naive by hand: each held-out month repeats the same month of 1958.
	const seasonalNaive = holdout.map((_, h) => train[108 + (h % 12)]);

	it('chooses a forecast whose hold-out MAPE beats seasonal naive', () => {
		const chosen = mape(holdout, result.mean);
		const benchmark = mape(holdout, seasonalNaive);
		console.info(
			`AirPassengers 1959–60: ${result.model} (${result.method}) MAPE ${chosen.toFixed(2)}%` +
				` vs seasonal naive ${benchmark.toFixed(2)}%`
		);
		expect(result.regime).toBe('regular');
		expect(result.seasonal).toBe(true);
		expect(chosen).toBeLessThan(benchmark);
	});

	it('covers at least 85% of the held-out months with its 95% interval', () => {
		const inside = holdout.filter((v, h) => v >= result.lo95[h]! && v <= result.hi95[h]!).length;
		console.info(`AirPassengers 95% interval covers ${inside} of 24 held-out months`);
		expect(inside / holdout.length).toBeGreaterThanOrEqual(0.85);
	});

	it('has nested intervals that widen with the horizon', () => {
		for (let h = 0; h < 24; h++) {
			expect(result.lo95[h]!).toBeLessThanOrEqual(result.lo80[h]!);
			expect(result.lo80[h]!).toBeLessThanOrEqual(result.mean[h]);
			expect(result.mean[h]).toBeLessThanOrEqual(result.hi80[h]!);
			expect(result.hi80[h]!).toBeLessThanOrEqual(result.hi95[h]!);
		}
		// Seasonality scales the width month by month, so compare the same calendar month a year later.
		const width = (h: number) => result.hi95[h]! - result.lo95[h]!;
		for (let h = 0; h < 12; h++) expect(width(h + 12)).toBeGreaterThan(width(h));
		expect(width(23)).toBeGreaterThan(width(0));
	});
});
