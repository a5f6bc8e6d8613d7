import fs from 'node:fs';
import path from 'node:path';

// .xls: an «Excel» export that is an HTML table loads; a binary one fails saying what to do.
export const LOADABLE = /\.(csv|txt|tsv|xlsx|xlsm|xls|html?)$/i;

/** Office lock files, partial downloads and hidden files are never exports. */
function isNoise(name: string): boolean {
	return name.startsWith('.') || name.startsWith('~$') || /\.(part|crdownload|tmp)$/i.test(name);
}

/** Files named on the command line, with folders expanded recursively (sorted, loadable kinds only). */
export function expandPaths(inputs: string[]): string[] {
	const out: string[] = [];
	const walk = (dir: string) => {
		for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
			if (isNoise(entry.name)) continue;
			const full = path.join(dir, entry.name);
			if (entry.isDirectory()) walk(full);
			else if (entry.isFile() && LOADABLE.test(entry.name)) out.push(full);
		}
	};
	for (const input of inputs) {
		const resolved = path.resolve(input);
		const stat = fs.statSync(resolved, { throwIfNoEntry: false });
		if (!stat) throw new Error(`no such file or folder: ${input}`);
		if (stat.isDirectory()) walk(resolved);
		else out.push(resolved);
	}
	return out;
}
