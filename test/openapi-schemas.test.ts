import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { loadConfig } from '../src/config.js';
import { LiveHub } from '../src/http/live-hub.js';
import { createApp } from '../src/server/app.js';
import { openSqlite, type Storage } from '../src/storage/database.js';

type Schema = { type?: string | string[]; properties?: Record<string, Schema>; additionalProperties?: boolean | Schema; items?: Schema; $ref?: string; anyOf?: Schema[]; oneOf?: Schema[]; allOf?: Schema[] };

/**
 * Where a schema says nothing of what leaves the server: an object with no properties (empty or
 * loose), or one whose extra properties are left open. A map keyed by ids (`additionalProperties`
 * with a schema and no properties) is described, so it passes.
 */
function undescribed(schema: Schema | undefined, at: string, components: Record<string, Schema>, seen = new Set<string>()): string[] {
  if (!schema) return [`${at}: no schema`];
  if (schema.$ref) {
    const name = schema.$ref.replace('#/components/schemas/', '');
    if (seen.has(name)) return [];
    return undescribed(components[name], `${at} (${name})`, components, new Set([...seen, name]));
  }
  const nested = [...(schema.anyOf ?? []), ...(schema.oneOf ?? []), ...(schema.allOf ?? [])].flatMap((s, i) => undescribed(s, `${at}|${i}`, components, seen));
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  if (types.includes('array')) nested.push(...undescribed(schema.items, `${at}[]`, components, seen));
  if (types.includes('object')) {
    const properties = Object.entries(schema.properties ?? {});
    const extra = schema.additionalProperties;
    const openExtra = extra === true || (typeof extra === 'object' && Object.keys(extra).length === 0);
    if (properties.length === 0 && (extra === undefined || extra === false || openExtra)) return [`${at}: an object without properties`];
    if (openExtra) nested.push(`${at}: open to any extra property`);
    if (typeof extra === 'object') nested.push(...undescribed(extra, `${at}{}`, components, seen));
    for (const [name, property] of properties) nested.push(...undescribed(property, `${at}.${name}`, components, seen));
  }
  return nested;
}

describe('the OpenAPI description (GET /api/v1/openapi.json)', () => {
  let storage: Storage;
  before(async () => {
    storage = await openSqlite(':memory:');
  });
  after(async () => {
    await storage?.close();
  });

  it('describes the body of every 2xx answer with a schema that names its fields', async () => {
    const app = createApp({ storage, config: loadConfig({ demoMode: false }), live: new LiveHub() });
    const doc = await (await app.request('/api/v1/openapi.json')).json();
    const components: Record<string, Schema> = doc.components?.schemas ?? {};
    const problems: string[] = [];
    let answers = 0;
    for (const [path, operations] of Object.entries<Record<string, { responses: Record<string, { content?: Record<string, { schema?: Schema }> }> }>>(doc.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        for (const [status, response] of Object.entries(operation.responses)) {
          if (!/^2\d\d$/.test(status) || status === '204' || status === '202') continue;
          answers += 1;
          const where = `${method.toUpperCase()} ${path} ${status}`;
          if (!response.content) {
            problems.push(`${where}: no content`);
            continue;
          }
          for (const [type, media] of Object.entries(response.content)) {
            if (type === 'text/csv' || type === 'text/event-stream') continue;
            problems.push(...undescribed(media.schema, `${where} ${type}`, components));
          }
        }
      }
    }
    assert.ok(answers > 20, `only ${answers} answers described`);
    assert.deepEqual(problems, []);
  });

  it('the check reports a loose object and a missing body', () => {
    assert.deepEqual(undescribed({ type: 'object', properties: {}, additionalProperties: {} }, 'x', {}), ['x: an object without properties']);
    assert.deepEqual(undescribed({ type: 'array', items: { type: 'object' } }, 'x', {}), ['x[]: an object without properties']);
    assert.deepEqual(undescribed(undefined, 'x', {}), ['x: no schema']);
    assert.deepEqual(undescribed({ type: 'object', additionalProperties: { type: 'string' } }, 'x', {}), []);
  });
});
