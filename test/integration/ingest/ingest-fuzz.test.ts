import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Rng } from '../../../src/lib/server/demo/random.ts';
import { DEFAULT_INGEST_LIMITS, ensureRawTables, ingestFiles, loadJobs, type FileResult, type IngestLimits } from '../../../src/lib/server/ingest/index.ts';
import { cp1251, sandbox, writeXlsx, type Sandbox } from './helpers.ts';

/**
 * Fuzzing ingest with generated and mutated files, deterministic by seed: CSV sales lines
 * (utf-8 or windows-1251, ; , or tab), XLSX sheets and 1CClientBankExchange statements,
 * each with good rows and bad rows of known kinds, and byte-level mutations of them.
 * Properties: ingest never throws and never takes the process down; a loaded file has
 * read = loaded + rejected, exactly its bad rows in quarantine and every good row in raw;
 * a failed file leaves nothing in raw or quarantine. A failing case names its seed:
 * FUZZ_SEED=<seed> FUZZ_CASES=1 reruns just it; FUZZ_CASES sets how many cases run.
 */

const CASES = Number(process.env.FUZZ_CASES ?? 30);
const FIRST_SEED = Number(process.env.FUZZ_SEED ?? 20261208);
// a lowered line limit, so over-long lines are cheap to make
const LIMITS: IngestLimits = { ...DEFAULT_INGEST_LIMITS, maxLineBytes: 64 * 1024 };

type Kind = 'csv' | 'xlsx' | 'bank';
interface Generated {
	name: string;
	bytes?: Buffer;
	/** XLSX rows (written with exceljs). */
	sheet?: unknown[][];
	/** Document numbers of the good rows; null after a mutation (nothing is known about them). */
	good: string[] | null;
	bad: number;
	table: string;
}

const CUSTOMERS = ['ООО «Альфа»', 'ИП Борисов', 'АО "Север"', 'Вектор, ООО', 'ТОВ Світанок'];

/** A sales line: good, or broken in one of the ways exports break. */
function salesRow(rng: Rng, doc: string, broken: string | null): string[] {
	const qty = rng.intBetween(-3, 40);
	const price = rng.intBetween(1, 99999) / 100;
	const row = [doc, '1', `${String(rng.intBetween(1, 28)).padStart(2, '0')}.0${rng.intBetween(1, 9)}.2024`, rng.pick(CUSTOMERS), `SKU-${rng.int(50)}`, String(qty), price.toFixed(2).replace('.', ','), (qty * price).toFixed(2).replace('.', ',')];
	switch (broken) {
		case 'date':
			row[2] = rng.pick(['32.13.2024', '2024/31/31', 'вчера', '00.00.0000']);
			break;
		case 'number':
			row[5] = rng.pick(['два', '12abc', 'x7']);
			break;
		case 'key':
			row[0] = '';
			break;
		case 'extra':
			row.push('лишнее');
			break;
		case 'short':
			row.splice(4);
			break;
		case 'long':
			row[3] = 'Я'.repeat(40 * 1024);
			break;
	}
	return row;
}

const BAD_KINDS = ['date', 'number', 'key', 'extra', 'short', 'long'];

function salesCase(rng: Rng, id: string, kind: 'csv' | 'xlsx'): Generated {
	const goodCount = rng.intBetween(1, 30);
	const badCount = rng.intBetween(0, 8);
	const rows: { doc: string; broken: string | null }[] = [
		...Array.from({ length: goodCount }, (_, i) => ({ doc: `${id}-g${i}`, broken: null })),
		// a field count is a line's, not a cell's: a sheet row with an extra cell or a short one is read as it is
		...Array.from({ length: badCount }, (_, i) => ({ doc: `${id}-b${i}`, broken: rng.pick(kind === 'xlsx' ? ['date', 'number', 'key'] : BAD_KINDS) }))
	];
	for (let i = rows.length - 1; i > 0; i--) {
		const j = rng.int(i + 1);
		[rows[i], rows[j]] = [rows[j], rows[i]];
	}
	const header = ['Документ', '№', 'Дата', 'Контрагент', 'Артикул', 'Количество', 'Цена', 'Сумма'];
	const lines = rows.map((r) => salesRow(rng, r.doc, r.broken));
	const expected = { good: rows.filter((r) => !r.broken).map((r) => r.doc), bad: badCount, table: 'accounting_sales' };
	if (kind === 'xlsx') return { name: `${id}.xlsx`, sheet: [header, ...lines], ...expected };
	const delimiter = rng.pick([';', '\t', '|']);
	// line ends as exports have them: LF, CRLF, CR, a last line ending otherwise (a file edited by hand), or none
	const text = [header, ...lines].map((cells) => cells.join(delimiter)).join(rng.pick(['\n', '\r\n', '\r\n', '\r'])) + rng.pick(['\n', '\r\n', '']);
	const bytes = rng.chance(0.5) ? cp1251(text) : Buffer.from(text);
	return { name: `${id}.csv`, bytes, ...expected };
}

function bankCase(rng: Rng, id: string): Generated {
	const ours = '40702810955000012345';
	const goodCount = rng.intBetween(1, 15);
	const badCount = rng.intBetween(0, 4);
	const docs: string[] = [];
	const good: string[] = [];
	for (let i = 0; i < goodCount + badCount; i++) {
		const bad = i >= goodCount;
		const doc = `${id.replace(/\D/g, '')}${i}`;
		if (!bad) good.push(doc);
		const amount = bad && rng.chance(0.5) ? 'сто рублей' : (rng.intBetween(100, 9_999_900) / 100).toFixed(2);
		const lines = [
			'СекцияДокумент=Платежное поручение',
			...(bad && amount !== 'сто рублей' ? [] : [`Номер=${doc}`]),
			`Дата=${String(rng.intBetween(1, 28)).padStart(2, '0')}.03.2024`,
			`Сумма=${amount}`,
			'ПлательщикСчет=40702810400000001111',
			`ПлательщикИНН=77${rng.intBetween(10_000_000, 99_999_999)}`,
			`Плательщик1=${rng.pick(CUSTOMERS)}`,
			`ПолучательСчет=${ours}`,
			'ПолучательИНН=7812345675',
			'Получатель1=ООО "Ромашка-Трейд"',
			'ДатаПоступило=05.03.2024',
			`НазначениеПлатежа=Оплата по счету № ${rng.int(900)}`,
			'КонецДокумента'
		];
		docs.push(...lines);
	}
	const text = [
		'1CClientBankExchange',
		'ВерсияФормата=1.03',
		'Кодировка=Windows',
		'ДатаНачала=01.03.2024',
		'ДатаКонца=31.03.2024',
		`РасчСчет=${ours}`,
		...docs,
		'КонецФайла'
	].join('\r\n');
	return { name: `${id}.txt`, bytes: cp1251(`${text}\r\n`), good, bad: badCount, table: 'payments_bank_payments' };
}

/** Byte-level damage: flips, cuts, repeats, stray bytes, truncation. */
function mutate(rng: Rng, bytes: Buffer): Buffer {
	let out = Buffer.from(bytes);
	const times = rng.intBetween(1, 6);
	for (let n = 0; n < times && out.length > 1; n++) {
		const at = rng.int(out.length);
		const span = rng.intBetween(1, Math.min(64, out.length - at));
		switch (rng.int(6)) {
			case 0:
				out[at] = rng.int(256);
				break;
			case 1:
				out = Buffer.concat([out.subarray(0, at), out.subarray(at + span)]);
				break;
			case 2:
				out = Buffer.concat([out.subarray(0, at + span), out.subarray(at, at + span), out.subarray(at + span)]);
				break;
			case 3:
				out = Buffer.concat([out.subarray(0, at), Buffer.from(rng.pick(['"', ';', '\n', '\r', '\0', '\uFFFD', 'КонецФайла\r\n', '""'])), out.subarray(at)]);
				break;
			case 4:
				out = out.subarray(0, Math.max(1, at));
				break;
			default:
				out[at] = rng.pick([0x22, 0x3b, 0x0a, 0x2c, 0x09, 0x98, 0xff]);
		}
	}
	return out;
}

let box: Sandbox;
beforeAll(async () => {
	box = await sandbox();
	await ensureRawTables(box.warehouse, loadJobs(box.paths.ingestJobs));
});
afterAll(() => box?.close());

async function count(sql: string, params: unknown[] = []): Promise<number> {
	const rows = await box.warehouse.query<{ n: number }>(sql, params as never);
	return Number(rows[0].n);
}

/** The properties every ingest must keep, whatever the file. */
async function check(result: FileResult, generated: Generated, before: Record<string, number>): Promise<void> {
	expect(['loaded', 'failed', 'skipped']).toContain(result.status);
	if (result.status === 'skipped') return;
	const fileId = result.fileId!;
	expect(fileId).toBeTypeOf('number');
	const quarantined = await count('select count(*)::int as n from audit.rejected_rows where file_id = $1', [fileId]);
	if (result.status === 'failed') {
		// a broken file never half-loads: nothing of it anywhere, every raw table as it was
		expect(quarantined).toBe(0);
		for (const [table, n] of Object.entries(before)) expect(await count(`select count(*)::int as n from raw.${table}`), table).toBe(n);
		return;
	}
	expect(result.read).toBe(result.loaded + result.rejected);
	expect(quarantined).toBe(result.rejected);
	const [audit] = await box.warehouse.query<{ rows_read: number; rows_loaded: number; rows_rejected: number }>(
		'select rows_read, rows_loaded, rows_rejected from audit.files where file_id = $1',
		[fileId]
	);
	expect(audit).toEqual({ rows_read: result.read, rows_loaded: result.loaded, rows_rejected: result.rejected });
	const table = `raw.${result.family}_${result.entity}`;
	expect(await count(`select count(*)::int as n from ${table} where _file_id = $1`, [fileId])).toBe(result.loaded);
	if (generated.good && `${result.family}_${result.entity}` === generated.table) {
		const loaded = await box.warehouse.query<{ doc_no: string }>(`select doc_no from ${table} where _file_id = $1`, [fileId]);
		expect(loaded.map((r) => r.doc_no).sort()).toEqual([...generated.good].sort());
		expect(result.rejected).toBe(generated.bad);
	}
}

describe('ingest fuzzing', () => {
	it(`${CASES} generated and mutated files from seed ${FIRST_SEED}: no crash, read = loaded + rejected, good rows loaded, broken files leave nothing`, async () => {
		const tally: Record<string, number> = {};
		for (let n = 0; n < CASES; n++) {
			const seed = FIRST_SEED + n;
			const rng = new Rng(seed);
			const kind: Kind = rng.pick(['csv', 'csv', 'csv', 'xlsx', 'bank']);
			const id = `F${seed}`;
			const generated = kind === 'bank' ? bankCase(rng, id) : salesCase(rng, id, kind);
			const file = path.join(box.dir, 'fuzz', generated.name);
			fs.mkdirSync(path.dirname(file), { recursive: true });
			if (generated.sheet) await writeXlsx(file, [{ name: 'Продажи', rows: generated.sheet }]);
			else fs.writeFileSync(file, generated.bytes!);
			const mutated = rng.chance(0.35);
			if (mutated) {
				fs.writeFileSync(file, mutate(rng, fs.readFileSync(file)));
				generated.good = null;
			}
			const before = Object.fromEntries(
				await Promise.all(['accounting_sales', 'payments_bank_payments'].map(async (t) => [t, await count(`select count(*)::int as n from raw.${t}`)] as const))
			);
			const label = `fuzz case seed=${seed} (${kind}${mutated ? ', mutated' : ''}): FUZZ_SEED=${seed} FUZZ_CASES=1 reruns it`;
			let result: FileResult;
			try {
				[result] = await ingestFiles(box.warehouse, box.paths, [file], { limits: LIMITS });
				await check(result, generated, before);
			} catch (error) {
				(error as Error).message = `${label}\n${(error as Error).message}`;
				throw error;
			}
			if (process.env.FUZZ_VERBOSE) console.log(seed, kind, mutated, result.status, result.message?.slice(0, 300));
			if (process.env.FUZZ_KEEP && result.status === "failed") fs.copyFileSync(file, path.join(process.env.FUZZ_KEEP, generated.name));
			const key = `${kind}${mutated ? ' mutated' : ''} ${result.status}`;
			tally[key] = (tally[key] ?? 0) + 1;
			fs.rmSync(file, { force: true });
		}
		console.log(`ingest fuzzing, ${CASES} cases from seed ${FIRST_SEED}:`, tally);
	}, 600_000);
});
