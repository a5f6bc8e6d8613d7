/** Text as the bytes of a single-byte code page (windows-1251, ibm866 …); throws on a character the page lacks. */
const tables = new Map<string, Map<string, number>>();

export function encodeSingleByte(text: string, encoding: string): Buffer {
	let table = tables.get(encoding);
	if (!table) {
		const chars = new TextDecoder(encoding).decode(Uint8Array.from({ length: 256 }, (_, i) => i));
		table = new Map([...chars].map((ch, i) => [ch, i]));
		tables.set(encoding, table);
	}
	const page = table;
	return Buffer.from(
		[...text].map((ch) => {
			const byte = page.get(ch);
			if (byte === undefined) throw new Error(`no ${encoding} byte for «${ch}»`);
			return byte;
		})
	);
}
