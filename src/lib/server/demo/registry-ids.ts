/**
 * Russian INN (10 digits for organisations, 12 for people and sole traders), OGRN (13) /
 * OGRNIP (15) and Ukrainian EDRPOU (8) with their official check digits, so identity
 * resolution can validate what it merges on.
 */

const INN10_WEIGHTS = [2, 4, 10, 3, 5, 9, 4, 6, 8];
const INN12_WEIGHTS_11 = [7, 2, 4, 10, 3, 5, 9, 4, 6, 8];
const INN12_WEIGHTS_12 = [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8];

function weighted(digits: string, weights: number[]): number {
	let sum = 0;
	for (let i = 0; i < weights.length; i++) sum += (digits.charCodeAt(i) - 48) * weights[i];
	return (sum % 11) % 10;
}

/** 9 digits → a valid 10-digit INN. */
export function completeInn10(body: string): string {
	if (!/^\d{9}$/.test(body)) throw new Error(`INN body must be 9 digits, got «${body}»`);
	return body + weighted(body, INN10_WEIGHTS);
}

/** 10 digits → a valid 12-digit INN. */
export function completeInn12(body: string): string {
	if (!/^\d{10}$/.test(body)) throw new Error(`INN body must be 10 digits, got «${body}»`);
	const eleven = body + weighted(body, INN12_WEIGHTS_11);
	return eleven + weighted(eleven, INN12_WEIGHTS_12);
}

export function isValidInn(inn: string): boolean {
	if (/^\d{10}$/.test(inn)) return completeInn10(inn.slice(0, 9)) === inn;
	if (/^\d{12}$/.test(inn)) return completeInn12(inn.slice(0, 10)) === inn;
	return false;
}

/** A decimal string modulo a small number, digit by digit (no BigInt on the hot path). */
function modulo(digits: string, m: number): number {
	let r = 0;
	for (let i = 0; i < digits.length; i++) r = (r * 10 + digits.charCodeAt(i) - 48) % m;
	return r;
}

/** 12 digits → OGRN (check: the number mod 11, then mod 10); 14 digits → OGRNIP (mod 13). */
export function completeOgrn(body: string): string {
	if (/^\d{12}$/.test(body)) return body + String(modulo(body, 11) % 10);
	if (/^\d{14}$/.test(body)) return body + String(modulo(body, 13) % 10);
	throw new Error(`OGRN body must be 12 or 14 digits, got «${body}»`);
}

export function isValidOgrn(ogrn: string): boolean {
	return (/^\d{13}$/.test(ogrn) || /^\d{15}$/.test(ogrn)) && completeOgrn(ogrn.slice(0, -1)) === ogrn;
}

/**
 * 7 digits → EDRPOU. Weights 1..7, or 7,1,2..6 for codes between 30 000 000 and 60 000 000;
 * a remainder of 10 is recomputed with every weight +2, and a second 10 becomes 0.
 */
export function completeEdrpou(body: string): string {
	if (!/^\d{7}$/.test(body)) throw new Error(`EDRPOU body must be 7 digits, got «${body}»`);
	const value = Number(body) * 10;
	const weights = value < 30_000_000 || value > 60_000_000 ? [1, 2, 3, 4, 5, 6, 7] : [7, 1, 2, 3, 4, 5, 6];
	const sum = (w: number[]) => w.reduce((acc, weight, i) => acc + (body.charCodeAt(i) - 48) * weight, 0) % 11;
	let check = sum(weights);
	if (check === 10) {
		check = sum(weights.map((w) => w + 2));
		if (check === 10) check = 0;
	}
	return body + check;
}

export function isValidEdrpou(code: string): boolean {
	return /^\d{8}$/.test(code) && completeEdrpou(code.slice(0, 7)) === code;
}

export const pad = (value: number, width: number) => String(value).padStart(width, '0');
