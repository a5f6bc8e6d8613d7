/**
 * Spreadsheet formula injection (OWASP «CSV Injection»): a text cell that starts with
 * = + - @, a tab, a carriage return or a line feed may be run as a formula by Excel,
 * LibreOffice or Google Sheets. Such cells get a leading apostrophe, which every
 * spreadsheet shows as text. Applied to every text cell of CSV and XLSX exports alike,
 * phones included: «+79161234567» is written «'+79161234567» (the marketer sees the
 * apostrophe in the cell; the digits are intact). Numbers stay numbers: a negative
 * revenue is a number cell, not text, and cannot be a formula.
 */
const FORMULA_START = /^[=+\-@\t\r\n]/;

export function escapeFormula(text: string): string {
	return FORMULA_START.test(text) ? `'${text}` : text;
}

/** A cell value as exported: text escaped, numbers and empties as they are. */
export function safeCell(value: unknown): string | number | null {
	if (value === null || value === undefined) return null;
	if (typeof value === 'number') return Number.isFinite(value) ? value : null;
	if (typeof value === 'boolean') return value ? 'true' : 'false';
	return escapeFormula(typeof value === 'object' ? JSON.stringify(value) : String(value));
}
