// ECharts ships its locale objects without type declarations.
declare module 'echarts/lib/i18n/langRU.js' {
	const locale: Record<string, unknown>;
	export default locale;
}
