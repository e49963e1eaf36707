import { DomainError, type FieldIssue } from '../shared/errors.js';
import type { Storage } from '../storage/database.js';
import { ingestUsage, MAX_BATCH_EVENTS, type IngestReport } from './usage-ingest.js';
import type { UsageEventInput } from './usage-events.js';

/**
 * A request's body of usage events (a JSON array, `{ "events": [...] }`, or NDJSON) counted as one
 * batch. Refusals name each event by its place: `events[3].quantity`; an NDJSON line that is not JSON
 * is refused like an event with a wrong field.
 */
export async function ingestUsageBody(
  storage: Storage,
  body: string,
  contentType: 'application/json' | 'application/x-ndjson',
  options: { skipInvalid: boolean; now?: number },
): Promise<IngestReport> {
  const { events, unreadable } = contentType === 'application/json' ? fromJson(body) : fromNdjson(body);
  if (events.length + unreadable.length > MAX_BATCH_EVENTS) {
    throw new DomainError(413, 'too-many-events', `At most ${MAX_BATCH_EVENTS} events per request: send the rest in further requests. Nothing was counted.`, [], {
      maximum: MAX_BATCH_EVENTS,
    });
  }
  // An unreadable event refuses the batch like any other: the readable ones are only checked then, to name all at once.
  const report = await ingestUsage(storage, events.map((e) => e.input), {
    skipInvalid: options.skipInvalid, checkOnly: unreadable.length > 0 && !options.skipInvalid, ...(options.now !== undefined ? { now: options.now } : {}),
  });
  // Indexes in the batch given to ingestUsage are positions among the readable events: back to the body's.
  const refused = [
    ...report.refused.map((r) => ({ ...r, index: events[r.index]!.index })),
    ...unreadable.map((u) => ({ index: u.index, eventId: null, issues: [u.issue] })),
  ].sort((a, b) => a.index - b.index);
  if (!report.written && refused.length > 0) throw refusedBatch(refused);
  return { ...report, received: events.length + unreadable.length, refused };
}

function refusedBatch(refused: { index: number; issues: FieldIssue[] }[]): DomainError {
  const fields = refused.flatMap((r) => r.issues.map((i) => ({ ...i, field: i.field === '' ? `events[${r.index}]` : `events[${r.index}].${i.field}` })));
  return new DomainError(
    422, 'usage-refused',
    `${refused.length} event${refused.length === 1 ? ' was' : 's were'} refused, so nothing was counted: correct ${refused.length === 1 ? 'it' : 'them'} and send the batch again, or send it with skipInvalid=true to count the others.`,
    fields, { count: refused.length },
  );
}

interface Readable {
  index: number;
  input: UsageEventInput;
}
interface Unreadable {
  index: number;
  issue: FieldIssue;
}

function fromJson(body: string): { events: Readable[]; unreadable: Unreadable[] } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new DomainError(400, 'malformed-json', 'The body is not valid JSON. Nothing was counted.');
  }
  const list = Array.isArray(parsed) ? parsed : parsed !== null && typeof parsed === 'object' && Array.isArray((parsed as { events?: unknown }).events) ? (parsed as { events: unknown[] }).events : null;
  if (list === null) throw new DomainError(400, 'invalid-input', 'The body must be an array of events, or an object with an array "events". Nothing was counted.', [{ field: 'events', reason: 'must be an array', code: 'wrong-type', params: { expected: 'array' } }]);
  return split(list);
}

function fromNdjson(body: string): { events: Readable[]; unreadable: Unreadable[] } {
  const lines = body.split(/\r?\n/).filter((line) => line.trim() !== '');
  const values: unknown[] = [];
  const unreadable: Unreadable[] = [];
  lines.forEach((line, index) => {
    try {
      values.push(JSON.parse(line));
    } catch {
      values.push(undefined);
      unreadable.push({ index, issue: { field: '', reason: `line ${index + 1} is not valid JSON`, code: 'not-json', params: { line: index + 1 } } });
    }
  });
  const { events, unreadable: notObjects } = split(values, new Set(unreadable.map((u) => u.index)));
  return { events, unreadable: [...unreadable, ...notObjects] };
}

function split(values: unknown[], skip: ReadonlySet<number> = new Set()): { events: Readable[]; unreadable: Unreadable[] } {
  const events: Readable[] = [];
  const unreadable: Unreadable[] = [];
  values.forEach((value, index) => {
    if (skip.has(index)) return;
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) events.push({ index, input: value as UsageEventInput });
    else unreadable.push({ index, issue: { field: '', reason: 'must be an object', code: 'wrong-type', params: { expected: 'object' } } });
  });
  return { events, unreadable };
}
