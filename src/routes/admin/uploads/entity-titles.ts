import type { SourceFamily } from './upload-client.ts';

/** family.entity → «Family · Entity» in the reader's language (the id itself only when the jobs do not know it). */
export function entityTitles(sources: SourceFamily[], text: (title: { ru: string; en: string }) => string): (entity: string) => string {
	const titles = new Map(sources.flatMap((family) => family.entities.map((e) => [e.entity, `${text(family.title)} · ${text(e.title)}`] as const)));
	return (entity) => titles.get(entity) ?? entity;
}
