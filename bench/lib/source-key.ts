// A short content hash of source folders: the cache key of a generated, ingested or built
// warehouse changes exactly when the code or content that produced it changes.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

function filesUnder(root: string, entry: string): string[] {
	const full = path.join(root, entry);
	const stat = fs.statSync(full, { throwIfNoEntry: false });
	if (!stat) return [];
	if (stat.isFile()) return [entry];
	return fs
		.readdirSync(full)
		.sort()
		.flatMap((name) => filesUnder(root, path.join(entry, name)));
}

/** sha256 over the relative path and bytes of every file under `entries` (tests excluded), 12 hex digits. */
export function sourceKey(root: string, entries: string[], extra: unknown = null): string {
	const hash = crypto.createHash('sha256');
	hash.update(JSON.stringify(extra));
	for (const file of entries.flatMap((entry) => filesUnder(root, entry))) {
		if (/\.(spec|test)\.ts$/.test(file)) continue;
		hash.update(`\0${file}\0`);
		hash.update(fs.readFileSync(path.join(root, file)));
	}
	return hash.digest('hex').slice(0, 12);
}
