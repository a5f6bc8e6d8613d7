import { allEntities } from './job-spec.ts';
import type { EntitySpec, JobSpec } from './types.ts';

/** The entities a file may be: all, one family's (--source), or exactly one (--entity). */
export function selectEntities(jobs: JobSpec[], options: { family?: string; entity?: string }): EntitySpec[] {
	let entities = allEntities(jobs);
	if (options.family) {
		entities = entities.filter((e) => e.family === options.family);
		if (entities.length === 0) {
			throw new Error(`unknown source «${options.family}»: use one of ${jobs.map((j) => j.family).join(', ')}`);
		}
	}
	if (options.entity) {
		const [a, b] = options.entity.split('.');
		const [family, name] = b === undefined ? [undefined, a] : [a, b];
		const found = entities.filter((e) => e.name === name && (family === undefined || e.family === family));
		if (found.length === 0) {
			throw new Error(`unknown entity «${options.entity}»: use one of ${entities.map((e) => `${e.family}.${e.name}`).join(', ')}`);
		}
		entities = found;
	}
	return entities;
}
