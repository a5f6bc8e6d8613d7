import { useI18n } from '$lib/i18n/context.ts';
import { segmentText, type SegmentMessageKey } from './messages.ts';

/** The builder's text function in the reader's language (call during component setup). */
export function useSegmentText(): (key: SegmentMessageKey, vars?: Record<string, string | number>) => string {
	const i18n = useI18n();
	return (key, vars) => segmentText(i18n.locale, key, vars);
}
