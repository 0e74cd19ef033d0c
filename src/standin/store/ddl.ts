import type { Database } from 'better-sqlite3';
import type { EntityModel, ScalarKind } from './model.js';
import { q } from './query/compiler.js';

const SQL_TYPES: Record<ScalarKind, string> = {
  string: 'TEXT',
  datetime: 'TEXT',
  json: 'TEXT',
  object: 'TEXT',
  variable: 'TEXT',
  integer: 'INTEGER',
  number: 'REAL',
  boolean: 'INTEGER',
};

/**
 * Creates (or extends) one table per storage group, with a `_type` column
 * for the concrete schema id, the primary key, and indexes on `_type` and
 * every foreign-key column. Safe to run on every start.
 */
export function ensureTables(db: Database, model: EntityModel): void {
  for (const table of model.tables.values()) {
    const existing = db.prepare(`PRAGMA table_info(${q(table.name)})`).all() as { name: string }[];
    if (existing.length === 0) {
      const columns = [`"_type" TEXT NOT NULL`, ...[...table.columns].map(([name, kind]) => `${q(name)} ${SQL_TYPES[kind]}`)];
      const pk = table.primaryKey.filter((k) => table.columns.has(k));
      if (pk.length > 0) columns.push(`PRIMARY KEY (${pk.map(q).join(', ')})`);
      db.exec(`CREATE TABLE ${q(table.name)} (${columns.join(', ')})`);
    } else {
      const have = new Set(existing.map((c) => c.name));
      for (const [name, kind] of table.columns) {
        if (!have.has(name)) db.exec(`ALTER TABLE ${q(table.name)} ADD COLUMN ${q(name)} ${SQL_TYPES[kind]}`);
      }
    }
    db.exec(`CREATE INDEX IF NOT EXISTS ${q(`ix_${table.name}__type`)} ON ${q(table.name)} ("_type")`);
    for (const column of table.indexed) {
      db.exec(`CREATE INDEX IF NOT EXISTS ${q(`ix_${table.name}_${column}`)} ON ${q(table.name)} (${q(column)})`);
    }
  }
}
