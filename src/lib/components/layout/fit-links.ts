/**
 * How many links, in order, fit on the top bar's row (widths in px, `gap` between
 * neighbours). When not all fit, room is kept for the «Ещё» button that holds the rest,
 * so the answer may be smaller than what would fit without it.
 */
export function linksThatFit(widths: number[], available: number, gap: number, moreWidth: number): number {
	const all = widths.reduce((sum, w) => sum + w, 0) + gap * Math.max(0, widths.length - 1);
	if (all <= available) return widths.length;
	let used = moreWidth;
	let count = 0;
	for (const width of widths) {
		used += width + gap;
		if (used > available) break;
		count++;
	}
	return count;
}

/** Up to two letters for the user button: the initials of a full name, or a word's first two letters. */
export function initials(displayName: string): string {
	const words = displayName
		.replace(/\([^)]*\)/g, ' ')
		.split(/[\s.]+/)
		.filter((w) => /\p{L}/u.test(w));
	if (words.length === 0) return '?';
	if (words.length === 1) return words[0].slice(0, 2).replace(/^./, (c) => c.toUpperCase());
	return (words[0][0] + words[1][0]).toUpperCase();
}
