// Reference data with published figures (CDNOW from lifetimes, AirPassengers), kept in
// the repository so a fresh clone's `npm test` needs nothing beside it. Sources and the
// published figures: test/fixtures/refdata/README.md.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const REFDATA_DIR = path.resolve(here, '../fixtures/refdata');

export function refdataFile(name: string): string {
	const full = path.join(REFDATA_DIR, name);
	if (!fs.existsSync(full)) throw new Error(`reference file ${full} is missing from test/fixtures/refdata`);
	return full;
}

/** Non-empty lines of a reference file (CRLF or LF). */
export function refdataLines(name: string): string[] {
	return fs
		.readFileSync(refdataFile(name), 'utf8')
		.split(/\r?\n/)
		.filter((line) => line.trim() !== '');
}
