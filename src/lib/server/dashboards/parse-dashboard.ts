import { Marked } from 'marked';
import { checkDashboard } from './check-dashboard.ts';
import { componentSchemas, frontMatterSchema, isComponentLang, type FrontMatterYaml } from './component-schemas.ts';
import { splitSource, type FencedBlock } from './split-source.ts';
import { CHOICE_FILTERS, isChoiceFilter } from '../../dashboards/filters.ts';
import { queryReferences } from './compose-query.ts';
import { sqlParams } from './sql-params.ts';
import type { ComponentSpec, Dashboard, DashboardBlock, DashboardEntry, DashboardFilter, DashboardProblem, QueryBlock } from '../../dashboards/contract.ts';
import { parseYamlBlock } from './yaml-block.ts';

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] as string);
const SAFE_HREF = /^(https?:|mailto:|\/|#|\.{0,2}\/?[\w-])/i;

/**
 * Prose is markdown only: raw HTML in a file is shown as text and links go to web,
 * mail or in-app addresses, so a dashboard file cannot put script into the page.
 */
const markdown = new Marked({
	gfm: true,
	async: false,
	renderer: {
		html: ({ text }) => escapeHtml(text),
		link({ href, title, tokens }) {
			const text = this.parser.parseInline(tokens);
			if (!SAFE_HREF.test(href) || /^\s*(javascript|data|vbscript):/i.test(href)) return text;
			return `<a href="${escapeHtml(href)}"${title ? ` title="${escapeHtml(title)}"` : ''}>${text}</a>`;
		},
		image: ({ text }) => escapeHtml(text)
	}
});

function renderMarkdown(text: string): string {
	return markdown.parse(text) as string;
}

function toFilters(items: FrontMatterYaml['filters']): DashboardFilter[] {
	return items.map((item) => {
		if (typeof item === 'string') return { name: item, options: isChoiceFilter(item) ? `${item}_options` : null };
		const [[filter, query]] = Object.entries(item) as [DashboardFilter['name'], string][];
		return { name: filter, options: isChoiceFilter(filter) ? query : null };
	});
}

const IDENT = /^[a-z_][a-z0-9_]*$/i;

/**
 * The words after a query's name: `unscoped`, `scope=<column>[,<column>]` and the choice
 * filters the engine applies to its rows, `<filter>` (a column of that name) or
 * `<filter>=<column>`, e.g. ```sql deals channel=source_channel manager city scope=manager
 */
function queryHeader(name: string, words: string[], at: { file: string; line: number }) {
	const problems: DashboardProblem[] = [];
	const header = { unscoped: false, scope: [] as string[], filters: {} as QueryBlock['filters'] };
	const problem = (message: string) => problems.push({ ...at, query: name, message: `query «${name}»: ${message}` });
	for (const word of words) {
		const [key, value, ...rest] = word.split('=');
		if (key === 'unscoped' && value === undefined) header.unscoped = true;
		else if (key === 'scope') {
			const columns = (value ?? '').split(',');
			if (rest.length || !columns.every((c) => IDENT.test(c))) problem(`write the manager's column as scope=<column>, e.g. scope=manager`);
			else header.scope.push(...columns);
		} else if (isChoiceFilter(key)) {
			const column = value ?? key;
			if (rest.length || !IDENT.test(column)) problem(`write a filter as ${key} or ${key}=<column>`);
			else header.filters[key] = column;
		} else {
			problem(`unknown word «${word}» after the name (known: unscoped, scope=<column>, and the filters ${CHOICE_FILTERS.join(', ')}, each optionally =<column>)`);
		}
	}
	if (header.unscoped && header.scope.length) problem('is either unscoped or scoped by a column; keep one of unscoped and scope=');
	return { header, problems };
}

function parseQuery(block: FencedBlock, file: string, queries: Record<string, QueryBlock>): DashboardProblem[] {
	const [queryName, ...words] = block.args;
	const at = { file, line: block.line };
	if (!queryName) return [{ ...at, message: 'a sql block needs a name after «sql», e.g. ```sql revenue_by_month' }];
	if (!IDENT.test(queryName)) return [{ ...at, message: `query name «${queryName}»: use letters, digits and _` }];
	const problems: DashboardProblem[] = [];
	if (queries[queryName]) problems.push({ ...at, query: queryName, message: `query «${queryName}» is defined twice (first on line ${queries[queryName].line - 1})` });
	const { header, problems: headerProblems } = queryHeader(queryName, words, at);
	problems.push(...headerProblems);
	if (!block.body.trim()) problems.push({ ...at, query: queryName, message: `query «${queryName}» is empty` });
	const params = sqlParams(block.body);
	if (params.positional.length) {
		problems.push({ ...at, query: queryName, message: `query «${queryName}» uses positional parameters ($${params.positional.join(', $')}); name them, e.g. $channel` });
	}
	queries[queryName] = { name: queryName, sql: block.body, line: block.line + 1, params: params.named, ...header, uses: queryReferences(block.body) };
	return problems;
}

/**
 * Parses one dashboard file. Everything wrong with it comes back as problems with
 * line numbers (YAML, unknown queries or columns of the spec, parameters), never as
 * a throw, so one broken file cannot take the others down.
 */
export function parseDashboard(id: string, file: string, source: string): DashboardEntry {
	const split = splitSource(source);
	const problems: DashboardProblem[] = [];
	if (split.unclosedFence) problems.push({ file, line: split.unclosedFence, message: 'this ``` block is never closed' });

	let front: FrontMatterYaml | null = null;
	if (!split.frontMatter) {
		problems.push({ file, line: 1, message: 'a dashboard starts with YAML front matter between --- lines (title, roles, filters)' });
	} else {
		const parsed = parseYamlBlock(split.frontMatter.text, split.frontMatter.line, frontMatterSchema, 'front matter');
		if (parsed.ok) front = parsed.value;
		else problems.push(...parsed.problems.map((p) => ({ file, ...p })));
	}

	const queries: Record<string, QueryBlock> = {};
	const blocks: DashboardBlock[] = [];
	const counters: Record<string, number> = {};
	for (const block of split.blocks) {
		if (block.kind === 'prose') {
			blocks.push({ kind: 'prose', line: block.line, html: renderMarkdown(block.text) });
		} else if (block.lang === 'sql') {
			problems.push(...parseQuery(block, file, queries));
		} else if (block.lang === 'ru' || block.lang === 'en') {
			blocks.push({ kind: 'prose', line: block.line, html: renderMarkdown(block.body), locale: block.lang });
		} else if (isComponentLang(block.lang)) {
			const parsed = parseYamlBlock(block.body, block.line + 1, componentSchemas[block.lang], `${block.lang} block`);
			if (!parsed.ok) {
				problems.push(...parsed.problems.map((p) => ({ file, ...p })));
				continue;
			}
			counters[block.lang] = (counters[block.lang] ?? 0) + 1;
			const component = { kind: block.lang, ...parsed.value } as ComponentSpec;
			blocks.push({ kind: 'component', id: `${block.lang}-${counters[block.lang]}`, line: block.line, component });
		} else {
			// Any other fenced block (```text, ```bash …) is shown to the reader as code.
			blocks.push({ kind: 'prose', line: block.line, html: renderMarkdown(block.raw) });
		}
	}

	if (!front) return { id, file, ok: false, problems, title: null, roles: null };
	const dashboard: Dashboard = {
		id,
		file,
		title: front.title,
		description: front.description ?? null,
		roles: front.roles,
		order: front.order,
		filters: toFilters(front.filters),
		defaultPeriod: front.default_period,
		params: front.params,
		queries,
		blocks,
		drillParams: {}
	};
	problems.push(...checkDashboard(dashboard));
	if (problems.length) return { id, file, ok: false, problems, title: dashboard.title, roles: dashboard.roles };
	return { id, file, ok: true, dashboard };
}
