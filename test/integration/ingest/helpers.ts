import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from '../../../src/lib/server/xlsx/exceljs.ts';
import { resolvePaths, type OborotPaths } from '../../../src/lib/server/config/paths.ts';
import { Warehouse } from '../../../src/lib/server/warehouse/index.ts';
import { encodeSingleByte } from '../../helpers/single-byte.ts';

export const repoRoot = path.resolve(import.meta.dirname, '../../..');

export interface Sandbox {
	dir: string;
	paths: OborotPaths;
	warehouse: Warehouse;
	close(): void;
}

/** A fresh OBOROT_HOME with its own warehouse file; the project (ingest/) is the repo's unless given. */
export async function sandbox(project = repoRoot): Promise<Sandbox> {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oborot-ingest-'));
	const paths = resolvePaths({ OBOROT_HOME: path.join(dir, 'home'), OBOROT_PROJECT: project });
	const warehouse = await Warehouse.open(paths.warehouse);
	return {
		dir,
		paths,
		warehouse,
		close() {
			warehouse.close();
			fs.rmSync(dir, { recursive: true, force: true });
		}
	};
}

/** Text as windows-1251 bytes (throws on a character cp1251 does not have). */
export function cp1251(text: string): Buffer {
	return encodeSingleByte(text, 'windows-1251');
}

export function write(dir: string, name: string, content: string | Buffer): string {
	const file = path.join(dir, name);
	fs.mkdirSync(path.dirname(file), { recursive: true });
	fs.writeFileSync(file, content);
	return file;
}

export async function writeXlsx(file: string, sheets: { name: string; rows: unknown[][] }[]): Promise<string> {
	const workbook = new ExcelJS.Workbook();
	for (const sheet of sheets) {
		const ws = workbook.addWorksheet(sheet.name);
		for (const row of sheet.rows) ws.addRow(row);
	}
	await workbook.xlsx.writeFile(file);
	return file;
}

/** A project folder with a copy of the repo's ingest jobs, for tests that add mapping files. */
export function projectCopy(dir: string): string {
	const project = path.join(dir, 'project');
	fs.cpSync(path.join(repoRoot, 'ingest'), path.join(project, 'ingest'), { recursive: true });
	return project;
}
