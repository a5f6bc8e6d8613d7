import type { Warehouse } from '../warehouse/index.ts';
import type { CompileContext } from './compile.ts';
import type { SegmentDefinition } from './definition.ts';
import { ensureMarts } from './marts.ts';
import { runBound } from './run-bound.ts';
import { countQuery, countsFromRow, sampleQuery, type Locale, type SegmentCounts } from './segment-sql.ts';

export interface SegmentSampleRow {
	customer_id: string;
	customer_name: string;
	city: string | null;
	first_channel: string | null;
	rfm_segment: string | null;
	last_purchase_on: string | null;
	orders: number;
	historical_revenue: number | null;
	predicted_value: number | null;
	p_alive: number | null;
	can_email: boolean;
	can_sms: boolean;
	is_dead_soul: boolean;
}

export interface SegmentPreview {
	counts: SegmentCounts;
	sample: SegmentSampleRow[];
}

/** What the builder shows as the marketer edits: the counts and the first customers. */
export async function previewSegment(
	warehouse: Warehouse,
	definition: SegmentDefinition,
	options: CompileContext & { locale: Locale; sampleSize?: number }
): Promise<SegmentPreview> {
	const count = countQuery(definition, options);
	const sample = sampleQuery(definition, options, options.locale, options.sampleSize ?? 20);
	await ensureMarts(warehouse, [...count.marts, ...sample.marts]);
	const [counts, rows] = await Promise.all([runBound(warehouse, count.query), runBound<SegmentSampleRow>(warehouse, sample.query)]);
	return { counts: countsFromRow(counts[0] ?? {}), sample: rows };
}

/** Only the counts (CLI, saved-segment list). */
export async function countSegment(warehouse: Warehouse, definition: SegmentDefinition, context: CompileContext): Promise<SegmentCounts> {
	const count = countQuery(definition, context);
	await ensureMarts(warehouse, count.marts);
	const rows = await runBound(warehouse, count.query);
	return countsFromRow(rows[0] ?? {});
}
