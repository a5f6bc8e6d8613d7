import type { FormatKind } from '../../format/format-value.ts';

/** What option builders need from the page: the reader's language and formats. */
export interface ChartContext {
	locale: 'ru' | 'en';
	text(value: string | { ru?: string; en?: string } | null | undefined): string;
	format(value: unknown, kind: FormatKind, options?: { compact?: boolean }): string;
}

/** ECharts tooltips are HTML: names and labels come from data and are escaped. */
export function escapeHtml(value: unknown): string {
	return String(value ?? '').replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] as string);
}

export function tooltipRow(marker: string, name: string, value: string): string {
	return `<div style="display:flex;gap:12px;justify-content:space-between"><span>${marker}${escapeHtml(name)}</span><b>${escapeHtml(value)}</b></div>`;
}

export function tooltipTitle(title: string): string {
	return `<div style="margin-bottom:4px;color:#52606d">${escapeHtml(title)}</div>`;
}

/** The click event fields builders read to find the record behind a point. */
export interface ChartClick {
	componentType?: string;
	seriesIndex?: number;
	dataIndex?: number;
	name?: string;
	value?: unknown;
}
