import path from 'node:path';
import { ancestors, descendants } from './graph.ts';
import type { Project } from './types.ts';

/**
 * dbt's node selection: `name`, `name+` (and descendants), `+name` (and ancestors),
 * `2+name+1` (limited depth), `@name`, `tag:x`, `path:marts/finance`, `source:raw.crm_deals+`,
 * `stg_crm__*`. Space-separated selectors are a union, comma-joined ones an intersection
 * (`tag:nightly,marts/finance`), exactly as in dbt.
 */
export class SelectionError extends Error {}

const ATOM = /^(@)?(?:(\d*)\+)?(.+?)(?:\+(\d*))?$/;

function depth(digits: string | undefined): number {
	return digits ? Number(digits) : Infinity;
}

function globToRegExp(glob: string): RegExp {
	return new RegExp(`^${glob.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replaceAll('*', '.*')}$`);
}

/** Models matched by the method part (without graph operators). */
function baseMatch(project: Project, method: string): { models: Set<string>; fromSource: boolean } {
	const all = [...project.models.values()];
	const colon = method.indexOf(':');
	const kind = colon > 0 ? method.slice(0, colon) : method.includes('/') ? 'path' : 'name';
	const value = colon > 0 ? method.slice(colon + 1) : method;
	switch (kind) {
		case 'name':
		case 'fqn': {
			const pattern = globToRegExp(value);
			return { models: new Set(all.filter((m) => pattern.test(m.name)).map((m) => m.name)), fromSource: false };
		}
		case 'tag':
			return { models: new Set(all.filter((m) => m.config.tags.includes(value)).map((m) => m.name)), fromSource: false };
		case 'path': {
			const wanted = value.replace(/^\.?\/?/, '').replace(/^models\//, '').replace(/\/$/, '');
			const matches = all.filter((m) => {
				const inModels = path.relative(project.modelsDir, m.file).split(path.sep).join('/');
				return inModels === wanted || inModels.startsWith(`${wanted}/`) || inModels.replace(/\.(sql|ts)$/, '') === wanted;
			});
			return { models: new Set(matches.map((m) => m.name)), fromSource: false };
		}
		case 'config.materialized':
			return { models: new Set(all.filter((m) => m.config.materialized === value).map((m) => m.name)), fromSource: false };
		case 'source': {
			// A source is not built; `source:raw.crm_deals+` means the models that read it, and theirs.
			const matches = all.filter((m) => m.sources.some((s) => s === value || s.startsWith(`${value}.`)));
			return { models: new Set(matches.map((m) => m.name)), fromSource: true };
		}
		default:
			throw new SelectionError(`unknown selector method «${kind}:» (use a model name, tag:, path:, source: or config.materialized:)`);
	}
}

function selectAtom(project: Project, atom: string): Set<string> {
	const match = ATOM.exec(atom);
	if (!match) throw new SelectionError(`cannot read selector «${atom}»`);
	const [, at, up, method, down] = match;
	const hasUp = atom.startsWith('+') || /^@?\d+\+/.test(atom);
	const hasDown = atom.endsWith('+') || /\+\d+$/.test(atom);
	const { models: base, fromSource } = baseMatch(project, method);
	if (base.size === 0) throw new SelectionError(`no model matches «${atom}»`);
	const parentsOf = (name: string) => project.models.get(name)?.parents ?? [];
	const result = new Set<string>();
	for (const name of base) {
		if (!fromSource || hasDown || at) result.add(name);
		if (hasUp || at) for (const a of ancestors(name, parentsOf, at ? Infinity : depth(up))) result.add(a);
		if (hasDown || at) {
			// A source's readers are one step down already.
			const below = descendants(name, project.children, at ? Infinity : fromSource ? depth(down) - 1 : depth(down));
			for (const d of below) {
				result.add(d);
				if (at) for (const a of ancestors(d, parentsOf)) result.add(a);
			}
		}
	}
	if (fromSource && result.size === 0) throw new SelectionError(`«${atom}» selects a source, which is not built: add + to build its models (${atom}+)`);
	return result;
}

/** Union over space-separated selectors of the intersection over comma-joined parts. */
function resolveSelectors(project: Project, selectors: string[]): Set<string> {
	const union = new Set<string>();
	for (const selector of selectors.flatMap((s) => s.split(/\s+/)).filter(Boolean)) {
		const parts = selector.split(',').filter(Boolean).map((atom) => selectAtom(project, atom));
		const intersection = parts.reduce((acc, set) => new Set([...acc].filter((n) => set.has(n))));
		if (intersection.size === 0) {
			throw new SelectionError(`no model is matched by all of «${selector}» (a comma means "and" as in dbt; separate selectors with a space for "or")`);
		}
		for (const name of intersection) union.add(name);
	}
	return union;
}

/** The models a build runs, in dependency order; everything when nothing is selected. */
export function selectModels(project: Project, select: string[] = [], exclude: string[] = []): string[] {
	const chosen = select.some((s) => s.trim()) ? resolveSelectors(project, select) : new Set(project.order);
	const dropped = exclude.some((s) => s.trim()) ? resolveSelectors(project, exclude) : new Set<string>();
	const models = project.order.filter((name) => chosen.has(name) && !dropped.has(name));
	if (models.length === 0 && dropped.size > 0) throw new SelectionError('--exclude leaves nothing to build');
	return models;
}
