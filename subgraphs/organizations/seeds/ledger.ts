// The seed's stand-in for the transaction the lifecycle steps are given: the same step functions run
// (every check of R1–R6 and C1–C4), but their look-ups are answered from the records this chunk of the
// seed created, in memory, instead of a SELECT each. Writing stays with the real transaction:
// `create` goes to its unit of work, flushed in multi-row INSERTs once per chunk.
//
// Why memory answers what the database would: the seed starts from an empty organizations database and
// writes each organization's whole story inside one chunk, so every record a step can ask about was
// created in this chunk (an organization of another chunk is another organization). A query shape the
// ledger does not know is refused loudly rather than answered wrong.
import type { EntityManager } from '@mikro-orm/postgresql';

type Row = Record<string, unknown>;
type Where = Record<string, unknown>;
type Class = abstract new (...args: never[]) => object;

const KNOWN_OPTIONS = new Set(['populate', 'lockMode', 'orderBy', 'limit']);

/** An entity (a record another refers to), not an operator object or a value. */
const isRecord = (value: unknown): value is object => typeof value === 'object' && value !== null && value.constructor !== Object && !Array.isArray(value);

const OPERATORS = new Set(['$gt', '$nin']);

/** Refuses a query shape before any row is looked at: an empty chunk must not hide an unknown operator. */
function checkShape(where: Where): void {
  for (const [key, wanted] of Object.entries(where)) {
    if (typeof wanted !== 'object' || wanted === null || (wanted as object).constructor !== Object) continue;
    for (const op of Object.keys(wanted)) if (!OPERATORS.has(op)) throw new Error(`the seed ledger does not answer ${op} (on ${key})`);
  }
}

function matches(row: Row, where: Where): boolean {
  for (const [key, wanted] of Object.entries(where)) {
    const value = row[key];
    if (wanted === null) {
      if (value !== null && value !== undefined) return false;
    } else if (typeof wanted === 'object' && (wanted as object).constructor === Object) {
      for (const [op, operand] of Object.entries(wanted as Record<string, unknown>)) {
        if (op === '$gt') {
          if (!((value as string) > (operand as string))) return false;
        } else if (op === '$nin') {
          if ((operand as unknown[]).includes(value)) return false;
        } else {
          throw new Error(`the seed ledger does not answer ${op} (on ${key})`);
        }
      }
    } else if (value !== wanted) {
      return false; // entities compare by identity: one instance per record in the unit of work
    }
  }
  return true;
}

export class SeedLedger {
  private readonly rows = new Map<Class, Row[]>();
  private readonly byId = new Map<Class, Map<string, Row>>();
  /** Rows by the record they belong to (`incubation`, `application`, `organization`): no scan per look-up. */
  private readonly byOwner = new Map<Class, Map<string, Map<object, Row[]>>>();

  constructor(private readonly tx: EntityManager) {}

  /** What the steps see: the transaction's `create`, and look-ups over this chunk's records. */
  get em(): EntityManager {
    return this as unknown as EntityManager;
  }

  create(entity: Class, data: object): object {
    const created = this.tx.create(entity as never, data as never) as Row;
    if (!this.rows.has(entity)) this.rows.set(entity, []), this.byId.set(entity, new Map());
    this.rows.get(entity)!.push(created);
    this.byId.get(entity)!.set(created.id as string, created);
    for (const [key, value] of Object.entries(data)) {
      if (!isRecord(value)) continue;
      const owners = this.byOwner.get(entity) ?? this.byOwner.set(entity, new Map()).get(entity)!;
      const rows = owners.get(key) ?? owners.set(key, new Map()).get(key)!;
      rows.get(value)?.push(created) ?? rows.set(value, [created]);
    }
    return created;
  }

  async find(entity: Class, where: Where, options: { orderBy?: Record<string, 'asc' | 'desc'>; limit?: number } = {}): Promise<object[]> {
    for (const key of Object.keys(options)) if (!KNOWN_OPTIONS.has(key)) throw new Error(`the seed ledger does not answer the option ${key}`);
    checkShape(where);
    let found: Row[];
    if (typeof where.id === 'string') {
      const row = this.byId.get(entity)?.get(where.id);
      found = row && matches(row, where) ? [row] : [];
    } else {
      const owner = Object.entries(where).find(([, value]) => isRecord(value));
      const candidates = owner ? (this.byOwner.get(entity)?.get(owner[0])?.get(owner[1] as object) ?? []) : (this.rows.get(entity) ?? []);
      found = candidates.filter((row) => matches(row, where));
    }
    const order = Object.entries(options.orderBy ?? {});
    if (order.length) {
      found = [...found].sort((a, b) => {
        for (const [key, direction] of order) {
          const c = (a[key] as string) < (b[key] as string) ? -1 : (a[key] as string) > (b[key] as string) ? 1 : 0;
          if (c) return direction === 'desc' ? -c : c;
        }
        return 0;
      });
    }
    return options.limit === undefined ? found : found.slice(0, options.limit);
  }

  async findOne(entity: Class, where: Where, options: object = {}): Promise<object | null> {
    return (await this.find(entity, where, { ...options, limit: 1 }))[0] ?? null;
  }

  async count(entity: Class, where: Where): Promise<number> {
    return (await this.find(entity, where)).length;
  }

  /** Writes the chunk (multi-row INSERTs) and forgets it: memory stays flat over the national seed. */
  async flush(): Promise<void> {
    await this.tx.flush();
    this.tx.clear();
    this.rows.clear();
    this.byId.clear();
    this.byOwner.clear();
  }
}
