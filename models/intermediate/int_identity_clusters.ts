// One row per counterparty record that shares a merge key with another: the cluster it
// falls into (transitive closure of shared keys, by union-find over typed arrays). The
// cluster number is the smallest record number in it, so it stays put while the cluster
// keeps its oldest record. Records with no shared key are clusters of one and not listed.
import { componentsOfSharedKeys } from '../../src/lib/server/analytics/identity/index.ts';
import { readColumns } from '../../src/lib/server/analytics/mart-io/index.ts';
import { defineModel } from '../../src/lib/server/transform/index.ts';

export default defineModel({
	refs: ['int_counterparty_records', 'int_identity_links'],
	async run(ctx) {
		const [{ records }] = await ctx.query<{ records: number }>(`select count(*)::integer as records from ${ctx.ref('int_counterparty_records')}`);
		const pairs = await readColumns(ctx.connection, `select record_no - 1, key_no - 1 from ${ctx.ref('int_identity_links')}`, { first: 'int', second: 'int' });
		const roots = componentsOfSharedKeys(records, pairs.first, pairs.second);
		const linked = new Uint8Array(records);
		for (let i = 0; i < pairs.length; i++) linked[pairs.first[i]] = 1;
		function* rows() {
			for (let i = 0; i < records; i++) if (linked[i]) yield [i + 1, roots[i] + 1];
		}
		await ctx.createTable({ record_no: 'INTEGER', cluster_no: 'INTEGER' }, rows());
	}
});
