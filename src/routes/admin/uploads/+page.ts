import type { PageLoad } from './$types';
import type { MappingList, UploadLimits } from './upload-client.ts';

export const load: PageLoad = async ({ fetch }) => {
	const [limitsResponse, mappingsResponse] = await Promise.all([fetch('/api/uploads'), fetch('/api/uploads/mappings')]);
	const limits: UploadLimits = limitsResponse.ok ? await limitsResponse.json() : { maxBytes: 200 * 1024 * 1024, extensions: ['.csv', '.tsv', '.txt', '.xlsx'], sources: [] };
	const mappings: MappingList = mappingsResponse.ok ? await mappingsResponse.json() : { mappings: [], broken: [] };
	return { limits, mappings };
};
