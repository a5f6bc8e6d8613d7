import { FILTER_PARAMS, RESERVED_PARAMS } from './bind-params.ts';
import { templatePlaceholders } from '../../components/dashboard/drill-template.ts';
import type { Dashboard, DashboardProblem, DrillSpec } from './types.ts';

const known = (names: string[]) => (names.length ? names.join(', ') : 'none');

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
		if (!queries[name]) problems.push({ file, line, message: `${what} names query «${name}», which the file does not define (it defines: ${known(queryNames)})` });
	};

	for (const filter of dashboard.filters) {
		if (filter.options) missingQuery(filter.options, 1, `filter «${filter.name}» (its choices)`);
	}

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
	}
	dashboard.drillParams = Object.fromEntries(Object.entries(drillParams).map(([q, set]) => [q, [...set]]));

	const scoped = dashboard.roles.includes('sales_manager');
	for (const query of Object.values(queries)) {
		const allowed = new Set([...FILTER_PARAMS, ...(dashboard.drillParams[query.name] ?? [])]);
		const unknown = query.params.filter((p) => !allowed.has(p));
		if (unknown.length) {
			problems.push({
				file,
				line: query.line - 1,
				query: query.name,
				message: `query «${query.name}» uses $${unknown.join(', $')}, which nothing binds (filters: ${FILTER_PARAMS.map((p) => `$${p}`).join(', ')}; drill parameters of this query: ${known(dashboard.drillParams[query.name] ?? [])})`
			});
		}
		if (scoped && !query.unscoped && !query.params.includes('manager_scope')) {
			problems.push({
				file,
				line: query.line - 1,
				query: query.name,
				message: `query «${query.name}»: sales managers may open this dashboard, so the query must keep to their own records with ($manager_scope is null or manager = $manager_scope), or be marked «unscoped» if it holds no customer or deal data`
			});
		}
	}
	return problems;
}
