import fs from 'node:fs';
import { parse as parseYaml } from 'yaml';

/** `vars:` of oborot.yml, overridden by `--vars` (dbt's precedence: the command line wins). */
export function readProjectVars(projectConfig: string | undefined, overrides: Record<string, unknown> = {}): Record<string, unknown> {
	let vars: Record<string, unknown> = {};
	if (projectConfig && fs.existsSync(projectConfig)) {
		let data: unknown;
		try {
			data = parseYaml(fs.readFileSync(projectConfig, 'utf8'));
		} catch (error) {
			throw new Error(`${projectConfig}: invalid YAML: ${(error as Error).message.split('\n')[0]}`);
		}
		const declared = (data as { vars?: unknown } | null)?.vars;
		if (declared !== undefined && declared !== null) {
			if (typeof declared !== 'object' || Array.isArray(declared)) throw new Error(`${projectConfig}: vars must be a mapping`);
			vars = { ...(declared as Record<string, unknown>) };
		}
	}
	return { ...vars, ...overrides };
}

/** Parses `--vars '{"abc_a_share": 0.7}'` (JSON, or YAML flow style as dbt accepts). */
export function parseVarsArgument(text: string): Record<string, unknown> {
	let value: unknown;
	try {
		value = parseYaml(text);
	} catch (error) {
		throw new Error(`--vars is not valid JSON/YAML: ${(error as Error).message.split('\n')[0]}`);
	}
	if (!value || typeof value !== 'object' || Array.isArray(value)) {
		throw new Error(`--vars must be a mapping such as '{"abc_a_share": 0.7}'`);
	}
	return value as Record<string, unknown>;
}
