// Ingest of a 5-million-line 1C sales export (windows-1251, ';', decimal commas) by
// `oborot ingest`, against DuckDB's own read_csv of the same rows as UTF-8 with '.'
// decimals (create table as select * from read_csv), measured in the same run.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import type { Benchmark, BenchContext } from './lib/context.ts';

const ROWS = Number(process.env.INGEST_BENCH_ROWS ?? 5_000_000);
const HEADER = 'Документ;№;Дата;Контрагент;ИНН;Артикул;Номенклатура;Количество;Цена;Сумма;Себестоимость;Менеджер;Склад';

const CUSTOMERS = Array.from({ length: 500 }, (_, i) => `${['ООО', 'ИП', 'АО', 'ЗАО'][i % 4]} ${['Альфа', 'Вектор', 'Север', 'Техноторг', 'Уют', 'Климат-Сервис'][i % 6]} ${i + 1}`);
const PRODUCTS = Array.from({ length: 300 }, (_, i) => `${['Обогреватель масляный', 'Вентилятор напольный', 'Кондиционер сплит', 'Тепловая завеса', 'Увлажнитель воздуха'][i % 5]} модель ${100 + i}`);
const MANAGERS = ['Иванов И.И.', 'Петрова А.С.', 'Сидоров П.П.', 'Кузнецова Е.В.', 'Смирнов Д.А.', 'Попова О.Н.', 'Васильев К.Ю.', 'Новикова М.Р.'];
const WAREHOUSES = ['Основной склад', 'Склад Север', 'Склад Юг'];

/** windows-1251 byte of every UTF-16 code unit the generator uses. */
const CP1251 = (() => {
	const table = new Uint8Array(0x10000).fill(0x3f);
	const chars = new TextDecoder('windows-1251').decode(Uint8Array.from({ length: 256 }, (_, i) => i));
	for (let i = 0; i < 256; i++) table[chars.charCodeAt(i)] = i;
	return table;
})();

function encodeCp1251(text: string): Buffer {
	const out = Buffer.allocUnsafe(text.length);
	for (let i = 0; i < text.length; i++) out[i] = CP1251[text.charCodeAt(i)];
	return out;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const money = (kopecks: number, mark: string) => `${Math.floor(kopecks / 100)}${mark}${pad(kopecks % 100)}`;

/** Four lines per document, three years of days, realistic spread of customers and SKUs. */
function row(i: number, mark: string): string {
	const doc = Math.floor(i / 4);
	const day = new Date(Date.UTC(2022, 0, 1) + Math.floor((doc * 1096) / (ROWS / 4)) * 86_400_000);
	const customer = (doc * 2654435761) % 500;
	const sku = (i * 7919) % 300;
	const qty = 1 + ((i * 31) % 20);
	const price = 10_000 + ((sku * 3700) % 500_000) + (i % 100);
	const amount = qty * price;
	const cost = Math.round(amount * 0.68);
	return [
		`РТУ-${pad(doc + 1, 8)}`,
		(i % 4) + 1,
		`${pad(day.getUTCDate())}.${pad(day.getUTCMonth() + 1)}.${day.getUTCFullYear()}`,
		CUSTOMERS[customer],
		`77${pad(1_000_000 + customer * 1789, 8)}`,
		`SKU-${pad(sku, 5)}`,
		PRODUCTS[sku],
		qty,
		money(price, mark),
		money(amount, mark),
		money(cost, mark),
		MANAGERS[customer % 8],
		WAREHOUSES[sku % 3]
	].join(';');
}

/** Both files in one streaming pass, 50,000 lines per write. */
function generate(cp1251File: string, utf8File: string): void {
	const a = fs.openSync(cp1251File, 'w');
	const b = fs.openSync(utf8File, 'w');
	fs.writeSync(a, encodeCp1251(`${HEADER}\r\n`));
	fs.writeSync(b, `${HEADER}\n`);
	for (let start = 0; start < ROWS; start += 50_000) {
		const comma: string[] = [];
		const dot: string[] = [];
		for (let i = start; i < Math.min(ROWS, start + 50_000); i++) {
			comma.push(row(i, ','));
			dot.push(row(i, '.'));
		}
		fs.writeSync(a, encodeCp1251(`${comma.join('\r\n')}\r\n`));
		fs.writeSync(b, `${dot.join('\n')}\n`);
	}
	fs.closeSync(a);
	fs.closeSync(b);
}

/**
 * The baseline in its own process, measured like ours (wall time and peak RSS of the
 * whole process): this file run as `bench/ingest.bench.ts --raw-duckdb <csv> <db>`.
 */
async function rawDuckDbChild(utf8File: string, dbFile: string): Promise<void> {
	for (const f of [dbFile, `${dbFile}.wal`]) fs.rmSync(f, { force: true });
	const instance = await DuckDBInstance.create(dbFile);
	const connection = await instance.connect();
	const started = performance.now();
	await connection.run(`create table sales as select * from read_csv('${utf8File.replaceAll("'", "''")}')`);
	const seconds = (performance.now() - started) / 1000;
	const count = Number((await connection.runAndReadAll('select count(*) from sales')).getRows()[0][0]);
	connection.closeSync();
	instance.closeSync();
	for (const f of [dbFile, `${dbFile}.wal`]) fs.rmSync(f, { force: true });
	const cpu = process.cpuUsage();
	process.stdout.write(`__RAW__ ${JSON.stringify({ seconds, count, cpuSeconds: (cpu.user + cpu.system) / 1e6 })}\n`);
}

if (process.argv[2] === '--raw-duckdb') await rawDuckDbChild(process.argv[3], process.argv[4]);

async function rawDuckDb(ctx: BenchContext, utf8File: string, dbFile: string) {
	const measured = await ctx.measureNode('bin/run-ts.js', ['bench/ingest.bench.ts', '--raw-duckdb', utf8File, dbFile]);
	const inner = /__RAW__ (\{.*\})/.exec(measured.stdout);
	if (measured.exitCode !== 0 || !inner) throw new Error(`raw DuckDB run failed: ${measured.stderr.slice(-2000)}`);
	const { seconds, count, cpuSeconds } = JSON.parse(inner[1]) as { seconds: number; count: number; cpuSeconds: number };
	if (count !== ROWS) throw new Error(`raw DuckDB read ${count} rows, expected ${ROWS}`);
	return { processSeconds: measured.seconds, statementSeconds: seconds, cpuSeconds, maxRssMb: measured.maxRssMb };
}

/** "stages: decode 1.20s · decode_cpu 0.90s · …" → wall seconds and CPU seconds per stage. */
function stages(stdout: string): { wall: Record<string, number>; cpu: Record<string, number> } {
	const line = /stages: (.*)$/m.exec(stdout)?.[1] ?? '';
	const all = [...line.matchAll(/([a-z_]+) ([0-9.]+)s/g)].map((m) => [m[1], Number(m[2])] as const);
	return {
		wall: Object.fromEntries(all.filter(([name]) => !name.endsWith('_cpu') && name !== 'cpu')),
		cpu: Object.fromEntries(all.filter(([name]) => name.endsWith('_cpu')).map(([name, v]) => [name.slice(0, -4), v]))
	};
}

const bench: Benchmark = {
	name: 'ingest',
	description: `oborot ingest of a ${ROWS.toLocaleString('en-US')}-line 1C sales export (cp1251, ';', decimal comma) vs DuckDB read_csv of the same rows in UTF-8`,
	async run(ctx) {
		const root = path.resolve(ctx.workDir, '../../..');
		const cp1251File = path.join(ctx.workDir, 'sales-1c-cp1251.csv');
		const utf8File = path.join(ctx.workDir, 'sales-utf8-dot.csv');
		const generated = await ctx.time(async () => generate(cp1251File, utf8File));
		ctx.log(`generated ${ROWS} rows in ${generated.seconds.toFixed(1)}s: ${(fs.statSync(cp1251File).size / 2 ** 20).toFixed(0)} MB cp1251, ${(fs.statSync(utf8File).size / 2 ** 20).toFixed(0)} MB utf-8`);

		const rawBefore = await rawDuckDb(ctx, utf8File, path.join(ctx.workDir, 'raw-before.duckdb'));
		ctx.log(`raw DuckDB read_csv: ${rawBefore.processSeconds.toFixed(2)}s (statement ${rawBefore.statementSeconds.toFixed(2)}s)`);
		const home = path.join(ctx.workDir, 'home');
		const ours = await ctx.measureNode('bin/oborot.js', ['ingest', cp1251File, '--verbose'], { OBOROT_HOME: home, OBOROT_PROJECT: root });
		if (ours.exitCode !== 0) throw new Error(`oborot ingest failed: ${ours.stderr.slice(-2000)}`);
		const counts = /read ([\d,]+) · loaded ([\d,]+) · rejected ([\d,]+)/.exec(ours.stdout);
		const [read, loaded, rejected] = (counts?.slice(1) ?? []).map((n) => Number(n.replaceAll(',', '')));
		if (loaded !== ROWS) throw new Error(`oborot ingest loaded ${loaded} of ${ROWS} rows: ${ours.stdout}`);
		const oursCpu = Number(/process cpu ([0-9.]+)s/.exec(ours.stdout)?.[1] ?? NaN);
		ctx.log(`oborot ingest: ${ours.seconds.toFixed(2)}s, cpu ${oursCpu}s, peak RSS ${ours.maxRssMb.toFixed(0)} MB`);
		const rawAfter = await rawDuckDb(ctx, utf8File, path.join(ctx.workDir, 'raw-after.duckdb'));
		ctx.log(`raw DuckDB read_csv again: ${rawAfter.processSeconds.toFixed(2)}s`);
		const rawSeconds = (rawBefore.processSeconds + rawAfter.processSeconds) / 2;
		const rawCpu = (rawBefore.cpuSeconds + rawAfter.cpuSeconds) / 2;

		const figures = {
			rows: ROWS,
			cp1251Mb: Math.round(fs.statSync(cp1251File).size / 2 ** 20),
			oursSeconds: Number(ours.seconds.toFixed(2)),
			oursCpuSeconds: oursCpu,
			oursRowsPerSecond: Math.round(ROWS / ours.seconds),
			oursPeakRssMb: Math.round(ours.maxRssMb),
			oursRead: read,
			oursLoaded: loaded,
			oursRejected: rejected,
			oursStagesSeconds: stages(ours.stdout).wall,
			oursStagesCpuSeconds: stages(ours.stdout).cpu,
			rawDuckDbSeconds: Number(rawSeconds.toFixed(2)),
			rawDuckDbSecondsEach: [rawBefore.processSeconds, rawAfter.processSeconds].map((s) => Number(s.toFixed(2))),
			rawDuckDbStatementSeconds: [rawBefore.statementSeconds, rawAfter.statementSeconds].map((s) => Number(s.toFixed(2))),
			rawDuckDbCpuSeconds: Number(rawCpu.toFixed(2)),
			rawDuckDbPeakRssMb: Math.round(Math.max(rawBefore.maxRssMb, rawAfter.maxRssMb)),
			rawDuckDbRowsPerSecond: Math.round(ROWS / rawSeconds),
			ratioOursToRaw: Number((rawSeconds / ours.seconds).toFixed(3)),
			ratioOursToRawCpu: Number((rawCpu / oursCpu).toFixed(3)),
			loadAverageAtEnd: Number(os.loadavg()[0].toFixed(1))
		};
		for (const f of [cp1251File, utf8File]) fs.rmSync(f, { force: true });
		fs.rmSync(home, { recursive: true, force: true });
		return figures;
	}
};

export default bench;
