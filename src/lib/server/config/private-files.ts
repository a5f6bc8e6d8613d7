import fs from 'node:fs';

/**
 * oborot's files hold password hashes and customers' personal data: folders it makes
 * are 0700 and files 0600, set explicitly so the umask (022 makes them 0755/0644) does
 * not decide. DuckDB creates the warehouse's WAL itself, so the processes that own a
 * warehouse also set a private umask (keepFilesPrivate).
 */
export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

function ownedByUs(stat: fs.Stats): boolean {
	return typeof process.getuid !== 'function' || stat.uid === process.getuid();
}

function chmodIfOurs(target: string, mode: number): void {
	const stat = fs.statSync(target, { throwIfNoEntry: false });
	// Someone else's folder (a shared parent the admin pointed us into) is left as it is.
	if (stat && ownedByUs(stat) && (stat.mode & 0o777) !== mode) fs.chmodSync(target, mode);
}

/** mkdir -p whose new folders are 0700, and `dir` itself made 0700 if it already was there. */
export function privateDir(dir: string): string {
	fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
	chmodIfOurs(dir, PRIVATE_DIR_MODE);
	return dir;
}

/** Makes an existing file 0600 (a file created with { mode: PRIVATE_FILE_MODE } already is). */
export function privateFile(file: string): void {
	chmodIfOurs(file, PRIVATE_FILE_MODE);
}

/** For the process that owns the warehouse: whatever it creates, DuckDB's files included, is its user's only. */
export function keepFilesPrivate(): void {
	process.umask(0o077);
}
