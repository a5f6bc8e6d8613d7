import fs from 'node:fs';
import { parse as parseYaml } from 'yaml';

export const DEFAULT_KEEP = 5;

/** `backups:` of oborot.yml: how many before-publish snapshots are kept (0 takes none). */
export interface BackupConfig {
	keep: number;
}

export function readBackupConfig(projectConfig: string): BackupConfig {
	if (!fs.existsSync(projectConfig)) return { keep: DEFAULT_KEEP };
	let data: unknown;
	try {
		data = parseYaml(fs.readFileSync(projectConfig, 'utf8'));
	} catch (error) {
		throw new Error(`${projectConfig}: invalid YAML: ${(error as Error).message.split('\n')[0]}`);
	}
	const section = (data as { backups?: unknown } | null)?.backups;
	if (section === undefined || section === null) return { keep: DEFAULT_KEEP };
	const keep = (section as { keep?: unknown }).keep ?? DEFAULT_KEEP;
	if (typeof keep !== 'number' || !Number.isInteger(keep) || keep < 0) {
		throw new Error(`${projectConfig}: backups.keep must be a whole number ≥ 0 (0 takes no snapshot before a publish), got ${JSON.stringify(keep)}`);
	}
	return { keep };
}
