import { describe, expect, it } from 'vitest';
import { normaliseName } from './planted-facts.ts';
import { translit } from './translit.ts';
import { LEGAL_FORMS_RU, NAME_CAPACITY, NAME_HEADS, NAME_QUALIFIERS, NAME_TAILS, brandName, companyNameAt } from './words-companies.ts';
import { PERSON_NAME_CAPACITY, fullName, personNameAt } from './words-people.ts';

describe('demo names', () => {
	it('gives every company number its own name, however a normaliser treats hyphens and word order', () => {
		const words = [...NAME_HEADS, ...NAME_TAILS, ...NAME_QUALIFIERS.filter(Boolean)].map((w) => w.toLowerCase());
		expect(new Set(words).size).toBe(words.length);
		const sorted = new Set<string>();
		const glued = new Set<string>();
		const domains = new Set<string>();
		for (let i = 0; i < NAME_CAPACITY; i++) {
			const parts = companyNameAt(i, i % 3);
			sorted.add(normaliseName(`${LEGAL_FORMS_RU[i % LEGAL_FORMS_RU.length]} «${brandName(parts)}»`));
			glued.add(brandName(parts).toLowerCase().replace(/[^\p{L}\p{N}]/gu, ''));
			domains.add(translit(brandName({ ...parts, style: 0 })));
		}
		expect(sorted.size).toBe(NAME_CAPACITY);
		expect(glued.size).toBe(NAME_CAPACITY);
		expect(domains.size).toBe(NAME_CAPACITY);
		expect(brandName(companyNameAt(NAME_CAPACITY + 5, 0))).toMatch(/ 2$/);
	});

	it('gives every person number its own full name', () => {
		const names = new Set<string>();
		for (let i = 0; i < PERSON_NAME_CAPACITY; i += 7) names.add(normaliseName(fullName(personNameAt(i))));
		expect(names.size).toBe(Math.ceil(PERSON_NAME_CAPACITY / 7));
		expect(fullName(personNameAt(0))).toBe('Иванов Александр Александрович');
		expect(personNameAt(45 * 45).female).toBe(true);
	});

	it('normalises legal names the way identity resolution compares them', () => {
		expect(normaliseName('ООО «Альфа»')).toBe(normaliseName('Альфа ООО'));
		expect(normaliseName('ООО "Альфа-Сервис"')).toBe(normaliseName('Сервис Альфа, ООО'));
		expect(translit('Щёткин-Юг')).toBe('shchyotkin-yug');
	});
});
