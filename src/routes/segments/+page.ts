import type { PageLoad } from './$types';
import { readJson } from '$lib/api-failure.ts';
import { segmentUrl, type SavedSegment, type SegmentChoices, type SegmentCounts } from './api.ts';

// The builder's options, the saved segments, and the one named in ?segment= (reopen by link).
export const load: PageLoad = async ({ fetch, url }) => {
	const selected = url.searchParams.get('segment');
	const [choices, list, opened] = await Promise.all([
		fetch('/api/segments/choices').then((r) => readJson<SegmentChoices>(r)).then(
			(value) => ({ value, error: null }),
			(error: Error) => ({ value: null, error })
		),
		fetch('/api/segments').then((r) => readJson<{ segments: SavedSegment[] }>(r)),
		selected
			? fetch(segmentUrl(selected)).then((r) => readJson<{ segment: SavedSegment; counts: SegmentCounts }>(r)).then(
					(value) => ({ value, error: null }),
					(error: Error) => ({ value: null, error })
				)
			: Promise.resolve({ value: null, error: null })
	]);
	return {
		choices: choices.value,
		choicesError: choices.error,
		segments: list.segments,
		opened: opened.value?.segment ?? null,
		openError: opened.error
	};
};
