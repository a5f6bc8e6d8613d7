import { describe, expect, it } from 'vitest';
import { ApiFailure } from '../api-failure.ts';
import { failureLine, failureText } from './failure-text.ts';

const exists = new ApiFailure(409, 'segment_exists', 'a segment named «Спящие» already exists: open it, or choose another name');

describe('failureText', () => {
	it('gives an English reader the server’s own message', () => {
		expect(failureText('en', exists)).toEqual({ text: 'a segment named «Спящие» already exists: open it, or choose another name', details: null });
	});

	it('gives a Russian reader the sentence for the code, with the server’s message as details', () => {
		expect(failureText('ru', exists)).toEqual({
			text: 'Сегмент с таким названием уже есть: откройте его или выберите другое название.',
			details: 'a segment named «Спящие» already exists: open it, or choose another name'
		});
		expect(failureText('ru', new ApiFailure(422, 'not_an_export', 'no entity has all its required columns'), { name: 'Продажи.xlsx' }).text).toBe(
			'«Продажи.xlsx» так прочитать нельзя: в файле нет нужных столбцов. Выберите другое или сопоставьте столбцы вручную.'
		);
	});

	it('puts the message into the sentence when the sentence carries it', () => {
		const failed = new ApiFailure(422, 'query_failed', 'dashboards/late.md:14: query «bad»: Binder Error');
		expect(failureText('ru', failed)).toEqual({ text: 'Запрос не выполнился: dashboards/late.md:14: query «bad»: Binder Error', details: null });
		// a dropped upload has nothing more to say
		expect(failureText('ru', new ApiFailure(0, 'network', 'the upload was interrupted')).details).toBeNull();
	});

	it('says an unknown code, a plain Error and page data in a sentence of its own', () => {
		expect(failureText('ru', new ApiFailure(401, 'bad_token', 'a valid server token is required'))).toEqual({ text: 'Не получилось: a valid server token is required', details: null });
		expect(failureText('ru', new TypeError('Failed to fetch')).text).toBe('Не получилось: Failed to fetch');
		expect(failureText('ru', { code: 'toString', message: 'odd' }).text).toBe('Не получилось: odd');
		expect(failureText('ru', { code: 'forbidden', message: 'only admin may do this' })).toEqual({ text: 'Для этого у вас недостаточно прав.', details: 'only admin may do this' });
	});
});

describe('failureLine', () => {
	it('joins the details in brackets for places without room for them', () => {
		expect(failureLine('ru', new ApiFailure(404, 'segment_not_found', 'no saved segment «X»'))).toBe('Такого сегмента нет: возможно, его удалили или переименовали. (no saved segment «X»)');
		expect(failureLine('en', new ApiFailure(404, 'segment_not_found', 'no saved segment «X»'))).toBe('no saved segment «X»');
	});
});
