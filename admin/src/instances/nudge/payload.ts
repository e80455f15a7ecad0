import type { JsonSchema, SendEventParams } from '../../types';

export type PayloadResult = { ok: true; payload: SendEventParams['payload'] } | { ok: false };

const simpleTypes = new Set(['string', 'number', 'integer', 'boolean']);

const typeOf = (schema: JsonSchema): string | undefined =>
  Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;

/** The schema's fields when each is a plain value a form field can edit; otherwise undefined. */
export function simpleFields(schema: JsonSchema | undefined): [string, JsonSchema][] | undefined {
  const properties = schema?.properties;
  if (!properties) return undefined;
  const entries = Object.entries(properties);
  return entries.every(([, s]) => simpleTypes.has(typeOf(s) ?? '')) ? entries : undefined;
}

export type FieldValues = Record<string, string | boolean>;

/** Turns form values into the payload, leaving out empty optional fields. */
export function payloadFromFields(
  fields: [string, JsonSchema][],
  values: FieldValues,
  required: string[] = [],
): PayloadResult {
  const payload: Record<string, unknown> = {};
  for (const [name, schema] of fields) {
    const raw = values[name];
    const type = typeOf(schema);
    if (type === 'boolean') {
      payload[name] = raw === true;
      continue;
    }
    if (raw === undefined || raw === '') {
      if (required.includes(name)) return { ok: false };
      continue;
    }
    if (type === 'number' || type === 'integer') {
      const n = Number(raw);
      if (Number.isNaN(n)) return { ok: false };
      payload[name] = n;
    } else {
      payload[name] = raw;
    }
  }
  return { ok: true, payload };
}

/** An empty text means "no payload"; anything else must be a JSON object (the event's fields). */
export function payloadFromText(text: string): PayloadResult {
  if (text.trim() === '') return { ok: true, payload: undefined };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { ok: false };
  }
  return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)
    ? { ok: true, payload: parsed as Record<string, unknown> }
    : { ok: false };
}

export const isRequired = (schema: JsonSchema | undefined, name: string) => schema?.required?.includes(name) ?? false;

export const fieldType = typeOf;
