import crypto from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

/**
 * argon2id with OWASP's baseline cost (19 MiB, 2 passes, 1 lane): ~60 ms per hash on
 * this machine, slow enough for guessing, fast enough for a login form. The library's
 * default algorithm is argon2id (its Algorithm is a const enum TypeScript cannot import
 * under isolated modules); the hashes' `$argon2id$` prefix is checked in the tests.
 */
const ARGON2_OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const MIN_PASSWORD_LENGTH = 8;
const MAX_PASSWORD_LENGTH = 256;

/** A password a person can type: what is wrong with it, or null when acceptable. */
export function passwordProblem(password: string): string | null {
	if (password.length < MIN_PASSWORD_LENGTH) return `a password needs at least ${MIN_PASSWORD_LENGTH} characters`;
	if (password.length > MAX_PASSWORD_LENGTH) return `a password may have at most ${MAX_PASSWORD_LENGTH} characters`;
	if (password.trim() !== password) return 'a password must not start or end with spaces';
	return null;
}

export function hashPassword(password: string): Promise<string> {
	return hash(password, ARGON2_OPTIONS);
}

/** True when the password matches; false for a wrong password or an unreadable hash. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
	if (password.length > MAX_PASSWORD_LENGTH) return false;
	try {
		return await verify(passwordHash, password);
	} catch {
		return false;
	}
}

/**
 * Verifying against this when the username is unknown makes a wrong username cost the
 * same time as a wrong password, so response times do not reveal which accounts exist.
 */
let dummyHash: Promise<string> | null = null;
export function unknownUserHash(): Promise<string> {
	dummyHash ??= hashPassword(crypto.randomBytes(16).toString('hex'));
	return dummyHash;
}

/** 16 characters from an alphabet without look-alikes (0/O, 1/l/I): ~92 bits. */
const ALPHABET = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export function generatePassword(length = 16): string {
	let password = '';
	for (let i = 0; i < length; i++) password += ALPHABET[crypto.randomInt(ALPHABET.length)];
	return password;
}
