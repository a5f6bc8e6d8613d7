/**
 * Reading the demo's files back without the ingest engine (written in parallel): a
 * small CSV reader that keeps physical line numbers, exceljs for XLSX, the job files'
 * aliases straight from ingest/*.yml, and Russian number/date parsing.
 */
import ExcelJS, { type CellValue } from '../../src/lib/server/xlsx/exceljs.ts';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';
import type { DemoManifest } from '../../src/lib/server/demo/generate.ts';
import type { FileEntry } from '../../src/lib/server/demo/outputs.ts';

export const ROOT = path.resolve(import.meta.dirname, '../..');

export function tempDir(prefix: string): string {
	return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function readManifest(dir: string): DemoManifest {
	return JSON.parse(fs.readFileSync(path.join(dir, 'demo-manifest.json'), 'utf8')) as DemoManifest;
}

export interface Row {
	/** 1-based physical line (sheet row for XLSX) where the record starts. */
	line: number;
	fields: string[];
}

export interface Table {
	header: string[];
	rows: Row[];
}

/** RFC 4180 records with the line each starts on. */
export function parseDelimited(text: string, delimiter: string): Row[] {
	const rows: Row[] = [];
	let line = 1;
	let start = 1;
	let fields: string[] = [];
	let field = '';
	let quoted = false;
	for (let i = 0; i < text.length; i++) {
		const ch = text[i];
		if (quoted) {
			if (ch === '"' && text[i + 1] === '"') {
				field += '"';
				i++;
			} else if (ch === '"') quoted = false;
			else {
				if (ch === '\n') line++;
				field += ch;
			}
			continue;
		}
		if (ch === '"' && field === '') quoted = true;
		else if (ch === delimiter) {
			fields.push(field);
			field = '';
		} else if (ch === '\r') continue;
		else if (ch === '\n') {
			fields.push(field);
			rows.push({ line: start, fields });
			fields = [];
			field = '';
			line++;
			start = line;
		} else field += ch;
	}
	if (field !== '' || fields.length) rows.push({ line: start, fields: [...fields, field] });
	return rows;
}

export function decode(bytes: Buffer, encoding: string | null): string {
	const text = new TextDecoder(encoding === 'windows-1251' ? 'windows-1251' : 'utf-8', { fatal: true }).decode(bytes);
	return text.replace(/^\uFEFF/, '');
}

const pad2 = (n: number) => String(n).padStart(2, '0');

function cellText(value: CellValue): string {
	if (value === null || value === undefined) return '';
	if (value instanceof Date) {
		const d = value;
		const date = `${pad2(d.getUTCDate())}.${pad2(d.getUTCMonth() + 1)}.${d.getUTCFullYear()}`;
		return d.getUTCHours() || d.getUTCMinutes() ? `${date} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}` : date;
	}
	if (typeof value === 'object') return String((value as { text?: string }).text ?? JSON.stringify(value));
	return String(value);
}

/** A file of the manifest as text rows (XLSX dates as dd.mm.yyyy [hh:mm], numbers as JS prints them). */
export async function readTable(dir: string, entry: FileEntry): Promise<Table> {
	const file = path.join(dir, entry.path);
	if (entry.format === 'xlsx') {
		const workbook = new ExcelJS.Workbook();
		await workbook.xlsx.readFile(file);
		const sheet = workbook.worksheets[0];
		const all: Row[] = [];
		sheet.eachRow({ includeEmpty: false }, (row, number) => {
			const values = (row.values as CellValue[]).slice(1);
			all.push({ line: number, fields: Array.from(values, cellText) });
		});
		const width = all[0].fields.length;
		return { header: all[0].fields, rows: all.slice(1).map((r) => ({ line: r.line, fields: r.fields.length < width ? [...r.fields, ...Array(width - r.fields.length).fill('')] : r.fields })) };
	}
	const records = parseDelimited(decode(fs.readFileSync(file), entry.encoding), entry.delimiter!);
	const headerIndex = records.findIndex((r) => r.line === entry.header_line);
	return { header: records[headerIndex].fields, rows: records.slice(headerIndex + 1) };
}

export interface JobColumn {
	name: string;
	type: string;
	required: boolean;
	default?: unknown;
	min?: number;
	aliases: string[];
}

export interface JobEntity {
	family: string;
	name: string;
	files: string[];
	key: string[];
	/** Column ordering snapshots of one key (a later one replaces an earlier). */
	version?: string;
	columns: JobColumn[];
}

/** The entities of ingest/*.yml as plain data. */
export function loadJobEntities(): JobEntity[] {
	const dir = path.join(ROOT, 'ingest');
	const entities: JobEntity[] = [];
	for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.yml'))) {
		const job = YAML.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as { family: string; entities: Record<string, { files?: string[]; key?: string[]; version?: string; columns: Record<string, Omit<JobColumn, 'name'>> }> };
		for (const [name, spec] of Object.entries(job.entities)) {
			entities.push({
				family: job.family,
				name,
				files: spec.files ?? [],
				key: spec.key ?? [],
				version: spec.version,
				columns: Object.entries(spec.columns).map(([column, c]) => ({ name: column, type: c.type, required: c.required === true, default: c.default, min: c.min, aliases: c.aliases ?? [] }))
			});
		}
	}
	return entities;
}

/** Case, spaces, punctuation and ё/е do not matter ("Кол-во, шт." = "колвошт"). */
export function normalizeHeader(header: string): string {
	return header.toLowerCase().replaceAll('ё', 'е').replaceAll('#', '№').replace(/[^\p{L}\p{N}№]+/gu, '');
}

/** "1 234,50 руб." / "1 234,50 ₽" / "12,000" / "1234.5" → number; null when it is not a number. */
export function parseNumber(text: string, decimal: string): number | null {
	let t = text.replace(/(руб\.?|₽|грн|\$)/g, '').replace(/[\s\u00a0]/g, '');
	if (decimal === ',') t = t.replace(',', '.');
	if (!/^-?\d+(\.\d+)?$/.test(t)) return null;
	return Number(t);
}

const DATE_PATTERNS: [RegExp, (m: RegExpExecArray) => [number, number, number]][] = [
	[/^(\d{2})\.(\d{2})\.(\d{4})( \d{2}:\d{2}(:\d{2})?)?$/, (m) => [+m[3], +m[2], +m[1]]],
	[/^(\d{4})-(\d{2})-(\d{2})(T\d{2}:\d{2}:\d{2})?$/, (m) => [+m[1], +m[2], +m[3]]],
	[/^(\d{2})\.(\d{4})$/, (m) => [+m[2], +m[1], 1]]
];

/** A date or timestamp in any format the demo writes → UTC day number; null when impossible (31.02). */
export function parseDay(text: string): number | null {
	for (const [pattern, parts] of DATE_PATTERNS) {
		const m = pattern.exec(text);
		if (!m) continue;
		const [y, mo, d] = parts(m);
		const date = new Date(Date.UTC(y, mo - 1, d));
		if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
		return Math.round(date.getTime() / 86_400_000);
	}
	return null;
}

/** Canonical column → index in a header (-1 when absent), computed once per file. */
export function columnIndexes(entity: JobEntity, header: string[]): Map<string, number> {
	return new Map(entity.columns.map((c) => [c.name, columnOf(entity, header, c.name)]));
}

/** Column index of a canonical column in a file, matched by the job's aliases. */
export function columnOf(entity: JobEntity, header: string[], canonical: string): number {
	const column = entity.columns.find((c) => c.name === canonical);
	if (!column) throw new Error(`${entity.name} has no column ${canonical}`);
	const names = new Set([column.name, ...column.aliases].map(normalizeHeader));
	return header.findIndex((h) => names.has(normalizeHeader(h)));
}
