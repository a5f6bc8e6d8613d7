import { describe, expect, it } from 'vitest';
import { parseDashboard } from './parse-dashboard.ts';

const file = (body: string) => `---\ntitle: X\nroles: [executive]\n---\n${body}`;
const prose = (body: string) => {
	const entry = parseDashboard('x', 'dashboards/x.md', file(body));
	if (!entry.ok) throw new Error(JSON.stringify(entry.problems));
	return entry.dashboard.blocks.map((b) => (b.kind === 'prose' ? b.html : '')).join('');
};

describe('dashboard prose', () => {
	it('renders markdown but shows raw HTML as text', () => {
		expect(prose('# Итоги <script>alert(1)</script>')).toBe('<h1>Итоги &lt;script&gt;alert(1)&lt;/script&gt;</h1>\n');
		expect(prose('<img src=x onerror=alert(1)>')).toBe('&lt;img src=x onerror=alert(1)&gt;');
	});
	it('keeps web and in-app links, drops script links and images', () => {
		expect(prose('[a](https://example.com) [b](javascript:alert(1)) [c](/dashboards/sales) ![d](http://x/y.png)')).toBe(
			'<p><a href="https://example.com">a</a> b <a href="/dashboards/sales">c</a> d</p>\n'
		);
	});
	it('keeps prose for one language apart and shows other fences as code', () => {
		const entry = parseDashboard('x', 'dashboards/x.md', file('```en\nFor readers in English.\n```\n\n```text\nplain\n```\n'));
		expect(entry.ok && entry.dashboard.blocks).toEqual([
			{ kind: 'prose', line: 5, html: '<p>For readers in English.</p>\n', locale: 'en' },
			{ kind: 'prose', line: 9, html: '<pre><code class="language-text">plain\n</code></pre>\n' }
		]);
	});
});

describe('dashboard checks', () => {
	it('reports YAML problems at their file line, and a quote hint for commas', () => {
		const entry = parseDashboard('x', 'dashboards/x.md', '---\ntitle: { ru: Выручка, прибыль }\nroles: [executive]\n---\n```kpi\nquery: q\nvalue: v\nformat: rubles\n```\n');
		expect(entry.ok).toBe(false);
		const problems = entry.ok ? [] : entry.problems.map((p) => `${p.line}: ${p.message}`);
		expect(problems).toEqual([
			'2: front matter: title: Unrecognized key: "прибыль" (text with a comma inside { } needs quotes)',
			expect.stringMatching(/^8: kpi block: format: Invalid option/)
		]);
	});
	it('needs front matter and closed fences', () => {
		const entry = parseDashboard('x', 'dashboards/x.md', '# no front matter\n```sql q\nselect 1\n');
		expect(entry.ok ? [] : entry.problems.map((p) => [p.line, p.message])).toEqual([
			[2, 'this ``` block is never closed'],
			[1, 'a dashboard starts with YAML front matter between --- lines (title, roles, filters)']
		]);
	});
});
