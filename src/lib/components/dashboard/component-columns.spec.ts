import { describe, expect, it } from 'vitest';
import type { ChartSpec, KpiSpec, TableSpec } from '../../dashboards/contract.ts';
import { missingColumn, requiredColumns } from './component-columns.ts';
import { fillDrillParams, fillTemplate } from '../../dashboards/drill-template.ts';

describe('requiredColumns', () => {
	it('lists what a chart reads, pivot and band included', () => {
		const chart: ChartSpec = {
			kind: 'chart', query: 'q', width: 'full', type: 'line', x: 'month', y: [{ column: 'qty', axis: 'left' }],
			series: 'sku', band: { lower: 'lo', upper: 'hi' }, format: 'integer', horizontal: false, height: 300
		};
		expect(requiredColumns(chart)).toEqual(['month', 'qty', 'sku', 'lo', 'hi']);
	});
	it('lists what a KPI tile reads, its note included', () => {
		const kpi: KpiSpec = { kind: 'kpi', query: 'q', width: 'quarter', value: 'model_name', format: 'text', good: 'up', note: 'model_note' };
		expect(requiredColumns(kpi)).toEqual(['model_name', 'model_note']);
		expect(missingColumn(kpi, [{ name: 'model_name' }])).toBe('model_note');
	});
	it('names the first missing column of a table', () => {
		const table: TableSpec = { kind: 'table', query: 'q', width: 'full', columns: [{ column: 'sku' }, { column: 'qty' }], sort: { column: 'order_by', desc: false }, page_size: 20, search: true };
		expect(missingColumn(table, [{ name: 'sku' }, { name: 'qty' }])).toBe('order_by');
		expect(missingColumn({ ...table, sort: undefined }, [{ name: 'sku' }, { name: 'qty' }])).toBeNull();
	});
});

describe('drill templates', () => {
	it('fills placeholders from the clicked point', () => {
		const datum = { x: 'Z', y: 'C', value: 2, sku: 'SKU-1', month: '2024-01-01' };
		expect(fillDrillParams({ abc_class: '{y}', xyz_class: '{x}' }, datum)).toEqual({ abc_class: 'C', xyz_class: 'Z' });
		expect(fillTemplate('{value}', datum)).toBe('2');
		expect(fillTemplate('{sku} / {month}', datum)).toBe('SKU-1 / 2024-01-01');
		expect(fillTemplate('{missing}', datum)).toBeNull();
		expect(fillTemplate('fixed', datum)).toBe('fixed');
	});
});

describe('openDrill', () => {
	it('sets the drill parameters over the page filters', async () => {
		const { openDrill } = await import('./open-drill.ts');
		const page = new URLSearchParams('period=last_year&channel=Опт');
		const drill = openDrill({ query: 'customers_of_channel', params: { channel: '{x}', month: '{missing}' } }, { x: 'Сайт' }, page, 'New customers');
		expect(Object.fromEntries(drill.search)).toEqual({ period: 'last_year', channel: 'Сайт' });
		expect(drill.context).toBe('channel: Сайт');
	});
});
