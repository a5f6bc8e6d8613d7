/**
 * The model runner: dbt-style SQL models (nunjucks templates with ref, source, config,
 * var) and TypeScript models in one graph, built and tested in a single DuckDB
 * transaction: readers see each mart's previous or new version, never a mix, and a
 * model that fails keeps its last good version (audit.model_state says so).
 */
export { loadProject, hasModels, type ProjectPaths, type LoadOptions } from './load-project.ts';
export { buildProject } from './build.ts';
export { buildAtPaths, projectPaths, rawTablesHook } from './build-at-paths.ts';
export { defineModel } from './define-model.ts';
export { projectDocs, type ProjectDocs, type ModelDocs, type SourceDocs, type ColumnDocs } from './docs.ts';
export { selectModels, SelectionError } from './select.ts';
export { ProjectError, formatProblem, type Problem } from './errors.ts';
export { parseVarsArgument, readProjectVars } from './project-vars.ts';
export type { BuildEvent, BuildOptions, BuildResult, BuildSummary, ModelRun, TestRun } from './build-types.ts';
export { readModelStates, type ModelState, type ModelStateName, type StateCause } from './model-state.ts';
export type { GuardHold } from './publish-guard.ts';
export type { ModelContext, ModelNode, Project, TestNode, TsModelDefinition, TsModelConfig, Materialization, Severity } from './types.ts';
