import type { Project, TestNode } from './types.ts';

export interface Plan {
	models: string[];
	/** Tests to run right after each model (when the last model they read is built). */
	testsAfter: Map<string, TestNode[]>;
	/** Tests of source tables: run before the models. */
	testsBefore: TestNode[];
	/** Singular tests that read only sources: run after all models. */
	testsAtEnd: TestNode[];
	/** Unselected models the selected models read as they are (model → who needs it). */
	upstream: Map<string, string>;
	/** Unselected models a test reads besides its selected ones (a relationships target). */
	testUpstream: Map<string, string[]>;
}

/** dbt's "eager" test selection: a test runs when any model it reads is built. */
export function plan(project: Project, models: string[], wholeProject: boolean): Plan {
	const selected = new Set(models);
	const position = new Map(models.map((name, i) => [name, i]));
	const testsAfter = new Map<string, TestNode[]>();
	const testsAtEnd: TestNode[] = [];
	const testsBefore: TestNode[] = [];
	const upstream = new Map<string, string>();
	const testUpstream = new Map<string, string[]>();
	for (const name of models) {
		for (const parent of project.models.get(name)!.parents) {
			if (!selected.has(parent) && !upstream.has(parent)) upstream.set(parent, `model «${name}»`);
		}
	}
	const readers = new Set(models.flatMap((name) => project.models.get(name)!.sources));
	for (const test of project.tests) {
		const built = test.dependsOn.filter((m) => selected.has(m));
		if (test.source && test.dependsOn.length === 0) {
			// Raw data is checked before any model reads it.
			if (wholeProject || readers.has(test.source)) testsBefore.push(test);
			continue;
		}
		if (built.length === 0) {
			if (test.dependsOn.length === 0 && wholeProject) testsAtEnd.push(test);
			continue;
		}
		const others = test.dependsOn.filter((m) => !selected.has(m));
		if (others.length) testUpstream.set(test.name, others);
		const last = built.sort((a, b) => position.get(a)! - position.get(b)!).at(-1)!;
		testsAfter.set(last, [...(testsAfter.get(last) ?? []), test]);
	}
	return { models, testsBefore, testsAfter, testsAtEnd, upstream, testUpstream };
}

