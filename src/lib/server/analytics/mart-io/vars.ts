// Project variables a TS model reads, checked once with errors that name the variable (a
// typo in oborot.yml must not become a silent default).
import type { ModelContext } from '../../transform/index.ts';

export type VarReader = ModelContext['var'];

function readNumber(read: VarReader, name: string, fallback: number | undefined): { raw: unknown; value: unknown } {
	const raw = fallback === undefined ? read<unknown>(name) : read<unknown>(name, fallback);
	return { raw, value: typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw };
}

export function integerVar(read: VarReader, name: string, min: number, max: number, fallback?: number): number {
	const { raw, value } = readNumber(read, name, fallback);
	if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
		throw new Error(`variable «${name}» must be a whole number from ${min} to ${max}, got ${JSON.stringify(raw)}`);
	}
	return value;
}

/** A finite number passing `check`; `rule` says in words what `check` wants. */
export function numberVar(read: VarReader, name: string, check: (x: number) => boolean, rule: string, fallback?: number): number {
	const { raw, value } = readNumber(read, name, fallback);
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
