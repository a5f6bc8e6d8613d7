import fs from 'node:fs';
import path from 'node:path';
import { parseDashboard } from './parse-dashboard.ts';
import type { DashboardEntry } from '../../dashboards/contract.ts';

/** A dashboard's id is its file name without .md; README.md and _drafts are not dashboards. */
const DASHBOARD_FILE = /^([a-z0-9][a-z0-9_-]*)\.md$/i;

interface Cached {
	mtimeMs: number;
	size: number;
	entry: DashboardEntry;
}

/**
 * The dashboards folder, read at request time so an analyst can add or fix a file
 * without restarting the server; each file is parsed again only when it changes.
 */
export class DashboardCatalog {
	private readonly cache = new Map<string, Cached>();

	constructor(
		readonly dir: string,
		/** How files are named in messages (relative to the project). */
		private readonly displayRoot = path.dirname(dir)
	) {}

	private files(): string[] {
		let names: string[];
		try {
			names = fs.readdirSync(this.dir);
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
			throw error;
		}
		return names.filter((name) => DASHBOARD_FILE.test(name) && name.toLowerCase() !== 'readme.md').sort();
	}

	private load(name: string): DashboardEntry | null {
		const full = path.join(this.dir, name);
		const stat = fs.statSync(full, { throwIfNoEntry: false });
		if (!stat?.isFile()) {
			this.cache.delete(name);
			return null;
		}
		const cached = this.cache.get(name);
		if (cached && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) return cached.entry;
		const id = DASHBOARD_FILE.exec(name)![1].toLowerCase();
		const display = path.relative(this.displayRoot, full) || name;
		const entry = parseDashboard(id, display, fs.readFileSync(full, 'utf8'));
		this.cache.set(name, { mtimeMs: stat.mtimeMs, size: stat.size, entry });
		return entry;
	}

	/** Every dashboard file, working or not, in navigation order. */
	list(): DashboardEntry[] {
		const names = this.files();
		for (const name of this.cache.keys()) if (!names.includes(name)) this.cache.delete(name);
		const entries = names.map((name) => this.load(name)).filter((e): e is DashboardEntry => e !== null);
		const order = (e: DashboardEntry) => (e.ok ? e.dashboard.order : Number.MAX_SAFE_INTEGER);
		return entries.sort((a, b) => order(a) - order(b) || a.id.localeCompare(b.id));
	}

	get(id: string): DashboardEntry | null {
		if (!/^[a-z0-9][a-z0-9_-]*$/i.test(id)) return null;
		const name = this.files().find((n) => DASHBOARD_FILE.exec(n)![1].toLowerCase() === id.toLowerCase());
		return name ? this.load(name) : null;
	}
}

const catalogs = new Map<string, DashboardCatalog>();

/** One catalog (and cache) per dashboards folder in this process. */
export function dashboardCatalog(dir: string): DashboardCatalog {
	let catalog = catalogs.get(dir);
	if (!catalog) catalogs.set(dir, (catalog = new DashboardCatalog(dir)));
	return catalog;
}
