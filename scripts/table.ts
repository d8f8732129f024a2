// A table for analysts — columns and rows of plain values — from any list a GraphQL answer holds, and the
// same table as CSV, JSON or XLSX. Nested objects become dotted columns (`county.prefecture.name`), in the
// order the operation selects them, so the headers do not depend on which rows happen to carry data;
// nested lists stay in one cell, as JSON. Pure.
import { Kind, type DocumentNode, type FieldNode, type FragmentDefinitionNode, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';

import type { Cell, Row, Table } from './xlsx';
export type { Cell, Row, Table } from './xlsx';

/** The response keys a selection set yields, nested objects as dotted paths (fragments inlined). */
function selectedColumns(selections: SelectionSetNode, fragments: Map<string, FragmentDefinitionNode>, prefix = ''): string[] {
  const columns: string[] = [];
  for (const selection of selections.selections) {
    if (selection.kind === Kind.FIELD) {
      const key = prefix + (selection.alias?.value ?? selection.name.value);
      if (selection.selectionSet) columns.push(key, ...selectedColumns(selection.selectionSet, fragments, `${key}.`));
      else columns.push(key);
    } else {
      const set = selection.kind === Kind.INLINE_FRAGMENT ? selection.selectionSet : fragments.get(selection.name.value)?.selectionSet;
      if (set) columns.push(...selectedColumns(set, fragments, prefix));
    }
  }
  return columns;
}

/** The selection set at a response path of an operation (undefined when the path leaves the document). */
function selectionAt(operation: OperationDefinitionNode, fragments: Map<string, FragmentDefinitionNode>, path: string[]): SelectionSetNode | undefined {
  let set: SelectionSetNode | undefined = operation.selectionSet;
  for (const key of path) {
    const fields: FieldNode[] = set ? flatFields(set, fragments) : [];
    set = fields.find((f) => (f.alias?.value ?? f.name.value) === key)?.selectionSet;
    if (!set) return undefined;
  }
  return set;
}

function flatFields(set: SelectionSetNode, fragments: Map<string, FragmentDefinitionNode>): FieldNode[] {
  return set.selections.flatMap((s): FieldNode[] => {
    if (s.kind === Kind.FIELD) return [s];
    const inner = s.kind === Kind.INLINE_FRAGMENT ? s.selectionSet : fragments.get(s.name.value)?.selectionSet;
    return inner ? flatFields(inner, fragments) : [];
  });
}

function flatten(value: unknown, prefix: string, into: Record<string, Cell>): void {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, inner] of Object.entries(value)) flatten(inner, prefix ? `${prefix}.${key}` : key, into);
  } else if (Array.isArray(value)) {
    into[prefix] = JSON.stringify(value);
  } else {
    into[prefix] = (value ?? null) as Cell;
  }
}

/**
 * The table of the list at `path` (response keys below `data`) of an answer to `operation`. Columns come
 * from the operation's selection (leaves; a nested list is one column holding JSON), then any key the
 * rows carry that the selection does not name.
 */
export function tableOf(document: DocumentNode, operation: OperationDefinitionNode, path: string[], list: unknown[]): Table {
  const fragments = new Map(document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]));
  const set = selectionAt(operation, fragments, path);
  const selected = set ? selectedColumns(set, fragments) : [];
  const isParent = (c: string) => selected.some((d) => d.startsWith(`${c}.`));
  const flat = list.map((item) => {
    const row: Row = {};
    if (item !== null && typeof item === 'object' && !Array.isArray(item)) flatten(item, '', row);
    else row.value = (Array.isArray(item) ? JSON.stringify(item) : (item ?? null)) as Cell;
    return row;
  });
  // A selected field with a selection is a list (one JSON cell) when any row holds a list there, else an object (its leaves).
  const lists = new Set(selected.filter((c) => isParent(c) && flat.some((r) => typeof r[c] === 'string')));
  const underList = (c: string) => [...lists].some((l) => c.startsWith(`${l}.`));
  const columns = selected.filter((c) => !underList(c) && (lists.has(c) || !isParent(c)));
  for (const row of flat) for (const key of Object.keys(row)) if (!columns.includes(key) && !isParent(key)) columns.push(key);
  // Every row carries every column (null where its answer had none), so all formats agree.
  return { columns, rows: flat.map((row) => Object.fromEntries(columns.map((c) => [c, row[c] ?? null]))) };
}
