// Checks every text a caller sends, whatever the field: no NUL bytes (PostgreSQL cannot store them), no
// text longer than FUHUA_MAX_TEXT, no blank names, and ids that are ids. The gateway runs the first two
// on every variable and literal before planning; each subgraph runs all of them on every resolver's
// arguments (a type-graphql global middleware), so a direct fetch gets the same answers. Refusals are
// BAD_USER_INPUT with the argument's path, before anything is read or written.
import { Kind, visit, type DocumentNode } from 'graphql';
import { badInput } from './errors';

export interface TextLimits {
  /** The longest text any argument may carry, in characters (FUHUA_MAX_TEXT). */
  maxText: number;
}

export const DEFAULT_TEXT_LIMITS: TextLimits = { maxText: 4000 };
/** Names of organizations, centers, stations: what fits on a sign, not a page. */
export const MAX_NAME = 200;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: string) => UUID.test(value);

/** Arguments and input fields whose value names something, and may not be blank. */
const NAMING = /^(name|.+Name|reason|text|title)$/;
/** Arguments and input fields that carry a record's id (every record id is a UUID; region codes are `code`). */
const RECORD_ID = /^(id|.+Id)$/;

const bad = (message: string) => badInput(message, { http: { status: 400 } });
const shown = (text: string) => JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);

function checkText(text: string, where: string, limits: TextLimits): void {
  if (text.includes('\u0000')) throw bad(`${where} contains a NUL character (\\u0000); remove it and send the text again.`);
  if (text.length > limits.maxText) throw bad(`${where} is ${text.length} characters long; at most ${limits.maxText} are accepted.`);
}

/** NUL bytes and over-long texts anywhere in a value (variables as sent, before the schema is consulted). */
export function checkTexts(value: unknown, where: string, limits: TextLimits = DEFAULT_TEXT_LIMITS, depth = 0): void {
  if (typeof value === 'string') return checkText(value, where, limits);
  if (value === null || typeof value !== 'object' || depth > 20) return;
  if (Array.isArray(value)) return value.forEach((item, i) => checkTexts(item, `${where}[${i}]`, limits, depth + 1));
  for (const [key, item] of Object.entries(value)) {
    if (key.includes('\u0000')) throw bad(`${where} has a field name with a NUL character.`);
    checkTexts(item, `${where}.${key}`, limits, depth + 1);
  }
}

/** The same for string literals written into the operation itself. */
export function checkLiterals(document: DocumentNode, limits: TextLimits = DEFAULT_TEXT_LIMITS): void {
  visit(document, {
    [Kind.ARGUMENT]: (node) => {
      visit(node.value, { [Kind.STRING]: (literal) => checkText(literal.value, `The argument "${node.name.value}"`, limits) });
    },
  });
}

/** The full check of named arguments: texts, blank names, ids. */
export function checkArguments(args: Record<string, unknown>, limits: TextLimits = DEFAULT_TEXT_LIMITS, where = '', depth = 0): void {
  if (depth > 20) return;
  for (const [key, value] of Object.entries(args)) {
    const path = where ? `${where}.${key}` : key;
    if (typeof value === 'string') {
      checkText(value, `"${path}"`, limits);
      if (NAMING.test(key)) {
        if (!value.trim()) throw bad(`"${path}" is blank; write it out.`);
        if (/^(name|.+Name)$/.test(key) && value.length > MAX_NAME) throw bad(`"${path}" is ${value.length} characters long; a name has at most ${MAX_NAME}.`);
      }
      if (RECORD_ID.test(key)) {
        if (!value) throw bad(`"${path}" is empty; give the record's id, or leave the field out.`);
        if (!isUuid(value)) throw bad(`"${path}" ${shown(value)} is not a record id (ids look like 3f2b8c1e-…, 36 characters).`);
      }
    } else if (Array.isArray(value)) {
      value.forEach((item, i) =>
        item !== null && typeof item === 'object' ? checkArguments(item as Record<string, unknown>, limits, `${path}[${i}]`, depth + 1) : checkArguments({ [key]: item }, limits, where, depth + 1),
      );
    } else if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
      checkArguments(value as Record<string, unknown>, limits, path, depth + 1);
    }
  }
}
