import type { D1Database } from '../../src/runtime/workers/d1.js';

/**
 * Deletes every row of the app's tables (the schema and the migrations record stay), so each
 * contract test starts from an empty store. Tables are emptied in passes, so that foreign
 * keys never need to be listed here: a table still referenced is retried after the others.
 */
export async function emptyDatabase(db: D1Database): Promise<void> {
  const { results } = await db
    .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name <> 'd1_migrations'`)
    .all<{ name: string }>();
  let left = results.map((r) => r.name);
  for (let pass = 0; left.length > 0; pass++) {
    if (pass > left.length + 1) throw new Error(`cannot empty ${left.join(', ')}`);
    const failed: string[] = [];
    for (const table of left) {
      await db.prepare(`DELETE FROM "${table}"`).run().catch(() => failed.push(table));
    }
    left = failed;
  }
  await db.prepare(`DELETE FROM sqlite_sequence`).run().catch(() => undefined);
}
