import { getContext, setContext } from 'svelte';
import { formatValue, type FormatKind } from '../format/format-value.ts';
import { localizedText, translate, type Locale, type MessageKey } from './translate.ts';

/** What components use to speak the reader's language; set once by the root layout. */
export interface I18n {
	readonly locale: Locale;
	t(key: MessageKey, vars?: Record<string, string | number>): string;
	/** Dashboard-file text ({ru, en} or a string). */
	text(value: string | { ru?: string; en?: string } | null | undefined): string;
	format(value: unknown, kind: FormatKind, options?: { compact?: boolean }): string;
}

const KEY = Symbol('oborot.i18n');

function i18nFor(getLocale: () => Locale): I18n {
	return {
		// A getter, so templates re-render when the layout's locale changes.
		get locale() {
			return getLocale();
		},
		t: (key, vars) => translate(getLocale(), key, vars),
		text: (value) => localizedText(value, getLocale()),
		format: (value, kind, options) => formatValue(value, kind, getLocale(), options)
	};
}

export function setI18n(getLocale: () => Locale): I18n {
	return setContext(KEY, i18nFor(getLocale));
}

/** The layout's I18n; Russian when a component is rendered outside the app (tests). */
export function useI18n(): I18n {
	return getContext<I18n | undefined>(KEY) ?? i18nFor(() => 'ru');
}
