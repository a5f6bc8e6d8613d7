import type { PageLoad } from './$types';
import type { MappingList, PublishHold, UploadLimits } from './upload-client.ts';

export const load: PageLoad = async ({ fetch }) => {
	const [limitsResponse, mappingsResponse, holdsResponse] = await Promise.all([fetch('/api/uploads'), fetch('/api/uploads/mappings'), fetch('/api/uploads/holds')]);
	const limits: UploadLimits = limitsResponse.ok ? await limitsResponse.json() : { maxBytes: 200 * 1024 * 1024, extensions: ['.csv', '.tsv', '.txt', '.xlsx'], sources: [] };
	const mappings: MappingList = mappingsResponse.ok ? await mappingsResponse.json() : { mappings: [], broken: [] };
	// marts the publish guard holds (after an upload, or a scheduled inbox load): the page asks the admin
	const holds: PublishHold[] = holdsResponse.ok ? await holdsResponse.json() : [];
	return { limits, mappings, holds };
};
