import { AsyncLocalStorage } from 'node:async_hooks';
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

/**
 * Watches the XML as it unpacks, whatever the zip declared: every part exceljs reads (sheets,
 * shared strings, styles) passes through parseSax. `onChunk` may throw to stop the read.
 */
export interface XmlWatch {
	/** `partBytes`: unpacked so far in this part; `quietBytes`: since the parser last saw a tag (one text run). */
	onChunk(chunkBytes: number, partBytes: number, quietBytes: number): void;
}

const watches = new AsyncLocalStorage<XmlWatch>();

/** Runs `work` (an exceljs read) with every XML chunk it unpacks reported to `watch`. */
export function watchXml<T>(watch: XmlWatch, work: () => Promise<T>): Promise<T> {
	return watches.run(watch, work);
}

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
		const watch = watches.getStore();
		let partBytes = 0;
		let quietBytes = 0;
		let error: Error | undefined;
		let events: SaxEvent[] = [];
		parser.on('error', (err) => (error = err));
		parser.on('opentag', (value) => events.push({ eventType: 'opentag', value }));
		parser.on('text', (value) => events.push({ eventType: 'text', value }));
		parser.on('closetag', (value) => events.push({ eventType: 'closetag', value }));
		for await (const chunk of iterable) {
			parser.write(typeof chunk === 'string' ? chunk : decoder.write(chunk));
			if (error) throw error;
			if (watch) {
				partBytes += chunk.length;
				// a chunk with no tag in it continues one text run (a giant cell): saxes holds all of it
				quietBytes = events.length === 0 ? quietBytes + chunk.length : 0;
				watch.onChunk(chunk.length, partBytes, quietBytes);
			}
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
