import path from 'node:path';
import type { Problem } from './errors.ts';
import { refLine } from './load-models.ts';
import type { ModelNode } from './types.ts';

/**
 * The layers of a models project, named by the folder under models/, in the order data flows
 * through them. A model reads its own layer and the ones before it: an intermediate model on a
 * mart would make the marts' inputs depend on marts, so a change to one mart reaches others
 * through a side door. Models outside these folders belong to no layer and are not checked.
 */
export const LAYERS = ['staging', 'intermediate', 'marts'] as const;
export type Layer = (typeof LAYERS)[number];

/** The layer of a model file: the first folder of its path under models/. */
export function layerOf(modelsDir: string, file: string): Layer | null {
	const folder = path.relative(modelsDir, file).split(path.sep)[0];
	return (LAYERS as readonly string[]).includes(folder) ? (folder as Layer) : null;
}

const withArticle = (layer: Layer) => `${/^[aeiou]/.test(layer) ? 'an' : 'a'} ${layer}`;

/** Every ref that reads a later layer, named by the model, its file and line, and both layers. */
export function upstreamRefs(models: Map<string, ModelNode>, modelsDir: string): Problem[] {
	const problems: Problem[] = [];
	for (const model of models.values()) {
		const layer = layerOf(modelsDir, model.file);
		if (!layer) continue;
		const readable = LAYERS.slice(0, LAYERS.indexOf(layer) + 1);
		for (const parentName of model.parents) {
			const parent = models.get(parentName);
			const parentLayer = parent && layerOf(modelsDir, parent.file);
			if (!parent || !parentLayer || readable.includes(parentLayer)) continue;
			problems.push({
				file: model.path,
				line: refLine(model, parentName),
				message:
					`${layer} model «${model.name}» reads «${parentName}», a model of the ${parentLayer} layer (${parent.path}): ` +
					`models flow ${LAYERS.join(' → ')}, so ${withArticle(layer)} model reads only ${readable.join(' and ')} models. ` +
					`Move what both need from «${parentName}» into ${withArticle(layer)} model and read that.`
			});
		}
	}
	return problems;
}
