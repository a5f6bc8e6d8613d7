import type { PageLoad } from './$types';
import type { UploadLimits } from './upload-client.ts';

export const load: PageLoad = async ({ fetch }) => {
	const response = await fetch('/api/uploads');
	const limits: UploadLimits = response.ok ? await response.json() : { maxBytes: 200 * 1024 * 1024, extensions: ['.csv', '.tsv', '.txt', '.xlsx'] };
	return { limits };
};
