import { FILTER_PARAMS, RESERVED_PARAMS } from './bind-params.ts';
import { managerScopeUsesAreNormalised, readsAppSchema } from './sql-params.ts';
import { templatePlaceholders } from '../../components/dashboard/drill-template.ts';
import type { Dashboard, DashboardProblem, DrillSpec } from './types.ts';

const listed = (names: string[]) => (names.length ? names.join(', ') : 'none');

/**
 * Cross-checks a parsed dashboard: components and filters name queries that exist,
 * queries use only parameters the engine binds, drills are well formed, and a
 * dashboard a sales manager may open scopes its queries to the manager.
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
		if (FILTER_PARAMS.includes(param)) problems.push({ file, line: 1, message: `page parameter «${param}» is a filter or engine parameter; choose another name` });
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

	const scoped = dashboard.roles.includes('sales_manager');
	for (const query of Object.values(queries)) {
		const allowed = new Set([...FILTER_PARAMS, ...pageParams, ...(dashboard.drillParams[query.name] ?? [])]);
		const unknown = query.params.filter((p) => !allowed.has(p));
		if (unknown.length) {
			problems.push({
				file,
				line: query.line - 1,
				query: query.name,
				message: `query «${query.name}» uses $${unknown.join(', $')}, which nothing binds (filters: ${FILTER_PARAMS.map((p) => `$${p}`).join(', ')}; page parameters: ${listed(dashboard.params)}; drill parameters of this query: ${listed(dashboard.drillParams[query.name] ?? [])})`
			});
		}
		if (readsAppSchema(query.sql)) {
			problems.push({ file, line: query.line - 1, query: query.name, message: `query «${query.name}» reads the app schema (users and sessions), which dashboards may not show` });
		}
		if (scoped && !query.unscoped && !query.params.includes('manager_scope')) {
			problems.push({
				file,
				line: query.line - 1,
				query: query.name,
				message: `query «${query.name}»: sales managers may open this dashboard, so the query must keep to their own records with ($manager_scope is null or lower(trim(manager)) = $manager_scope), or be marked «unscoped» if it holds no customer or deal data`
			});
		} else if (query.params.includes('manager_scope') && !managerScopeUsesAreNormalised(query.sql)) {
			problems.push({
				file,
				line: query.line - 1,
				query: query.name,
				message: `query «${query.name}»: $manager_scope is the manager's name trimmed and in lower case, so compare it as ($manager_scope is null or lower(trim(manager)) = $manager_scope)`
			});
		}
	}
	return problems;
}
