// Project variables of the forecast and stock marts, checked once with errors that name
// the variable (a typo in oborot.yml must not become a silent default).
import type { ModelContext } from '../../transform/index.ts';

type VarReader = ModelContext['var'];

export function integerVar(read: VarReader, name: string, min: number, max: number, fallback?: number): number {
	const raw = fallback === undefined ? read<unknown>(name) : read<unknown>(name, fallback);
	const value = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
	if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
		throw new Error(`variable «${name}» must be a whole number from ${min} to ${max}, got ${JSON.stringify(raw)}`);
	}
	return value;
}

export function numberVar(read: VarReader, name: string, check: (x: number) => boolean, rule: string, fallback?: number): number {
	const raw = fallback === undefined ? read<unknown>(name) : read<unknown>(name, fallback);
	const value = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
	if (typeof value !== 'number' || !Number.isFinite(value) || !check(value)) {
		throw new Error(`variable «${name}» must be ${rule}, got ${JSON.stringify(raw)}`);
	}
	return value;
}

export function choiceVar<T extends string>(read: VarReader, name: string, choices: readonly T[], fallback: T): T {
	const raw = read<unknown>(name, fallback);
	if (typeof raw !== 'string' || !choices.includes(raw as T)) {
		throw new Error(`variable «${name}» must be one of ${choices.join(', ')}, got ${JSON.stringify(raw)}`);
	}
	return raw as T;
}

/** Months ahead of the demand and revenue forecasts. */
export const forecastHorizon = (read: VarReader) => integerVar(read, 'forecast_horizon_months', 1, 120);
