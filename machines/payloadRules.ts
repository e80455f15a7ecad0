import type { PayloadRule } from './definition.js';

/**
 * The part of JSON Schema an event payload uses: a strict object of strings, numbers and enums.
 * Generated from the zod schemas (machines/eventRules.generated.ts), so the workflow bundle can
 * refuse a malformed payload without carrying zod.
 */
export interface PayloadSchema {
  type?: 'object' | 'string' | 'number' | 'integer' | 'boolean';
  properties?: Record<string, PayloadSchema>;
  required?: readonly string[];
  additionalProperties?: boolean;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  exclusiveMinimum?: number;
  maximum?: number;
  exclusiveMaximum?: number;
  enum?: readonly unknown[];
}

type Issue = { path: PropertyKey[]; message: string };

// Worded as zod words them, so a refusal reads the same whichever side checked it.
function received(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  return typeof value;
}

const quote = (value: unknown) => (typeof value === 'string' ? JSON.stringify(value) : String(value));

function checkValue(schema: PayloadSchema, value: unknown, path: PropertyKey[], issues: Issue[]): void {
  if (schema.enum) {
    if (!schema.enum.includes(value))
      issues.push({ path, message: `Invalid option: expected one of ${schema.enum.map(quote).join('|')}` });
    return;
  }
  switch (schema.type) {
    case 'object':
      return checkObject(schema, value, path, issues);
    case 'string':
      if (typeof value !== 'string')
        return void issues.push({ path, message: `Invalid input: expected string, received ${received(value)}` });
      if (schema.minLength !== undefined && value.length < schema.minLength)
        issues.push({ path, message: `Too small: expected string to have >=${schema.minLength} characters` });
      if (schema.maxLength !== undefined && value.length > schema.maxLength)
        issues.push({ path, message: `Too big: expected string to have <=${schema.maxLength} characters` });
      return;
    case 'number':
    case 'integer':
      return checkNumber(schema, value, path, issues);
    case 'boolean':
      if (typeof value !== 'boolean')
        issues.push({ path, message: `Invalid input: expected boolean, received ${received(value)}` });
      return;
  }
}

function checkNumber(schema: PayloadSchema, value: unknown, path: PropertyKey[], issues: Issue[]): void {
  if (typeof value !== 'number' || !Number.isFinite(value))
    return void issues.push({ path, message: `Invalid input: expected number, received ${received(value)}` });
  if (schema.type === 'integer' && !Number.isInteger(value))
    return void issues.push({ path, message: 'Invalid input: expected int, received number' });
  if (schema.minimum !== undefined && value < schema.minimum)
    issues.push({ path, message: `Too small: expected number to be >=${schema.minimum}` });
  if (schema.exclusiveMinimum !== undefined && value <= schema.exclusiveMinimum)
    issues.push({ path, message: `Too small: expected number to be >${schema.exclusiveMinimum}` });
  if (schema.maximum !== undefined && value > schema.maximum)
    issues.push({ path, message: `Too big: expected number to be <=${schema.maximum}` });
  if (schema.exclusiveMaximum !== undefined && value >= schema.exclusiveMaximum)
    issues.push({ path, message: `Too big: expected number to be <${schema.exclusiveMaximum}` });
}

function checkObject(schema: PayloadSchema, value: unknown, path: PropertyKey[], issues: Issue[]): void {
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    return void issues.push({ path, message: `Invalid input: expected object, received ${received(value)}` });
  const record = value as Record<string, unknown>;
  const properties = schema.properties ?? {};
  const required = new Set(schema.required ?? []);
  for (const [key, child] of Object.entries(properties)) {
    if (record[key] === undefined) {
      if (required.has(key)) checkValue(child, undefined, [...path, key], issues);
      continue;
    }
    checkValue(child, record[key], [...path, key], issues);
  }
  if (schema.additionalProperties === false) {
    const extra = Object.keys(record).filter((key) => !(key in properties));
    if (extra.length > 0)
      issues.push({
        path,
        message: `Unrecognized key${extra.length > 1 ? 's' : ''}: ${extra.map((k) => JSON.stringify(k)).join(', ')}`,
      });
  }
}

/** A payload rule that checks a value against a generated schema, with zod's verdicts and wording. */
export function payloadRule(schema: PayloadSchema): PayloadRule {
  return {
    safeParse(payload) {
      const issues: Issue[] = [];
      checkValue(schema, payload, [], issues);
      return issues.length === 0 ? { success: true } : { success: false, error: { issues } };
    },
  };
}

/** The payload rules of one machine version, by event type (none before the file is first generated). */
export const payloadRules = (
  schemas: Readonly<Record<string, PayloadSchema>> | undefined,
): Record<string, PayloadRule> =>
  Object.fromEntries(Object.entries(schemas ?? {}).map(([type, schema]) => [type, payloadRule(schema)]));
