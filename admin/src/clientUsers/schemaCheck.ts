/** The part of a JSON schema the console's action forms check: the API serves them (GET /api/directory-actions/schemas). */
export interface FieldSchema {
  type?: string;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
}
export interface ObjectSchema {
  properties?: Record<string, FieldSchema>;
  required?: string[];
}

/** A broken rule, named for the message the console shows in its language. */
export interface FieldProblem {
  rule: 'required' | 'minLength' | 'maxLength' | 'email' | 'format';
  n?: number;
}

/**
 * What the API would refuse, said before sending: the first broken rule of each field. The API
 * checks again (and more, such as an address already in use); this only spares a round trip.
 */
export function checkAgainst(
  schema: ObjectSchema | undefined,
  values: Record<string, string>,
): Record<string, FieldProblem> {
  const problems: Record<string, FieldProblem> = {};
  if (!schema) return problems;
  for (const [name, rule] of Object.entries(schema.properties ?? {})) {
    const value = (values[name] ?? '').trim();
    if (value === '') {
      if (schema.required?.includes(name)) problems[name] = { rule: 'required' };
      continue;
    }
    if (rule.minLength !== undefined && value.length < rule.minLength)
      problems[name] = { rule: 'minLength', n: rule.minLength };
    else if (rule.maxLength !== undefined && value.length > rule.maxLength)
      problems[name] = { rule: 'maxLength', n: rule.maxLength };
    else if (rule.pattern !== undefined && !new RegExp(rule.pattern).test(value))
      problems[name] = { rule: rule.format === 'email' ? 'email' : 'format' };
  }
  return problems;
}
