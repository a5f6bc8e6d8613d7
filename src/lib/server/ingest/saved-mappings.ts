import fs from 'node:fs';
import path from 'node:path';
import { Document, parse as parseYaml, type YAMLSeq } from 'yaml';
import { z } from 'zod';
import type { OborotPaths } from '../config/paths.ts';
import { PRIVATE_FILE_MODE, privateDir } from '../config/private-files.ts';
import { findEntity, JobSpecError, yamlFiles } from './job-spec.ts';
import { describeUnmapped, headerSignature, MappingError, unmappedNeeded, type HeaderMapping, type MappingHook } from './mapping-choice.ts';
import { normalizeHeader } from './normalize-header.ts';
import { selectEntities } from './select-entities.ts';
import type { DateOrder, EntitySpec, JobSpec } from './types.ts';

/**
 * Mappings saved from the upload page: one YAML file each in <OBOROT_HOME>/mappings/,
 * beside the warehouse. They belong to the installation, like its data: the server writes
 * them (the project's ingest/ folder is the analysts' and may be read-only or in git), and
 * every path that loads files — the web upload, the inbox, `oborot ingest` here or handed
 * to a running server — reads the same folder, while each test's temp OBOROT_HOME keeps
 * its own. The format is that of ingest/mappings/*.yml plus `name` and the exact `header`
 * the mapping was saved for, so an analyst can move one into the project unchanged.
 */
export function savedMappingsDir(paths: OborotPaths): string {
	return path.join(paths.home, 'mappings');
}

export interface SavedMapping extends HeaderMapping {
	/** The file's name without .yml: how the API names the mapping. */
	id: string;
	file: string;
	savedBy: string | null;
	savedAt: string | null;
}

/** A hand mapping as the browser sends it: family.entity, and header → column (null: the entity's aliases decide). */
export interface HandMapping {
	entity: string;
	columns: Record<string, string> | null;
}

const identifier = z.string().regex(/^[a-z][a-z0-9_]*$/, 'use lowercase letters, digits and _');
const fileSchema = z
	.object({
		name: z.string().min(1),
		entity: z.string().regex(/^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$/, 'write family.entity, e.g. accounting.sales'),
		header: z.array(z.string()).min(1),
		files: z.array(z.string()).optional(),
		columns: z.record(z.string(), identifier),
		date_order: z.enum(['day-first', 'month-first']).optional(),
		saved_by: z.string().optional(),
		saved_at: z.string().optional()
	})
	.strict();

/** Names are told apart by letters and digits only: «Продажи УТ» and «продажи-ут» are one mapping. */
export function mappingId(name: string): string {
	return name
		.normalize('NFC')
		.toLowerCase()
		.replace(/[^\p{L}\p{N}]+/gu, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, 80);
}

function entityOf(jobs: JobSpec[], name: string): EntitySpec {
	const [family, entityName] = name.split('.');
	const entity = entityName ? findEntity(jobs, family, entityName) : undefined;
	if (!entity) throw new MappingError('mapping_invalid', `no entity «${name}» in the ingest jobs`);
	return entity;
}

/** The entity of a hand mapping, its columns checked: each a column of the entity, none twice. */
export function resolveHandMapping(jobs: JobSpec[], hand: HandMapping): { entity: EntitySpec; columns: Record<string, string> | null } {
	const entity = entityOf(jobs, hand.entity);
	if (hand.columns === null) return { entity, columns: null };
	const byColumn = new Map<string, string>();
	const headers = new Set<string>();
	for (const [header, column] of Object.entries(hand.columns)) {
		if (!entity.columns.some((c) => c.name === column)) throw new MappingError('mapping_invalid', `«${column}» is not a column of ${hand.entity}`);
		const other = byColumn.get(column);
		if (other !== undefined) throw new MappingError('mapping_invalid', `«${other}» and «${header}» are both mapped to ${column}: choose one`);
		if (headers.has(normalizeHeader(header))) throw new MappingError('mapping_invalid', `the header «${header}» is mapped twice`);
		byColumn.set(column, header);
		headers.add(normalizeHeader(header));
	}
	return { entity, columns: { ...hand.columns } };
}

/**
 * The columns of a hand mapping that is to load files (now, or later when saved): checked,
 * and refused with the columns it leaves out when the load needs them.
 */
export function completeHandMapping(jobs: JobSpec[], hand: { entity: string; columns: Record<string, string> }): Record<string, string> {
	const { entity } = resolveHandMapping(jobs, hand);
	const missing = unmappedNeeded(entity, Object.values(hand.columns));
	if (missing.length > 0) {
		throw new MappingError('mapping_incomplete', `the mapping leaves out columns ${hand.entity} needs: ${describeUnmapped(missing)}; map a column of the file to each`);
	}
	return { ...hand.columns };
}

function parseSaved(file: string, jobs: JobSpec[]): SavedMapping {
	const label = `saved mapping ${file}`;
	let raw: unknown;
	try {
		raw = parseYaml(fs.readFileSync(file, 'utf8'));
	} catch (error) {
		throw new JobSpecError(`${label}: not valid YAML: ${error instanceof Error ? error.message : String(error)}`);
	}
	const parsed = fileSchema.safeParse(raw);
	if (!parsed.success) throw new JobSpecError(`${label}: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(top level)'}: ${i.message}`).join('; ')}`);
	const data = parsed.data;
	try {
		resolveHandMapping(jobs, { entity: data.entity, columns: data.columns });
	} catch (error) {
		throw new JobSpecError(`${label}: ${(error as Error).message}; save the mapping again on the upload page, or delete it`);
	}
	const [family, entity] = data.entity.split('.');
	return {
		id: path.basename(file).replace(/\.ya?ml$/i, ''),
		file,
		name: data.name,
		family,
		entity,
		header: data.header,
		columns: data.columns,
		...(data.date_order ? { dateOrder: data.date_order } : {}),
		savedBy: data.saved_by ?? null,
		savedAt: data.saved_at ?? null
	};
}

function mappingFiles(paths: OborotPaths): string[] {
	return yamlFiles(savedMappingsDir(paths));
}

/** Every saved mapping; a broken file is an error naming it (as a broken job file is). */
export function loadSavedMappings(paths: OborotPaths, jobs: JobSpec[]): SavedMapping[] {
	return mappingFiles(paths).map((file) => parseSaved(file, jobs));
}

/** The saved mappings for a list that must show even broken ones (so they can be deleted). */
export function listSavedMappings(paths: OborotPaths, jobs: JobSpec[]): { mappings: SavedMapping[]; broken: { id: string; problem: string }[] } {
	const mappings: SavedMapping[] = [];
	const broken: { id: string; problem: string }[] = [];
	for (const file of mappingFiles(paths)) {
		try {
			mappings.push(parseSaved(file, jobs));
		} catch (error) {
			broken.push({ id: path.basename(file).replace(/\.ya?ml$/i, ''), problem: (error as Error).message });
		}
	}
	return { mappings, broken };
}

export interface SaveMappingInput {
	name: string;
	entity: string;
	/** The file's header row, as it was read. */
	header: string[];
	columns: Record<string, string>;
	/** The order of slash dates to read files with this header in (left out: their values decide). */
	dateOrder?: DateOrder;
	savedBy: string;
	savedAt?: Date;
}

/**
 * Saves (or replaces) a mapping. It must be complete — every column the load needs mapped
 * to a header of `header` — since files with that header will be loaded by it unattended.
 * A mapping saved before for the same header is replaced: one header, one reading.
 */
export function saveMapping(paths: OborotPaths, jobs: JobSpec[], input: SaveMappingInput): { mapping: SavedMapping; replaced: string[] } {
	const name = input.name.trim();
	const id = mappingId(name);
	if (!id) throw new MappingError('mapping_invalid', 'give the mapping a name with at least one letter or digit');
	const columns = completeHandMapping(jobs, { entity: input.entity, columns: input.columns });
	const present = new Set(input.header.map(normalizeHeader));
	for (const header of Object.keys(columns)) {
		if (!present.has(normalizeHeader(header))) throw new MappingError('mapping_invalid', `«${header}» is not a column of the file's header`);
	}
	const header = input.header.slice(0, headerSignature(input.header).length);
	const signature = headerSignature(header).join('\u0000');
	const existing = listSavedMappings(paths, jobs).mappings;
	const replaced = existing.filter((m) => m.id !== id && headerSignature(m.header).join('\u0000') === signature);
	const dir = savedMappingsDir(paths);
	privateDir(dir);
	const savedAt = (input.savedAt ?? new Date()).toISOString();
	const body = {
		name,
		entity: input.entity,
		header,
		columns,
		...(input.dateOrder ? { date_order: input.dateOrder } : {}),
		saved_by: input.savedBy,
		saved_at: savedAt
	};
	const text = `# Saved on the upload page. A file whose header is exactly \`header\` is read as \`entity\` with
# these \`columns\` (header in the file → column), from the web upload, the inbox and \`oborot ingest\`.
${yamlText(body)}`;
	const file = path.join(dir, `${id}.yml`);
	const temporary = `${file}.tmp`;
	fs.writeFileSync(temporary, text, { mode: PRIVATE_FILE_MODE });
	fs.renameSync(temporary, file);
	for (const old of replaced) fs.rmSync(old.file, { force: true });
	return { mapping: parseSaved(file, jobs), replaced: replaced.map((m) => m.name) };
}

/** The mapping as YAML, its header on one line as the file has it. */
function yamlText(body: Record<string, unknown>): string {
	const document = new Document(body);
	(document.get('header', true) as YAMLSeq).flow = true;
	return document.toString({ lineWidth: 0 });
}

/** Deletes a saved mapping by its id; false when there was none. */
export function deleteSavedMapping(paths: OborotPaths, id: string): boolean {
	if (!id || id !== mappingId(id)) return false;
	const file = mappingFiles(paths).find((f) => path.basename(f).replace(/\.ya?ml$/i, '') === id);
	if (!file) return false;
	fs.rmSync(file);
	return true;
}

export interface Reading {
	entities: EntitySpec[];
	mappings: MappingHook;
}

/**
 * What a file may be read as: the hand mapping's entity, or the entities of --source /
 * --entity with the saved mappings (<OBOROT_HOME>/mappings) tried first.
 */
export function readingFor(paths: OborotPaths, jobs: JobSpec[], options: { family?: string; entity?: string; mapping?: HandMapping }, allowMissing = false): Reading {
	if (options.mapping) {
		const hand = resolveHandMapping(jobs, options.mapping);
		return { entities: [hand.entity], mappings: { hand, allowMissing } };
	}
	return { entities: selectEntities(jobs, options), mappings: { saved: loadSavedMappings(paths, jobs) } };
}
