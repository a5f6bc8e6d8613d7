import { DomainError } from '../errors.ts';
import type { OborotPaths } from '../config/paths.ts';
import { deleteSavedMapping, listSavedMappings, loadJobs, previewFile, saveMapping, type DateOrder, type SavedMapping, type Title } from '../ingest/index.ts';
import { readingOverrides } from './upload-service.ts';
import { readUpload } from './upload-store.ts';

/** An entity a file can be read as, for the page's «Прочитать как» list. */
export interface SourceEntity {
	/** family.entity */
	entity: string;
	title: Title;
}

/** A family and its entities, as the page groups them. */
export interface SourceFamily {
	family: string;
	title: Title;
	entities: SourceEntity[];
}

/** A saved mapping as the page lists it. */
export interface MappingSummary {
	id: string;
	name: string;
	/** family.entity */
	entity: string;
	header: string[];
	/** header in the file → canonical column */
	columns: Record<string, string>;
	/** How slash dates of files with this header are read; null: their values decide. */
	dateOrder: DateOrder | null;
	savedBy: string | null;
	savedAt: string | null;
}

export interface MappingList {
	mappings: MappingSummary[];
	/** Files in the mappings folder that cannot be used (edited by hand, or an entity changed): listed so they can be deleted. */
	broken: { id: string; problem: string }[];
}

/** Every entity of every family, titled: what an upload may be read as. */
export function uploadSources(paths: OborotPaths): SourceFamily[] {
	return loadJobs(paths.ingestJobs).map((job) => ({
		family: job.family,
		title: job.title,
		entities: job.entities.map((e) => ({ entity: `${e.family}.${e.name}`, title: e.title }))
	}));
}

function summary(mapping: SavedMapping): MappingSummary {
	const { id, name, family, entity, header, columns, savedBy, savedAt } = mapping;
	return { id, name, entity: `${family}.${entity}`, header, columns, dateOrder: mapping.dateOrder ?? null, savedBy, savedAt };
}

export function savedMappingList(paths: OborotPaths): MappingList {
	const { mappings, broken } = listSavedMappings(paths, loadJobs(paths.ingestJobs));
	return { mappings: mappings.map(summary), broken };
}

/**
 * Saves the hand mapping of an upload under a name, for the header the upload has: the
 * header row is found as the preview finds it, so what is saved is what the admin saw.
 * The order of slash dates is kept too: the one the admin chose, else the one the file's
 * values showed; an order nothing showed is left to the values of each later file.
 */
export async function saveUploadMapping(
	paths: OborotPaths,
	id: string,
	input: { name: string; entity: string; columns: Record<string, string>; dateOrder?: DateOrder; savedBy: string }
): Promise<{ mapping: MappingSummary; replaced: string[] }> {
	const upload = readUpload(paths, id);
	const jobs = loadJobs(paths.ingestJobs);
	const preview = await previewFile(paths, upload.file, { jobs, mapping: { entity: input.entity, columns: input.columns }, overrides: readingOverrides(input), rows: 0 });
	const shown = preview.dialect.dateOrder;
	const dateOrder = shown && shown.by !== 'assumed' ? shown.order : undefined;
	const saved = saveMapping(paths, jobs, { name: input.name, entity: input.entity, header: preview.headers, columns: input.columns, dateOrder, savedBy: input.savedBy });
	return { mapping: summary(saved.mapping), replaced: saved.replaced };
}

export function deleteUploadMapping(paths: OborotPaths, id: string): void {
	if (!deleteSavedMapping(paths, id)) throw new DomainError('not_found', 'mapping_not_found', `no saved mapping «${id}»`);
}
