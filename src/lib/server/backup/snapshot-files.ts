import fs from 'node:fs';
import path from 'node:path';
import type { OborotPaths } from '../config/paths.ts';

/** manual: `oborot backup`; before-publish: taken by a build before it publishes (pruned to the last N). */
export type SnapshotKind = 'manual' | 'before-publish';

export const SNAPSHOT_EXT = '.duckdb';

export function backupsDir(paths: OborotPaths): string {
	return path.join(paths.home, 'backups');
}

/** A folder only the owner can enter, whatever the umask (snapshots hold password hashes and customers). */
export function privateDir(dir: string): string {
	fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
	fs.chmodSync(dir, 0o700);
	return dir;
}

/** 20261208T004512.345Z: sorts as time, and is a valid file name everywhere. */
export function compactTime(date: Date): string {
	return date.toISOString().replaceAll('-', '').replaceAll(':', '');
}

/** <time>-build<id>-<kind>.duckdb in `dir`; -2, -3… when two snapshots fall in one millisecond. */
export function snapshotName(dir: string, date: Date, buildId: number | null, kind: SnapshotKind): string {
	const stem = `${compactTime(date)}-build${buildId ?? 0}-${kind}`;
	for (let n = 1; ; n++) {
		const file = path.join(dir, `${stem}${n === 1 ? '' : `-${n}`}${SNAPSHOT_EXT}`);
		if (!fs.existsSync(file)) return file;
	}
}

export interface SnapshotFile {
	file: string;
	kind: SnapshotKind;
	bytes: number;
}

const NAME = /^\d{8}T\d{6}\.\d{3}Z-build\d+-(manual|before-publish)(-\d+)?\.duckdb$/;

/** The snapshots in the backups folder, oldest first (names start with the UTC time). */
export function listSnapshots(paths: OborotPaths): SnapshotFile[] {
	const dir = backupsDir(paths);
	if (!fs.existsSync(dir)) return [];
	return fs
		.readdirSync(dir)
		.filter((name) => NAME.test(name))
		.sort()
		.map((name) => {
			const file = path.join(dir, name);
			return { file, kind: NAME.exec(name)![1] as SnapshotKind, bytes: fs.statSync(file).size };
		});
}

/** Deletes all but the newest `keep` before-publish snapshots; manual ones are the user's to delete. Returns what it deleted. */
export function pruneSnapshots(paths: OborotPaths, keep: number): string[] {
	const automatic = listSnapshots(paths).filter((s) => s.kind === 'before-publish');
	const old = automatic.slice(0, Math.max(0, automatic.length - keep)).map((s) => s.file);
	for (const file of old) fs.rmSync(file, { force: true });
	return old;
}
