// Small formatting helpers for the figures benchmarks print and keep in results.json.
import os from 'node:os';

/** `value` to `digits` decimals, as a number (JSON keeps it short). */
export const round = (value: number, digits = 2): number => Number(value.toFixed(digits));

/** The machine's 1-, 5- and 15-minute load average, one decimal: read beside every timing. */
export const loadAverage = (): number[] => os.loadavg().map((n) => round(n, 1));
