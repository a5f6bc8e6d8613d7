import { describe, expect, it } from 'vitest';
import { readsAppSchema, sqlCode, sqlParams } from './sql-params.ts';

describe('sqlParams', () => {
	it('finds named parameters once each, lowercased', () => {
		const sql = `select sum(revenue) from marts.fct_sales
			where date between $period_start and $Period_End and ($channel is null or channel = $channel)`;
		expect(sqlParams(sql)).toEqual({ named: ['period_start', 'period_end', 'channel'], positional: [] });
	});
	it('ignores dollars inside strings, quoted identifiers and comments', () => {
		const sql = `select '$not_a_param', 'it''s $x' as "$col" -- $comment
			/* $block */ from t where a = $real`;
		expect(sqlParams(sql).named).toEqual(['real']);
	});
	it('reports positional parameters apart', () => {
		expect(sqlParams('select * from t where a = $1 and b = $name')).toEqual({ named: ['name'], positional: ['1'] });
	});
});

describe('readsAppSchema', () => {
	it('finds the app schema in code, not in strings, comments or longer names', () => {
		expect(readsAppSchema('select * from app.users')).toBe(true);
		expect(readsAppSchema('select * from "app"."sessions"')).toBe(true);
		expect(readsAppSchema('select * from main.app . users')).toBe(false);
		expect(readsAppSchema("select 'app.users' as note -- from app.users\nfrom marts.fct_sales")).toBe(false);
		expect(readsAppSchema('select happ.x from marts.app_usage happ')).toBe(false);
		expect(sqlCode("a 'b' /* c */ d")).toBe('a     ' + ' '.repeat(7) + ' d');
	});
});
