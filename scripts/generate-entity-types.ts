/**
 * Writes `src/session/entity-types.generated.ts` from `data/query_schemas.json`:
 * one interface per entity schema (attributes optional, since a query returns
 * only what it projected; a reference is an accessor pair that reads as its
 * target type and takes any entity) and `EntityTypeMap` (schema id → interface).
 *
 * Run: `node --import=tsx scripts/generate-entity-types.ts [schemas.json] [out.ts]`
 * Output is sorted and deterministic; commit it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

interface PropertySchema {
  type?: string;
  format?: string;
  $ref?: string;
  items?: { $ref?: string };
  restricted_projection?: boolean;
  description?: string;
}

interface Schema {
  id: string;
  properties: Record<string, PropertySchema>;
}

/** Members of the runtime `Entity` class; the runtime gives them no attribute accessor either. */
const RESERVED = new Set(['constructor', 'entityType', '__entity_type__', 'primaryKey', 'peek', 'get', 'set', 'knownAttributes', 'toJSON']);
const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function propertyType(property: PropertySchema, known: ReadonlySet<string>): string {
  const target = (id: string | undefined): string => (id !== undefined && known.has(id) ? id : 'Entity');
  if (property.$ref !== undefined) return target(property.$ref);
  if (property.type === 'array' || property.type === 'mapped_array') return `${target(property.items?.$ref)}[]`;
  switch (property.type) {
    case 'integer':
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'string':
      return property.format === 'date-time' ? 'Date' : 'string';
    case 'variable':
    case 'object':
      return 'unknown';
    case undefined:
      return property.format === 'foreign_key' ? 'string' : 'unknown';
    default:
      return 'unknown';
  }
}

/** The TypeScript source for `schemas`; `source` names the input in the header. */
export function generateEntityTypes(schemas: readonly Schema[], source: string): string {
  const sorted = [...schemas].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const known = new Set(sorted.map((schema) => schema.id));
  const lines = [
    '// GENERATED FILE, do not edit by hand.',
    `// Source: ${source} (${sorted.length} entity types).`,
    '// Regenerate: node --import=tsx scripts/generate-entity-types.ts',
    '//',
    '// One interface per entity schema. Every attribute is optional: a query',
    '// returns only the attributes it projected (or that were fetched later).',
    '// A reference reads as its target type and accepts any entity on assignment.',
    '',
    "import type { Entity } from './entity.js';",
    '',
  ];
  for (const schema of sorted) {
    if (!IDENTIFIER.test(schema.id)) throw new Error(`Schema id "${schema.id}" is not a TypeScript identifier`);
    lines.push(`/** \`${schema.id}\` entity. */`, `export interface ${schema.id} extends Entity {`, `  readonly __entity_type__: '${schema.id}';`);
    for (const name of Object.keys(schema.properties).sort()) {
      const property = schema.properties[name]!;
      if (property.restricted_projection === true || RESERVED.has(name)) continue;
      const key = IDENTIFIER.test(name) ? name : JSON.stringify(name);
      const type = propertyType(property, known);
      if (property.$ref !== undefined) {
        // Reads give the schema's target type; writes take any entity (a Shot is a Context's child).
        lines.push(`  get ${key}(): ${type} | undefined;`, `  set ${key}(value: Entity | undefined);`);
      } else {
        lines.push(`  ${key}?: ${type};`);
      }
    }
    lines.push('}', '');
  }
  lines.push('/** Entity type id → its interface. */', 'export interface EntityTypeMap {');
  for (const schema of sorted) lines.push(`  ${schema.id}: ${schema.id};`);
  lines.push('}', '');
  return lines.join('\n');
}

function main(): void {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  const input = process.argv[2] ?? join(root, 'data', 'query_schemas.json');
  const output = process.argv[3] ?? join(root, 'src', 'session', 'entity-types.generated.ts');
  const parsed = JSON.parse(readFileSync(input, 'utf8')) as Schema[] | [Schema[]];
  const schemas = (Array.isArray(parsed[0]) ? parsed[0] : parsed) as Schema[];
  writeFileSync(output, generateEntityTypes(schemas, relative(root, input).split('\\').join('/')));
  process.stdout.write(`wrote ${relative(root, output)} (${schemas.length} entity types)\n`);
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) main();
