/** Identity resolution helpers for the TypeScript models (union-find over typed arrays). */
export { UnionFind, componentsOfSharedKeys } from './union-find.ts';
