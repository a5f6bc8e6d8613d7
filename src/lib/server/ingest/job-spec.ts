import fs from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { attachColumnTitles } from './column-titles.ts';
import { COLUMN_TYPES, type ColumnSpec, type EntitySpec, type JobSpec, type MappingSpec } from './types.ts';

/** A job or mapping file that cannot be used; the message names the file and the field. */
export class JobSpecError extends Error {}

const identifier = z.string().regex(/^[a-z][a-z0-9_]*$/, 'use lowercase letters, digits and _');
const title = z.object({ ru: z.string(), en: z.string() }).strict();
const scalar = z.union([z.string(), z.number(), z.boolean()]);

const dialectSchema = z
	.object({
		encoding: z.enum(['utf-8', 'utf-8-bom', 'utf-16le', 'utf-16be', 'windows-1251', 'cp1251']).optional(),
		delimiter: z.string().min(1).max(2).optional(),
		decimal: z.enum(['.', ',']).optional(),
		thousands: z.string().max(2).optional(),
		date_format: z.union([z.string(), z.array(z.string())]).optional(),
		date_order: z.enum(['day-first', 'month-first']).optional(),
		sheet: z.string().optional(),
		header_row: z.number().int().min(1).optional()
	})
	.strict();

const columnSchema = z
	.object({
		type: z.enum(COLUMN_TYPES),
		required: z.boolean().optional(),
		default: scalar.optional(),
		ordinal_with: identifier.optional(),
		min: z.number().optional(),
		fallback: identifier.optional(),
		aliases: z.array(scalar).optional(),
		title: title.optional()
	})
	.strict();

const detectSchema = z
	.object({
		headers: z.array(scalar).optional(),
		documents: z.array(scalar).optional(),
		prefer_over: z.array(z.string().regex(/^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$/, 'write family.entity')).optional()
	})
	.strict();

const entitySchema = z
	.object({
		title,
		files: z.array(z.string()).optional(),
		key: z.array(z.string()).min(1),
		version: z.string().optional(),
		keep_unmapped: z.boolean().optional(),
		columns: z.record(identifier, columnSchema),
		dialect: dialectSchema.optional(),
		detect: detectSchema.optional()
	})
	.strict();

const jobSchema = z
	.object({
		family: identifier,
		title,
		schedule: z.string().optional(),
		entities: z.record(identifier, entitySchema)
	})
	.strict();

const mappingSchema = z
	.object({
		entity: z.string().regex(/^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$/, 'write family.entity, e.g. payments.bank_payments'),
		files: z.array(z.string()).optional(),
		columns: z.record(z.string(), identifier),
		// what a mapping saved on the upload page carries beside (saved-mappings.ts): moved here, it still reads
		name: z.string().optional(),
		header: z.array(z.string()).optional(),
		saved_by: z.string().optional(),
		saved_at: z.string().optional()
	})
	.strict();

function describeIssues(file: string, error: z.ZodError): string {
	const lines = error.issues.map((issue) => `${issue.path.join('.') || '(top level)'}: ${issue.message}`);
	return `${file}: ${lines.join('; ')}`;
}

function readYaml(file: string, label: string): unknown {
	try {
		return parseYaml(fs.readFileSync(file, 'utf8'));
	} catch (error) {
		throw new JobSpecError(`${label}: not valid YAML: ${error instanceof Error ? error.message : String(error)}`);
	}
}

function toColumns(label: string, entityName: string, raw: z.infer<typeof entitySchema>): ColumnSpec[] {
	return Object.entries(raw.columns).map(([name, column]) => {
		const where = `${label}: entities.${entityName}.columns.${name}`;
		const ordinalInKey = column.default === 'ordinal_in_key';
		const titleDate = column.default === 'title_date';
		if (ordinalInKey && !raw.key.includes(name)) throw new JobSpecError(`${where}.default: ordinal_in_key needs the column in key`);
		if (ordinalInKey && column.type !== 'integer') throw new JobSpecError(`${where}.default: ordinal_in_key needs type integer`);
		if (titleDate && column.type !== 'date' && column.type !== 'timestamp') throw new JobSpecError(`${where}.default: title_date needs type date or timestamp`);
		if (column.ordinal_with !== undefined && !ordinalInKey) throw new JobSpecError(`${where}.ordinal_with: only for a column with default: ordinal_in_key`);
		if (column.ordinal_with !== undefined && !(column.ordinal_with in raw.columns)) {
			throw new JobSpecError(`${where}.ordinal_with: «${column.ordinal_with}» is not one of the columns`);
		}
		const spec: ColumnSpec = {
			name,
			type: column.type,
			required: column.required ?? false,
			ordinalInKey,
			titleDate,
			aliases: (column.aliases ?? []).map(String),
			min: column.min,
			title: column.title,
			...(column.fallback ? { fallback: column.fallback } : {})
		};
		if (column.default !== undefined && !ordinalInKey && !titleDate) spec.default = column.default;
		if (column.ordinal_with !== undefined) spec.ordinalWith = column.ordinal_with;
		return spec;
	});
}

function toEntity(label: string, family: string, name: string, raw: z.infer<typeof entitySchema>): EntitySpec {
	const columns = toColumns(label, name, raw);
	const names = new Set(columns.map((c) => c.name));
	for (const c of columns) {
		if (c.fallback && (!names.has(c.fallback) || c.fallback === c.name)) {
			throw new JobSpecError(`${label}: entities.${name}.columns.${c.name}.fallback: «${c.fallback}» is not another column`);
		}
	}
	for (const key of raw.key) {
		if (!names.has(key)) throw new JobSpecError(`${label}: entities.${name}.key: «${key}» is not one of the columns`);
	}
	if (raw.version && !names.has(raw.version)) {
		throw new JobSpecError(`${label}: entities.${name}.version: «${raw.version}» is not one of the columns`);
	}
	const dialect = raw.dialect ? { ...raw.dialect } : undefined;
	if (dialect?.encoding === 'cp1251') dialect.encoding = 'windows-1251';
	return {
		family,
		name,
		table: `${family}_${name}`,
		title: raw.title,
		files: raw.files ?? [],
		key: raw.key,
		version: raw.version,
		keepUnmapped: raw.keep_unmapped ?? false,
		columns,
		dialect: dialect as EntitySpec['dialect'],
		detect: {
			headers: (raw.detect?.headers ?? []).map(String),
			documents: (raw.detect?.documents ?? []).map(String),
			preferOver: raw.detect?.prefer_over ?? []
		},
		mappings: []
	};
}

/** Parses one job file (ingest/<family>.yml). */
export function parseJobFile(file: string, label = file): JobSpec {
	const parsed = jobSchema.safeParse(readYaml(file, label));
	if (!parsed.success) throw new JobSpecError(describeIssues(label, parsed.error));
	const job = parsed.data;
	return {
		family: job.family,
		title: job.title,
		schedule: job.schedule,
		file,
		entities: Object.entries(job.entities).map(([name, entity]) => toEntity(label, job.family, name, entity))
	};
}

/** Parses one mapping file (ingest/mappings/*.yml) against the loaded jobs. */
export function parseMappingFile(file: string, jobs: JobSpec[], label = file): MappingSpec {
	const parsed = mappingSchema.safeParse(readYaml(file, label));
	if (!parsed.success) throw new JobSpecError(describeIssues(label, parsed.error));
	const [family, entityName] = parsed.data.entity.split('.');
	const entity = jobs.find((j) => j.family === family)?.entities.find((e) => e.name === entityName);
	if (!entity) throw new JobSpecError(`${label}: entity: no entity «${parsed.data.entity}» in the ingest jobs`);
	for (const [header, column] of Object.entries(parsed.data.columns)) {
		if (!entity.columns.some((c) => c.name === column)) {
			throw new JobSpecError(`${label}: columns.${header}: «${column}» is not a column of ${parsed.data.entity}`);
		}
	}
	return { file, family, entity: entityName, files: parsed.data.files ?? [], columns: parsed.data.columns };
}

/** ingest/crm.yml for the project's own files, the full path for anything else. */
function label(file: string): string {
	const relative = path.relative(process.cwd(), file);
	return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}

/** The YAML files of a folder, sorted by name (none when the folder does not exist). */
export function yamlFiles(dir: string): string[] {
	if (!fs.existsSync(dir)) return [];
	return fs
		.readdirSync(dir)
		.filter((name) => /\.ya?ml$/i.test(name))
		.sort()
		.map((name) => path.join(dir, name));
}

/**
 * Loads every job in `dir` (ingest/*.yml) and attaches the user mapping files of
 * `dir/mappings/` to their entities. Throws JobSpecError naming file and field.
 */
export function loadJobs(dir: string): JobSpec[] {
	const jobs = yamlFiles(dir).map((file) => parseJobFile(file, label(file)));
	const families = new Set<string>();
	for (const job of jobs) {
		if (families.has(job.family)) throw new JobSpecError(`${job.file}: family «${job.family}» is defined twice`);
		families.add(job.family);
	}
	for (const file of yamlFiles(path.join(dir, 'mappings'))) {
		const mapping = parseMappingFile(file, jobs, label(file));
		const entity = jobs.find((j) => j.family === mapping.family)?.entities.find((e) => e.name === mapping.entity);
		entity?.mappings.push(mapping);
	}
	attachColumnTitles(dir, jobs, (message) => new JobSpecError(message));
	return jobs;
}

export function allEntities(jobs: JobSpec[]): EntitySpec[] {
	return jobs.flatMap((job) => job.entities);
}

export function findEntity(jobs: JobSpec[], family: string, name: string): EntitySpec | undefined {
	return jobs.find((j) => j.family === family)?.entities.find((e) => e.name === name);
}
