// The cost limits of issue 14 (finding 2) on the files of the finding: a 1.5M-row XLSX of junk
// customers (~22 MB) and a 1 MB XLSX whose one cell unpacks to 1 GB. Each is previewed (what the
// upload page does first) in a child process — wall time, CPU and peak RSS — with the limits of
// oborot.yml and, as the baseline in the same run, with the row limit lifted (the old behaviour).
import fs from 'node:fs';
import path from 'node:path';
import { resolvePaths } from '../src/lib/server/config/paths.ts';
import { DEFAULT_INGEST_LIMITS, previewFile } from '../src/lib/server/ingest/index.ts';
import ExcelJS from '../src/lib/server/xlsx/exceljs.ts';
import { bombPart, packPart, unzipParts, writeZip } from '../test/helpers/zip-file.ts';
import type { Benchmark, BenchContext } from './lib/context.ts';

const ROWS = Number(process.env.LIMITS_BENCH_ROWS ?? 1_500_000);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

/** A CRM counterparties export of junk: a name and a city, no INN, phone or e-mail. */
async function junkWorkbook(file: string): Promise<void> {
	const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false, useStyles: false });
	const sheet = writer.addWorksheet('Контрагенты');
	sheet.addRow(['Код', 'Наименование', 'ИНН', 'Телефон', 'Город']).commit();
	for (let i = 1; i <= ROWS; i++) sheet.addRow([`J-${i}`, `Клиент ${i}`, null, null, 'Москва']).commit();
	sheet.commit();
	await writer.commit();
}

/** The same workbook as Excel saves it: with <dimension> before the rows (exceljs's streaming writer leaves it out). */
function withDimension(source: string, target: string): void {
	const parts = unzipParts(source).map((part) =>
		packPart(part.name, part.name === 'xl/worksheets/sheet1.xml' ? Buffer.from(part.data.toString('latin1').replace('<sheetData>', `<dimension ref="A1:E${ROWS + 1}"/><sheetData>`), 'latin1') : part.data)
	);
	writeZip(target, parts);
}

function bomb(target: string, base: string): void {
	const open = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>';
	const close = '</t></is></c></row></sheetData></worksheet>';
	writeZip(target, unzipParts(base).map((part) => (part.name === 'xl/worksheets/sheet1.xml' ? bombPart(part.name, open, 'A', 1024, close) : packPart(part.name, part.data))));
}

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

async function preview(ctx: BenchContext, file: string, maxSheetRows: number, maxExpansionRatio: number) {
	const measured = await ctx.measureNode('bin/run-ts.js', ['bench/limits.bench.ts', '--preview', file, String(maxSheetRows), String(maxExpansionRatio), path.join(ctx.workDir, 'home')]);
	const outcome = JSON.parse(measured.stdout.trim().split('\n').at(-1) ?? '{}') as { refused?: string; entity?: string };
	return { seconds: Math.round(measured.seconds * 10) / 10, cpuSeconds: Math.round(measured.cpuSeconds * 10) / 10, peakRssMb: Math.round(measured.maxRssMb), ...outcome };
}

const bench: Benchmark = {
	name: 'limits',
	description: `preview of a ${ROWS.toLocaleString('en-US')}-row junk XLSX and of a 1 GB zip bomb, with the cost limits and without`,
	async run(ctx) {
		const junk = path.join(ctx.workDir, 'junk-customers.xlsx');
		const made = await ctx.time(() => junkWorkbook(junk));
		ctx.log(`wrote ${junk}: ${mb(fs.statSync(junk).size)} MB in ${made.seconds.toFixed(1)} s`);
		const dimensioned = path.join(ctx.workDir, 'junk-customers-excel.xlsx');
		withDimension(junk, dimensioned);
		const bombFile = path.join(ctx.workDir, 'bomb.xlsx');
		bomb(bombFile, dimensioned);
		const lifted = ROWS * 2;
		const limits = DEFAULT_INGEST_LIMITS;
		ctx.log('previewing (each in its own process)…');
		const figures = {
			junkXlsx: { rows: ROWS, megabytes: mb(fs.statSync(junk).size), generationSeconds: Math.round(made.seconds) },
			bombXlsx: { megabytes: mb(fs.statSync(bombFile).size), cellUnpackedMegabytes: 1024 },
			limits: { maxSheetRows: limits.maxSheetRows, maxExpansionRatio: limits.maxExpansionRatio, maxUnpackedMb: mb(limits.maxUnpackedBytes) },
			junkWithoutLimit: await preview(ctx, junk, lifted, limits.maxExpansionRatio),
			junkWithLimitNoDimension: await preview(ctx, junk, limits.maxSheetRows, limits.maxExpansionRatio),
			junkWithLimitExcelDimension: await preview(ctx, dimensioned, limits.maxSheetRows, limits.maxExpansionRatio),
			bombWithLimit: await preview(ctx, bombFile, limits.maxSheetRows, limits.maxExpansionRatio)
		};
		return figures;
	}
};
export default bench;

// Child mode: node bin/run-ts.js bench/limits.bench.ts --preview <file> <max_sheet_rows> <max_expansion_ratio> <home>
if (process.argv[2] === '--preview') {
	const [file, maxSheetRows, maxExpansionRatio, home] = process.argv.slice(3);
	const paths = resolvePaths({ OBOROT_HOME: home, OBOROT_PROJECT: root });
	// the preview call itself, apart from the process's start (module loading is most of a refusal's wall time)
	const rssBeforeMb = Math.round(process.memoryUsage().rss / 2 ** 20);
	const started = performance.now();
	const cpu = process.cpuUsage();
	const spent = () => {
		const used = process.cpuUsage(cpu);
		return { previewSeconds: Math.round(performance.now() - started) / 1000, previewCpuSeconds: Math.round((used.user + used.system) / 1000) / 1000, rssBeforeMb, rssAfterMb: Math.round(process.memoryUsage().rss / 2 ** 20) };
	};
	try {
		const shown = await previewFile(paths, file, { limits: { ...DEFAULT_INGEST_LIMITS, maxSheetRows: Number(maxSheetRows), maxExpansionRatio: Number(maxExpansionRatio) } });
		process.stdout.write(`${JSON.stringify({ ...spent(), entity: `${shown.family}.${shown.entity}` })}\n`);
	} catch (error) {
		process.stdout.write(`${JSON.stringify({ ...spent(), refused: (error as Error).message })}\n`);
	}
}
