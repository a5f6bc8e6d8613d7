/**
 * What a segment may be called. Names go into URLs (/api/segments/<name>) and download
 * file names, so a name is refused when a URL would lose it ('.', '..': browsers
 * normalise them away, and the segment could never be opened, exported or deleted),
 * when a route under /api/segments owns it, or when it hides characters that change
 * how it reads (a right-to-left override turns «Счёт‮fdp.exe» into «Счётexe.pdf»).
 */
export type SegmentNameProblem = 'empty' | 'too_long' | 'slash' | 'invisible' | 'dots' | 'reserved';

export const SEGMENT_NAME_MAX = 80;

/** Paths under /api/segments that are not segments. */
const RESERVED = new Set(['choices', 'preview']);

// Cc control, Cf format (bidi overrides and isolates, zero-width characters, soft hyphen),
// Cs half a surrogate pair, Zl/Zp line and paragraph separators.
export const INVISIBLE_CHARACTERS = /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]/u;

/** Why this (trimmed) name cannot be a segment's, or null when it can. */
export function segmentNameProblem(name: string): SegmentNameProblem | null {
	if (!name) return 'empty';
	if (name.length > SEGMENT_NAME_MAX) return 'too_long';
	if (/[/\\]/.test(name)) return 'slash';
	if (INVISIBLE_CHARACTERS.test(name)) return 'invisible';
	if (/^\.+$/.test(name)) return 'dots';
	if (RESERVED.has(name.toLowerCase())) return 'reserved';
	return null;
}

const MESSAGES: Record<SegmentNameProblem, { ru: string; en: string }> = {
	empty: { ru: 'Дайте сегменту название.', en: 'give the segment a name' },
	too_long: { ru: `Название — не длиннее ${SEGMENT_NAME_MAX} символов.`, en: `a name of at most ${SEGMENT_NAME_MAX} characters` },
	slash: { ru: 'В названии не должно быть косой черты «/» или «\\».', en: 'a name without slashes' },
	invisible: {
		ru: 'В названии есть невидимые или управляющие символы (например, смена направления текста): уберите их.',
		en: 'the name contains invisible or control characters (such as a text direction override): remove them'
	},
	dots: { ru: 'Название не может состоять из одних точек.', en: 'a name cannot be only dots' },
	reserved: { ru: '«{name}» — служебное слово, выберите другое название.', en: '«{name}» is a reserved word: choose another name' }
};

export function segmentNameMessage(problem: SegmentNameProblem, name: string, locale: 'ru' | 'en'): string {
	return MESSAGES[problem][locale].replace('{name}', name);
}
