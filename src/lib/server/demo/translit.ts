const MAP: Record<string, string> = {
	а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'yo', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k', л: 'l', м: 'm',
	н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch',
	ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya', і: 'i', ї: 'yi', є: 'ye', ґ: 'g'
};

/** Per UTF-16 code unit: its Latin spelling ('' to drop it); built once. */
const TABLE: string[] = (() => {
	const table = new Array<string>(0x500).fill('');
	for (const [ch, latin] of Object.entries(MAP)) table[ch.charCodeAt(0)] = latin;
	for (const ch of 'abcdefghijklmnopqrstuvwxyz0123456789') table[ch.charCodeAt(0)] = ch;
	table[32] = '-';
	table[45] = '-';
	return table;
})();

/** Cyrillic → Latin for e-mail addresses and domains ("Альфа-Сервис" → "alfa-servis"). */
export function translit(text: string): string {
	const lower = text.toLowerCase();
	let out = '';
	let dash = true;
	for (let i = 0; i < lower.length; i++) {
		const code = lower.charCodeAt(i);
		const latin = code < TABLE.length ? TABLE[code] : '';
		if (latin === '-') {
			if (!dash) out += '-';
			dash = true;
		} else if (latin) {
			out += latin;
			dash = false;
		}
	}
	return dash && out.endsWith('-') ? out.slice(0, -1) : out;
}
