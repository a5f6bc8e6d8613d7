/** File-name globs of job files ('*sale*', 'bank-?.csv'): case-insensitive, * and ? only. */
export function globToRegExp(glob: string): RegExp {
	const body = glob
		.split('')
		.map((ch) => (ch === '*' ? '.*' : ch === '?' ? '.' : ch.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
		.join('');
	return new RegExp(`^${body}$`, 'iu');
}

export function matchesAnyGlob(fileName: string, globs: string[]): boolean {
	return globs.some((glob) => globToRegExp(glob).test(fileName));
}
