/**
 * The look of every chart: the app's neutral greys and one accent (the same blue as
 * links and buttons), with a quiet categorical palette for multi-series charts.
 */
export const ACCENT = '#1d4ed8';
export const PALETTE = ['#1d4ed8', '#0d9488', '#d97706', '#7c3aed', '#db2777', '#64748b', '#65a30d', '#0891b2'];
export const GREY = { text: '#1f2933', muted: '#7b8794', line: '#e4e7eb', axis: '#cbd2d9' };
/** Heatmap cells from pale to the accent. */
export const HEAT_RANGE = ['#eff6ff', '#93c5fd', '#1d4ed8'];
export const THEME_NAME = 'oborot';

const axis = {
	axisLine: { lineStyle: { color: GREY.axis } },
	axisTick: { show: false },
	axisLabel: { color: GREY.muted, fontSize: 11 },
	splitLine: { lineStyle: { color: GREY.line } }
};

export const theme = {
	color: PALETTE,
	backgroundColor: 'transparent',
	textStyle: { fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif', color: GREY.text },
	legend: { textStyle: { color: GREY.muted, fontSize: 12 }, icon: 'roundRect', itemWidth: 10, itemHeight: 10 },
	tooltip: {
		backgroundColor: '#ffffff',
		borderColor: GREY.line,
		borderWidth: 1,
		padding: [8, 10],
		textStyle: { color: GREY.text, fontSize: 12 },
		extraCssText: 'box-shadow: 0 4px 14px rgba(15, 23, 42, 0.12); border-radius: 8px;'
	},
	categoryAxis: { ...axis, splitLine: { show: false } },
	valueAxis: { ...axis, axisLine: { show: false } },
	timeAxis: axis,
	line: { symbol: 'circle', symbolSize: 5, lineStyle: { width: 2 } },
	bar: { itemStyle: { borderRadius: [3, 3, 0, 0] } }
};
