/**
 * Splits a dashboard file into its front matter, fenced blocks and the prose between
 * them, keeping 1-based line numbers so every error can point into the file.
 */

export interface FrontMatter {
	text: string;
	/** Line of the first YAML line (the one after the opening ---). */
	line: number;
}

export interface FencedBlock {
	kind: 'fence';
	/** First word of the info string: sql, kpi, chart, … */
	lang: string;
	/** The rest of the info string (a query's name and flags). */
	args: string[];
	body: string;
	/** Line of the opening fence. */
	line: number;
	raw: string;
}

export interface ProseBlock {
	kind: 'prose';
	text: string;
	line: number;
}

export interface SplitSource {
	frontMatter: FrontMatter | null;
	blocks: (FencedBlock | ProseBlock)[];
	/** A fence opened and never closed (line of the opening fence). */
	unclosedFence: number | null;
}

const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})\s*([^`]*)$/;

function splitFrontMatter(lines: string[]): { frontMatter: FrontMatter | null; bodyStart: number } {
	if (lines[0]?.trim() !== '---') return { frontMatter: null, bodyStart: 0 };
	for (let i = 1; i < lines.length; i++) {
		if (lines[i].trim() === '---') return { frontMatter: { text: lines.slice(1, i).join('\n'), line: 2 }, bodyStart: i + 1 };
	}
	return { frontMatter: { text: lines.slice(1).join('\n'), line: 2 }, bodyStart: lines.length };
}

export function splitSource(source: string): SplitSource {
	const lines = source.replace(/^\uFEFF/, '').split(/\r?\n/);
	const { frontMatter, bodyStart } = splitFrontMatter(lines);
	const blocks: (FencedBlock | ProseBlock)[] = [];
	let prose: string[] = [];
	let proseLine = bodyStart + 1;

	const flushProse = () => {
		if (prose.some((l) => l.trim() !== '')) blocks.push({ kind: 'prose', text: prose.join('\n'), line: proseLine });
		prose = [];
	};

	for (let i = bodyStart; i < lines.length; i++) {
		const open = FENCE_OPEN.exec(lines[i]);
		if (!open) {
			if (prose.length === 0) proseLine = i + 1;
			prose.push(lines[i]);
			continue;
		}
		const marker = open[1];
		const close = new RegExp(`^ {0,3}${marker[0] === '`' ? '`' : '~'}{${marker.length},}\\s*$`);
		let end = i + 1;
		while (end < lines.length && !close.test(lines[end])) end++;
		if (end >= lines.length) {
			flushProse();
			return { frontMatter, blocks, unclosedFence: i + 1 };
		}
		flushProse();
		const [lang = '', ...args] = open[2].trim().split(/\s+/).filter(Boolean);
		blocks.push({
			kind: 'fence',
			lang: lang.toLowerCase(),
			args,
			body: lines.slice(i + 1, end).join('\n'),
			line: i + 1,
			raw: lines.slice(i, end + 1).join('\n')
		});
		i = end;
		proseLine = end + 2;
	}
	flushProse();
	return { frontMatter, blocks, unclosedFence: null };
}
