import { BOUND_PARAMS, RESERVED_PARAMS } from '../../dashboards/filters.ts';
import { readsAppSchema } from './sql-params.ts';
import { templatePlaceholders } from '../../dashboards/drill-template.ts';
import type { Dashboard, DashboardProblem, DrillSpec } from '../../dashboards/contract.ts';

const listed = (names: string[]) => (names.length ? names.join(', ') : 'none');

/**
 * Cross-checks a parsed dashboard: components and filters name queries that exist,
 * queries use only parameters the engine binds and select from queries that exist
 * (without a cycle), drills are well formed. Whether a query on a sales manager's
 * dashboard keeps to the manager is the engine's to enforce (service.ts), by DuckDB's parser.
 * Fills dashboard.drillParams as a side effect (which drill parameters each query accepts).
 */
export function checkDashboard(dashboard: Dashboard): DashboardProblem[] {
	const problems: DashboardProblem[] = [];
	const { file, queries } = dashboard;
	const queryNames = Object.keys(queries);
	const missingQuery = (name: string, line: number, what: string) => {
		if (!queries[name]) problems.push({ file, line, message: `${what} names query «${name}», which the file does not define (it defines: ${listed(queryNames)})` });
	};

	for (const filter of dashboard.filters) {
		if (filter.options) missingQuery(filter.options, 1, `filter «${filter.name}» (its choices)`);
	}

	const pageParams = new Set(dashboard.params);
	for (const param of dashboard.params) {
		if (BOUND_PARAMS.includes(param)) problems.push({ file, line: 1, message: `page parameter «${param}» is a filter or engine parameter; choose another name` });
	}
	// What a click may set and a component may wait for: page parameters and the filters.
	const settable = new Set([...dashboard.params, ...dashboard.filters.filter((f) => f.name !== 'period').map((f) => f.name)]);
	const known = (names: Set<string>) => (names.size ? [...names].join(', ') : 'none: declare params: in the front matter');

	const drillParams: Record<string, Set<string>> = {};
	const checkDrill = (drill: DrillSpec, line: number, what: string) => {
		missingQuery(drill.query, line, `${what} drill`);
		for (const [param, template] of Object.entries(drill.params)) {
			if (RESERVED_PARAMS.includes(param)) {
				problems.push({ file, line, message: `${what} drill: parameter «${param}» is set by the engine and cannot come from a click` });
			}
			const bad = templatePlaceholders(template).filter((p) => !/^[a-z_][a-z0-9_]*$/i.test(p));
			if (bad.length) problems.push({ file, line, message: `${what} drill: «${template}» — write placeholders as {x}, {y}, {series}, {value} or {column}` });
			(drillParams[drill.query] ??= new Set()).add(param);
		}
	};

	for (const block of dashboard.blocks) {
		if (block.kind !== 'component') continue;
		const { component, line } = block;
		missingQuery(component.query, line, `${component.kind} block`);
		if ('drill' in component && component.drill) checkDrill(component.drill, line, `${component.kind} block`);
		if ('select' in component && component.select) {
			if ('drill' in component && component.drill) problems.push({ file, line, message: `${component.kind} block: a click either drills or selects; keep one of drill: and select:` });
			for (const param of Object.keys(component.select)) {
				if (!settable.has(param)) problems.push({ file, line, message: `${component.kind} block: select sets «${param}», which is no page parameter or filter of this dashboard (known: ${known(settable)})` });
			}
		}
		for (const param of component.when ?? []) {
			if (!settable.has(param)) problems.push({ file, line, message: `${component.kind} block: when names «${param}», which is no page parameter or filter of this dashboard (known: ${known(settable)})` });
		}
	}
	dashboard.drillParams = Object.fromEntries(Object.entries(drillParams).map(([q, set]) => [q, [...set]]));

	const filterNames = new Set<string>(dashboard.filters.map((f) => f.name));
	for (const query of Object.values(queries)) {
		const at = { file, line: query.line - 1, query: query.name };
		const allowed = new Set([...BOUND_PARAMS, ...pageParams, ...(dashboard.drillParams[query.name] ?? [])]);
		const unknown = query.params.filter((p) => !allowed.has(p));
		if (unknown.length) {
			problems.push({
				...at,
				message: `query «${query.name}» uses $${unknown.join(', $')}, which nothing binds (filters: ${BOUND_PARAMS.map((p) => `$${p}`).join(', ')}; page parameters: ${listed(dashboard.params)}; drill parameters of this query: ${listed(dashboard.drillParams[query.name] ?? [])})`
			});
		}
		if (query.params.includes('manager_scope')) {
			problems.push({ ...at, message: `query «${query.name}»: the engine keeps a sales manager to their records; name the manager's column after the query name (scope=manager) instead of comparing $manager_scope` });
		}
		for (const filter of Object.keys(query.filters)) {
			const drilled = Object.values(dashboard.drillParams).some((params) => params.includes(filter));
			if (!filterNames.has(filter) && !drilled) problems.push({ ...at, message: `query «${query.name}» applies filter «${filter}», which this dashboard does not have (filters: ${listed([...filterNames])})` });
		}
		for (const used of query.uses) {
			if (!queries[used]) problems.push({ ...at, message: `query «${query.name}» selects from \${${used}}, which the file does not define (it defines: ${listed(queryNames)})` });
		}
		if (readsAppSchema(query.sql)) {
			problems.push({ ...at, message: `query «${query.name}» reads the app schema (users and sessions), which dashboards may not show` });
		}
	}
	problems.push(...referenceCycles(dashboard));
	return problems;
}

/** Queries that select from themselves, directly or through others: they could never be inlined. */
function referenceCycles(dashboard: Dashboard): DashboardProblem[] {
	const problems: DashboardProblem[] = [];
	const reported = new Set<string>();
	const walk = (name: string, path: string[]) => {
		for (const used of dashboard.queries[name]?.uses ?? []) {
			if (used === path[0]) {
				if (!reported.has(path[0])) problems.push({ file: dashboard.file, line: dashboard.queries[path[0]].line - 1, query: path[0], message: `query «${path[0]}» selects from itself: ${[...path, used].join(' → ')}` });
				reported.add(path[0]);
			} else if (!path.includes(used)) {
				walk(used, [...path, used]);
			}
		}
	};
	for (const name of Object.keys(dashboard.queries)) walk(name, [name]);
	return problems;
}
