import Module, { createRequire } from 'node:module';
import { StringDecoder } from 'node:string_decoder';
import type ExcelJSNamespace from 'exceljs';

/**
 * The one way oborot loads exceljs. exceljs 4.4 decodes each zipped XML chunk on its
 * own (utils/parse-sax.js), so a Cyrillic letter split across two 16 KB chunks becomes
 * «��» (exceljs issues #2084, #2316; fix PRs unmerged). Before exceljs is first
 * required we put a parse-sax into the require cache that decodes with a streaming
 * StringDecoder; everything else in exceljs is untouched.
 */
const require = createRequire(import.meta.url);
const parseSaxPath = require.resolve('exceljs/lib/utils/parse-sax.js');
const readerPath = require.resolve('exceljs/lib/stream/xlsx/workbook-reader.js');

type SaxEvent = { eventType: 'opentag' | 'text' | 'closetag'; value: unknown };

function installUtf8SafeParseSax(): void {
	const cached = require.cache[parseSaxPath];
	if ((cached?.exports as { utf8Safe?: boolean } | undefined)?.utf8Safe) return;
	if (require.cache[readerPath]) {
		throw new Error('exceljs was loaded before src/lib/server/xlsx/exceljs.ts; import ExcelJS from there only');
	}
	const { SaxesParser } = createRequire(parseSaxPath)('saxes') as typeof import('saxes');

	async function* parseSax(iterable: AsyncIterable<Buffer | string>): AsyncGenerator<SaxEvent[]> {
		const parser = new SaxesParser();
		const decoder = new StringDecoder('utf8');
		let error: Error | undefined;
		let events: SaxEvent[] = [];
		parser.on('error', (err) => (error = err));
		parser.on('opentag', (value) => events.push({ eventType: 'opentag', value }));
		parser.on('text', (value) => events.push({ eventType: 'text', value }));
		parser.on('closetag', (value) => events.push({ eventType: 'closetag', value }));
		for await (const chunk of iterable) {
			parser.write(typeof chunk === 'string' ? chunk : decoder.write(chunk));
			if (error) throw error;
			yield events;
			events = [];
		}
		const rest = decoder.end();
		if (rest) {
			parser.write(rest);
			if (error) throw error;
			yield events;
		}
	}
	parseSax.utf8Safe = true;

	const patched = new Module(parseSaxPath);
	patched.filename = parseSaxPath;
	patched.loaded = true;
	patched.exports = parseSax;
	require.cache[parseSaxPath] = patched;
}

installUtf8SafeParseSax();

const ExcelJS = require('exceljs') as typeof ExcelJSNamespace;
export default ExcelJS;
export type { CellValue, Row, Workbook, Worksheet, stream as ExcelStream } from 'exceljs';
