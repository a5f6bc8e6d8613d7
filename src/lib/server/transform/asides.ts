import type { DuckDBConnection } from '@duckdb/node-api';
import { qualified, quoteIdent } from '../warehouse/index.ts';
import type { RelationKinds } from './materialize.ts';
import type { ModelNode } from './types.ts';

const keyword = (kind: string) => (kind === 'VIEW' ? 'view' : 'table');

/**
 * A model's previous version, renamed aside inside the build transaction before the model
 * is rebuilt under its name: a rename, not a copy, so it costs nothing on a big table. When
 * the model or its tests fail, the previous version goes back under the name; at commit the
 * asides are dropped. Readers on other connections never see any of it (the renames are
 * part of the transaction), so a failed model keeps its last good version for them.
 */
export class Asides {
	/** model → kind of what was set aside (BASE TABLE or VIEW). */
	private readonly kept = new Map<string, string>();
	/** Models built fresh in this transaction with nothing set aside (a first build). */
	private readonly fresh = new Set<string>();

	constructor(
		private readonly connection: DuckDBConnection,
		private readonly kinds: RelationKinds
	) {}

	private static asideName(node: ModelNode): string {
		return `__oborot_prev_${node.name}`;
	}

	/** Frees the model's name for its new version, keeping what stood there (if anything). */
	async setAside(node: ModelNode): Promise<void> {
		const key = `${node.config.schema}.${node.name}`;
		const kind = this.kinds.get(key);
		if (!kind) {
			this.fresh.add(node.name);
			return;
		}
		const aside = Asides.asideName(node);
		await this.connection.run(`drop ${keyword(kind)} if exists ${qualified(node.config.schema, aside)}`);
		await this.connection.run(`alter ${keyword(kind)} ${node.relation} rename to ${quoteIdent(aside)}`);
		this.kinds.delete(key);
		this.kept.set(node.name, kind);
	}

	/** The relation the model's previous version stands under now, if one was set aside. */
	previous(node: ModelNode): string | null {
		return this.kept.has(node.name) ? qualified(node.config.schema, Asides.asideName(node)) : null;
	}

	/** True when the model's previous version can be put back (or its first version dropped). */
	canRestore(name: string): boolean {
		return this.kept.has(name) || this.fresh.has(name);
	}

	/**
	 * Drops what the failed build left under the model's name and puts the previous version
	 * back. Returns whether a previous version exists now.
	 */
	async restore(node: ModelNode): Promise<boolean> {
		const key = `${node.config.schema}.${node.name}`;
		// Asked of the catalog: a TypeScript model may have created its table and failed while filling it.
		const reader = await this.connection.runAndReadAll(`select table_type from information_schema.tables where table_schema = $1 and table_name = $2`, [
			node.config.schema,
			node.name
		]);
		const current = reader.getRows()[0]?.[0];
		if (current) await this.connection.run(`drop ${keyword(String(current))} ${node.relation}`);
		this.kinds.delete(key);
		this.fresh.delete(node.name);
		const kind = this.kept.get(node.name);
		if (!kind) return false;
		await this.connection.run(`alter ${keyword(kind)} ${qualified(node.config.schema, Asides.asideName(node))} rename to ${quoteIdent(node.name)}`);
		this.kinds.set(key, kind);
		this.kept.delete(node.name);
		return true;
	}

	/** Drops the previous versions of the models that were replaced: the last step before commit. */
	async dropAll(nodes: (name: string) => ModelNode): Promise<void> {
		for (const [name, kind] of this.kept) await this.connection.run(`drop ${keyword(kind)} ${qualified(nodes(name).config.schema, Asides.asideName(nodes(name)))}`);
		this.kept.clear();
	}
}
