import fs from 'node:fs';
import type { OborotPaths } from '../config/paths.ts';
import type { Warehouse } from '../warehouse/index.ts';
import { readBackupConfig } from './backup-config.ts';
import { pruneSnapshots } from './snapshot-files.ts';
import { writeSnapshot, type SnapshotResult } from './write-snapshot.ts';

/** What the snapshot before a build did: taken (and what was pruned), not wanted, or failed (the build went on). */
export type PublishSnapshotReport =
	| { status: 'taken'; snapshot: SnapshotResult; pruned: string[]; kept: boolean }
	| { status: 'off' }
	| { status: 'failed'; message: string };

/**
 * Runs a build with a snapshot of the warehouse taken just before it, so what a publish
 * replaced can be restored. Called inside the build's write turn, so nothing is loaded in
 * between. A build that publishes nothing drops its snapshot (the warehouse did not
 * change); one that publishes keeps it and prunes the before-publish snapshots to the last
 * `backups.keep`. A snapshot that cannot be written does not stop the build: it is reported.
 */
export async function withSnapshotBeforePublish<T extends { committed: boolean }>(
	paths: OborotPaths,
	warehouse: Warehouse,
	build: () => Promise<T>,
	report?: (report: PublishSnapshotReport) => void
): Promise<T> {
	const { keep } = readBackupConfig(paths.projectConfig);
	if (keep === 0) {
		report?.({ status: 'off' });
		return build();
	}
	let snapshot: SnapshotResult | null = null;
	try {
		snapshot = await writeSnapshot(warehouse, paths, { kind: 'before-publish' });
	} catch (error) {
		report?.({ status: 'failed', message: (error as Error).message.split('\n')[0] });
	}
	const result = await build();
	if (snapshot) {
		if (!result.committed) fs.rmSync(snapshot.file, { force: true });
		const pruned = result.committed ? pruneSnapshots(paths, keep) : [];
		report?.({ status: 'taken', snapshot, pruned, kept: result.committed });
	}
	return result;
}
