import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { resolvePaths, type OborotPaths } from '../config/paths.ts';
import { JobSpecError, loadJobs } from './job-spec.ts';
import { MappingError } from './mapping-choice.ts';
import { deleteSavedMapping, listSavedMappings, loadSavedMappings, mappingId, saveMapping, savedMappingsDir } from './saved-mappings.ts';

const jobs = loadJobs(path.resolve('ingest'));
const dirs: string[] = [];
function home(): OborotPaths {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oborot-mappings-'));
	dirs.push(dir);
	return resolvePaths({ OBOROT_HOME: dir, OBOROT_PROJECT: path.resolve('.') });
}
afterEach(() => {
	for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

const HEADER = ['Дата', 'Номер', 'Количество', 'Сумма', 'Примечание'];
const COLUMNS = { Дата: 'date', Номер: 'doc_no', Количество: 'qty', Сумма: 'amount' };
const input = (name: string, columns: Record<string, string> = COLUMNS, header = HEADER) => ({ name, entity: 'accounting.sales', header, columns, savedBy: 'anna', savedAt: new Date('2026-02-01T10:00:00Z') });

describe('saved mappings', () => {
	it('writes one YAML file per mapping in <home>/mappings that loads back as it was saved', () => {
		const paths = home();
		const { mapping, replaced } = saveMapping(paths, jobs, input('  Продажи: список  '));
		expect(replaced).toEqual([]);
		expect(mapping).toMatchObject({ id: 'продажи-список', name: 'Продажи: список', family: 'accounting', entity: 'sales', header: HEADER, columns: COLUMNS, savedBy: 'anna', savedAt: '2026-02-01T10:00:00.000Z' });
		const text = fs.readFileSync(path.join(savedMappingsDir(paths), 'продажи-список.yml'), 'utf8');
		expect(text).toContain('header: [ Дата, Номер, Количество, Сумма, Примечание ]');
		expect(text).toContain('entity: accounting.sales');
		expect(loadSavedMappings(paths, jobs)).toEqual([mapping]);
		// the folder is the installation's data: only the server's user reads it
		expect(fs.statSync(savedMappingsDir(paths)).mode & 0o777).toBe(0o700);
	});

	it('keeps one mapping per header: saving another name for the same header replaces the first', () => {
		const paths = home();
		saveMapping(paths, jobs, input('Первое'));
		// trailing empty header cells are not part of the header
		const second = saveMapping(paths, jobs, input('Второе', COLUMNS, [...HEADER, '', '']));
		expect(second.replaced).toEqual(['Первое']);
		expect(second.mapping.header).toEqual(HEADER);
		expect(loadSavedMappings(paths, jobs).map((m) => m.name)).toEqual(['Второе']);
	});

	it('refuses an incomplete mapping, a header the file does not have, and a name without letters', () => {
		const paths = home();
		expect(() => saveMapping(paths, jobs, input('Без суммы', { Дата: 'date', Номер: 'doc_no', Количество: 'qty' }))).toThrow(
			new MappingError('mapping_incomplete', 'the mapping leaves out columns accounting.sales needs: amount (Amount); map a column of the file to each')
		);
		expect(() => saveMapping(paths, jobs, input('Чужой', { ...COLUMNS, Склад: 'warehouse' }))).toThrow("«Склад» is not a column of the file's header");
		expect(() => saveMapping(paths, jobs, input('—'))).toThrow('give the mapping a name with at least one letter or digit');
		expect(fs.existsSync(savedMappingsDir(paths))).toBe(false);
	});

	it('lists a broken file apart (so it can be deleted) while ingest refuses to guess past it', () => {
		const paths = home();
		saveMapping(paths, jobs, input('Хорошее'));
		fs.writeFileSync(path.join(savedMappingsDir(paths), 'сломанное.yml'), 'name: x\nentity: accounting.sales\nheader: [A]\ncolumns: { A: nope }\n');
		const listed = listSavedMappings(paths, jobs);
		expect(listed.mappings.map((m) => m.name)).toEqual(['Хорошее']);
		expect(listed.broken).toEqual([{ id: 'сломанное', problem: expect.stringContaining('«nope» is not a column of accounting.sales') }]);
		expect(() => loadSavedMappings(paths, jobs)).toThrow(JobSpecError);
		expect(deleteSavedMapping(paths, 'сломанное')).toBe(true);
		expect(loadSavedMappings(paths, jobs).map((m) => m.name)).toEqual(['Хорошее']);
	});

	it('deletes by id only inside the folder', () => {
		const paths = home();
		saveMapping(paths, jobs, input('Хорошее'));
		expect(deleteSavedMapping(paths, '../warehouse')).toBe(false);
		expect(deleteSavedMapping(paths, 'нет-такого')).toBe(false);
		expect(deleteSavedMapping(paths, mappingId('ХОРОШЕЕ'))).toBe(true);
		expect(listSavedMappings(paths, jobs).mappings).toEqual([]);
	});
});

describe('a saved mapping moved into the project', () => {
	it('reads as an ingest/mappings file: its columns become aliases of the entity', () => {
		const paths = home();
		const { mapping } = saveMapping(paths, jobs, input('Продажи', { ...COLUMNS, Примечание: 'channel' }));
		const project = fs.mkdtempSync(path.join(os.tmpdir(), 'oborot-project-'));
		dirs.push(project);
		fs.cpSync(path.resolve('ingest'), path.join(project, 'ingest'), { recursive: true });
		fs.mkdirSync(path.join(project, 'ingest', 'mappings'), { recursive: true });
		fs.copyFileSync(mapping.file, path.join(project, 'ingest', 'mappings', 'продажи.yml'));
		const sales = loadJobs(path.join(project, 'ingest')).find((j) => j.family === 'accounting')?.entities.find((e) => e.name === 'sales');
		expect(sales?.mappings).toEqual([expect.objectContaining({ family: 'accounting', entity: 'sales', columns: { ...COLUMNS, Примечание: 'channel' } })]);
	});
});
