import { z } from 'zod';
import { DomainError } from '../errors.ts';
import { systemClock, toSqlTimestamp, type Clock } from '../auth/clock.ts';
import type { Warehouse } from '../warehouse/index.ts';
import { DefinitionError, parseDefinition, type SegmentDefinition } from './definition.ts';
import { segmentNameMessage, segmentNameProblem } from './segment-name.ts';

/**
 * Saved segments in app.segments: unique by name (case-insensitively, so «Спящие» and
 * «спящие» cannot both exist), with who created and last changed them. Marketers share
 * segments: any marketer or admin may edit or delete one (updated_by says who did).
 */
export interface SavedSegment {
	id: number;
	name: string;
	description: string | null;
	definition: SegmentDefinition;
	owner: string;
	createdAt: string;
	updatedAt: string;
	updatedBy: string;
}

/** A name as segment-name.ts allows; the issue carries its code and both wordings so the API answers in the reader's language. */
export const segmentNameSchema = z
	.string()
	.trim()
	.superRefine((name, ctx) => {
		const problem = segmentNameProblem(name);
		if (problem) ctx.addIssue({ code: 'custom', message: segmentNameMessage(problem, name, 'en'), params: { code: 'bad_segment_name', ru: segmentNameMessage(problem, name, 'ru'), en: segmentNameMessage(problem, name, 'en') } });
	});

export const segmentInputSchema = z
	.object({
		name: segmentNameSchema,
		description: z.string().trim().max(500).nullish(),
		definition: z.unknown()
	})
	.strict();

export type SegmentInput = z.infer<typeof segmentInputSchema>;

interface SegmentRow {
	segment_id: number;
	name: string;
	description: string | null;
	definition: string;
	owner: string;
	created_at: string;
	updated_at: string;
	updated_by: string;
}

/** A stored definition the schema no longer accepts (saved by an older version): say which and what to do. */
function storedDefinition(row: SegmentRow): SegmentDefinition {
	try {
		return parseDefinition(JSON.parse(row.definition));
	} catch (error) {
		if (!(error instanceof DefinitionError)) throw error;
		throw new DomainError('unusable', 'bad_saved_definition', `the saved segment «${row.name}» no longer reads (${error.message}): ask an admin to fix or delete it`);
	}
}

function fromRow(row: SegmentRow): SavedSegment {
	return {
		id: row.segment_id,
		name: row.name,
		description: row.description,
		definition: storedDefinition(row),
		owner: row.owner,
		createdAt: row.created_at,
		updatedAt: row.updated_at,
		updatedBy: row.updated_by
	};
}

const COLUMNS = 'segment_id, name, description, definition::varchar as definition, owner, created_at, updated_at, updated_by';

export async function listSegments(warehouse: Warehouse): Promise<SavedSegment[]> {
	const rows = await warehouse.query<SegmentRow>(`select ${COLUMNS} from app.segments order by lower(name)`);
	return rows.map(fromRow);
}

export async function findSegment(warehouse: Warehouse, name: string): Promise<SavedSegment | null> {
	const rows = await warehouse.query<SegmentRow>(`select ${COLUMNS} from app.segments where lower(name) = lower($1)`, [name.trim()]);
	return rows[0] ? fromRow(rows[0]) : null;
}

export async function getSegment(warehouse: Warehouse, name: string): Promise<SavedSegment> {
	const segment = await findSegment(warehouse, name);
	if (!segment) throw new DomainError('not_found', 'segment_not_found', `no saved segment «${name}»`);
	return segment;
}

async function nameTaken(warehouse: Warehouse, name: string, exceptId: number | null): Promise<boolean> {
	const rows = await warehouse.query<{ n: number }>(
		'select count(*) as n from app.segments where lower(name) = lower($1) and segment_id is distinct from $2',
		[name, exceptId]
	);
	return rows[0].n > 0;
}

function taken(name: string): DomainError {
	return new DomainError('conflict', 'segment_exists', `a segment named «${name}» already exists: open it, or choose another name`);
}

async function uniqueName(name: string, write: () => Promise<void>): Promise<void> {
	try {
		await write();
	} catch (error) {
		if (/constraint|duplicate key/i.test(error instanceof Error ? error.message : String(error))) throw taken(name);
		throw error;
	}
}

/** Saves a new segment; a conflict when the name is taken. */
export async function createSegment(warehouse: Warehouse, input: SegmentInput, actor: string, clock: Clock = systemClock): Promise<SavedSegment> {
	const definition = parseDefinition(input.definition);
	if (await nameTaken(warehouse, input.name, null)) throw taken(input.name);
	// No write lock: app.segments is not touched by loads or builds, and the unique index
	// catches two marketers saving the same name at once.
	await uniqueName(input.name, () =>
		warehouse.run(
			`insert into app.segments (name, description, definition, owner, created_at, updated_at, updated_by)
			values ($1, $2, $3::json, $4, $5::timestamp, $5::timestamp, $4)`,
			[input.name, input.description ?? null, JSON.stringify(definition), actor, toSqlTimestamp(clock())]
		)
	);
	return getSegment(warehouse, input.name);
}

/** Changes a saved segment (its definition, description, or name); not found, or a conflict when the new name is taken. */
export async function updateSegment(
	warehouse: Warehouse,
	name: string,
	input: SegmentInput,
	actor: string,
	clock: Clock = systemClock
): Promise<SavedSegment> {
	const definition = parseDefinition(input.definition);
	const existing = await getSegment(warehouse, name);
	if (await nameTaken(warehouse, input.name, existing.id)) throw taken(input.name);
	await uniqueName(input.name, () =>
		warehouse.run(
			`update app.segments set name = $1, description = $2, definition = $3::json, updated_at = $4::timestamp, updated_by = $5
			where segment_id = $6`,
			[input.name, input.description ?? null, JSON.stringify(definition), toSqlTimestamp(clock()), actor, existing.id]
		)
	);
	return getSegment(warehouse, input.name);
}

/** Deletes by name without reading the definition, so even one that no longer reads can go. */
export async function deleteSegment(warehouse: Warehouse, name: string): Promise<void> {
	const rows = await warehouse.query<{ segment_id: number }>('select segment_id from app.segments where lower(name) = lower($1)', [name.trim()]);
	if (!rows[0]) throw new DomainError('not_found', 'segment_not_found', `no saved segment «${name}»`);
	await warehouse.run('delete from app.segments where segment_id = $1', [rows[0].segment_id]);
}
