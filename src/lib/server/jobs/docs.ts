import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { ProjectError, loadProject, projectDocs, projectPaths, type ColumnDocs, type ModelDocs, type ProjectDocs } from '../transform/index.ts';
import { UsageError, type Command } from './command.ts';

const cell = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', ' ');
const list = (items: string[]) => (items.length ? items.join(', ') : '—');

function columnTable(columns: ColumnDocs[]): string[] {
	if (columns.length === 0) return ['_No columns documented and the relation is not built._'];
	return [
		'| column | type | description | tests |',
		'| --- | --- | --- | --- |',
		...columns.map((c) => `| ${c.name} | ${c.type ?? '?'} | ${cell(c.description || (c.documented ? '' : '_(not documented)_'))} | ${list(c.tests)} |`)
	];
}

function modelMarkdown(model: ModelDocs): string {
	const tags = model.tags.length ? ` · tags: ${model.tags.join(', ')}` : '';
	return [
		`## ${model.name}`,
		'',
		`\`${model.relation}\` · ${model.materialized}${model.kind === 'ts' ? ' (TypeScript)' : ''} · ${model.path}${tags}${model.built ? '' : ' · not built yet'}`,
		'',
		model.description || '_No description: add one in the YAML beside the model._',
		'',
		`- parents: ${list([...model.parents, ...model.sources.map((s) => `source ${s}`)])}`,
		`- children: ${list(model.children)}`,
		...(model.requires.length ? [`- needs data: ${model.requires.map((any) => any.join(' or ')).join(', ')}`] : []),
		`- model tests: ${list(model.tests)}`,
		'',
		...columnTable(model.columns),
		''
	].join('\n');
}

function markdown(docs: ProjectDocs, onlyModel: boolean): string {
	const parts = ['# Models', '', ...docs.models.map(modelMarkdown)];
	if (!onlyModel && docs.sources.length) {
		parts.push('# Sources', '');
		for (const source of docs.sources) {
			parts.push(`## ${source.name}`, '', `\`${source.relation}\` · read by ${list(source.children)}`, '', source.description, '', ...columnTable(source.columns), '');
		}
	}
	return `${parts.join('\n')}\n`;
}

const docs: Command = {
	name: 'docs',
	summary: 'list models with descriptions, columns, tests and lineage',
	usage: 'docs [--format md|json] [model]',
	warehouse: 'read',
	async run(argv, ctx) {
		const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { format: { type: 'string', default: 'md' } } });
		if (values.format !== 'md' && values.format !== 'json') throw new UsageError(`unknown format «${values.format}»: use md or json`);
		if (positionals.length > 1) throw new UsageError('give at most one model');
		let project;
		try {
			project = await loadProject(projectPaths(ctx.paths));
		} catch (error) {
			if (!(error instanceof ProjectError)) throw error;
			ctx.out.error(error.message);
			return 1;
		}
		const [name] = positionals;
		if (name && !project.models.has(name)) throw new UsageError(`no model «${name}»`);
		// Column types come from the warehouse when there is one; docs never create it.
		const warehouse = fs.existsSync(ctx.paths.warehouse) ? await ctx.warehouse() : undefined;
		const all = await projectDocs(project, warehouse);
		const shown: ProjectDocs = name ? { models: all.models.filter((m) => m.name === name), sources: [] } : all;
		ctx.out.write(values.format === 'json' ? `${JSON.stringify(name ? shown.models[0] : shown, null, 2)}\n` : markdown(shown, !!name));
		return 0;
	}
};

export default docs;
