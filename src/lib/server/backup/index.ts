export { readBackupConfig, DEFAULT_KEEP, type BackupConfig } from './backup-config.ts';
export { withSnapshotBeforePublish, type PublishSnapshotReport } from './before-publish.ts';
export { checkSnapshot, restoreSnapshot, RestoreError, type RestoreResult, type SnapshotCheck } from './restore-snapshot.ts';
export { backupsDir, listSnapshots, pruneSnapshots, type SnapshotFile, type SnapshotKind } from './snapshot-files.ts';
export { writeSnapshot, type SnapshotResult } from './write-snapshot.ts';
