// The audit trail: every write, with who made it (subject, role, region), when, the operation, the
// entity, and the record before and after. Kept in the writing subgraph's own database, in the same
// transaction as the write, so a write and its audit entry stand or fall together.
import { Entity, Enum, Index, PrimaryKey, Property, wrap } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'crypto';
import { GraphQLScalarType } from 'graphql';
import { GraphQLDateTime, GraphQLJSONObject } from 'graphql-scalars';
import { Arg, Args, Ctx, Directive, Field, FieldResolver, ID, Int, ObjectType, Resolver, Root } from 'type-graphql';
import { NATION, countyCodesIn, levelOf } from '../identity/regions';
import { type Viewer } from '../identity/viewer';
import type { Context } from './context';
import { forbidden } from '../errors';
import { connectionType, findPage, PAGE_MAX, PageArgs, type Connection } from './connection';

// graphql-scalars' scalars, described like every element of the API (English with the Chinese term).
const DateTimeScalar = new GraphQLScalarType({
  ...GraphQLDateTime.toConfig(),
  description: 'An instant 时刻: an ISO 8601 date-time with its zone, such as 2017-12-31T16:00:00Z (not a calendar day; those are `Date`).',
});
const JSONObjectScalar = new GraphQLScalarType({
  ...GraphQLJSONObject.toConfig(),
  description: 'A JSON object JSON对象 (ECMA-404): a record as it was written, field by field.',
});

@Directive('@shareable')
@ObjectType({ description: 'One write in the audit trail 操作记录.' })
@Entity()
@Index({ properties: ['countyCode', 'at'] })
export class AuditEntry {
  @Field(() => ID, { description: "The entry's id 记录编号." })
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Field(() => DateTimeScalar, { description: 'When it was written 操作时间: an instant (ISO 8601 with zone), not a calendar day.' })
  @Property({ type: 'timestamptz' })
  at!: Date;

  @Field({ description: 'Who 操作人: the token subject.' })
  @Property({ type: 'string' })
  actor!: string;

  @Field({ description: 'The role the writer acted in 角色, e.g. county_operator.' })
  @Property({ type: 'string' })
  role!: string;

  @Field(() => String, { nullable: true, description: "The region code of the writer's role 所属地区 (null for roles without one)." })
  @Property({ type: 'string', nullable: true })
  region!: string | null;

  @Field({ description: 'The county 县级行政区 the write belongs to (000000 for the milestone settings every province shares).' })
  @Property({ type: 'string', length: 6 })
  countyCode!: string;

  @Field({ description: 'The mutation 操作, e.g. admit.' })
  @Property({ type: 'string' })
  operation!: string;

  @Field({ description: 'The record type 记录类型, e.g. Incubation.' })
  @Property({ type: 'string' })
  entityType!: string;

  @Field(() => ID, { description: 'The id of the record written 记录编号.' })
  @Property({ type: 'string' })
  entityId!: string;

  @Field({ description: 'The change 变更: create, update or delete.' })
  @Enum({ items: ['create', 'update', 'delete'], nativeEnumName: 'audit_change' })
  change!: 'create' | 'update' | 'delete';

  @Field(() => JSONObjectScalar, { nullable: true, description: 'The record before 变更前 (null when created).' })
  @Property({ type: 'json', nullable: true })
  before!: Record<string, unknown> | null;

  @Field(() => JSONObjectScalar, { nullable: true, description: 'The record after 变更后 (null when deleted).' })
  @Property({ type: 'json', nullable: true })
  after!: Record<string, unknown> | null;
}

/** A change about to be written: the record, what kind of change, and the record as it was. */
export interface PendingChange {
  entity: object;
  entityType: string;
  change: AuditEntry['change'];
  before: Record<string, unknown> | null;
}

/** The changes `tx` would write now (computed before the flush, while "before" is still known). */
export function pendingChanges(tx: EntityManager): PendingChange[] {
  const uow = tx.getUnitOfWork();
  uow.computeChangeSets();
  return uow
    .getChangeSets()
    .filter((changeSet) => !(changeSet.entity instanceof AuditEntry))
    .map((changeSet) => ({
      entity: changeSet.entity,
      entityType: changeSet.name,
      change: changeSet.type as AuditEntry['change'],
      // A copy: the unit of work refreshes its snapshot when it flushes.
      before: changeSet.type === 'create' || !changeSet.originalEntity ? null : (JSON.parse(JSON.stringify(changeSet.originalEntity)) as Record<string, unknown>),
    }));
}

/** The longest text an audit row keeps of one field; the rest is noted by its length, so a row stays small. */
export const AUDIT_TEXT_MAX = 1000;

/** A record as the audit trail keeps it: long texts cut to AUDIT_TEXT_MAX characters. */
export function bounded<T>(value: T, depth = 0): T {
  if (typeof value === 'string' && value.length > AUDIT_TEXT_MAX) return `${value.slice(0, AUDIT_TEXT_MAX)}… (${value.length} characters)` as T;
  if (value === null || typeof value !== 'object' || depth > 10) return value;
  if (Array.isArray(value)) return value.slice(0, 100).map((item) => bounded(item, depth + 1)) as T;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, bounded(item, depth + 1)])) as T;
}

/** A record as the database now holds it, shaped as the unit of work's own snapshots (related records by id, the version included). */
function snapshot(tx: EntityManager, entity: object): Record<string, unknown> {
  const version = wrap(entity, true).__meta.versionProperty;
  const data: Record<string, unknown> = { ...tx.getComparator().prepareEntity(entity) };
  if (version) data[version] = (entity as Record<string, unknown>)[version];
  return JSON.parse(JSON.stringify(data)) as Record<string, unknown>;
}

/** Audit entries for changes just flushed: "after" and the id as the database now holds them. */
export function recordChanges(tx: EntityManager, changes: PendingChange[], viewer: Viewer, operation: string, countyCode: string): void {
  const at = new Date();
  for (const { entity, entityType, change, before } of changes) {
    const record = wrap(entity, true);
    tx.create(AuditEntry, {
      id: randomUUID(),
      at,
      actor: viewer.sub,
      role: viewer.role,
      region: viewer.region ?? null,
      countyCode,
      operation,
      entityType,
      entityId: String(record.getPrimaryKey()),
      change,
      before: bounded(before),
      // The same snapshot `before` is taken from (related records by id), so each entry's `before` is the previous `after`.
      after: change === 'delete' ? null : bounded(snapshot(tx, entity)),
    });
  }
}

/** The audit trail of a scope across the tiers; each subgraph contributes its own entries. */
@Directive('@key(fields: "scope")')
@ObjectType('AuditTrail', { description: 'The audit trail 操作记录 of a scope (000000 for the nation, or a province, prefecture or county code), tier by tier.' })
export class AuditTrailReference {
  @Field(() => ID, { description: 'The scope 范围: 000000 for the nation, or a province, prefecture or county code.' })
  scope!: string;
}

/**
 * The entries of a scope (the province subgraph has checked it against the register): the nation's are
 * all; a province's are its counties' and the milestone settings every province shares (000000); a
 * prefecture's or a county's are its counties'.
 */
export function auditScope(scope: string): Record<string, unknown> {
  const level = levelOf(scope);
  if (level === 'nation') return {};
  const inside = { countyCode: countyCodesIn(scope) };
  return level === 'province' ? { $or: [inside, { countyCode: NATION }] } : inside;
}

/** Newest first; entries of one write share their instant, so the id breaks the tie. */
const NEWEST_FIRST = [['at', 'desc'], ['id', 'desc']] as const;

/** One page of the audit trail, newest first: the type every tier's `<tier>Connection` returns. */
export const AuditEntryConnection = connectionType(AuditEntry);

/** The fields a subgraph contributes to AuditTrail: its own entries, newest first, as a connection and as the older plain list. */
export function auditTrailResolver(tier: string) {
  const mayRead = (trail: AuditTrailReference, viewer: Viewer) => {
    const allowed = viewer.role === 'province_admin' || (viewer.role === 'county_operator' && viewer.region === trail.scope);
    if (!allowed) throw forbidden(`A ${viewer.role}${viewer.region ? ` of ${viewer.region}` : ''} may not read the audit trail of ${trail.scope}; province administrators read any scope, a county operator its own county.`);
  };
  @Resolver(() => AuditTrailReference)
  class AuditTrailResolver {
    // Nullable like every field a tier contributes: with one tier down, the other tiers' writes still show.
    @FieldResolver(() => [AuditEntry], {
      name: tier,
      nullable: true,
      deprecationReason: `Use ${tier}Connection, which pages back to the first entry.`,
      description: `Writes recorded by the ${tier} subgraph 操作记录, newest first, the first \`first\` only (default 100, at most ${PAGE_MAX}: more is refused); null, with an error naming the tier, when it does not answer.`,
    })
    async entries(
      @Root() trail: AuditTrailReference,
      @Ctx() { em, viewer }: Context,
      @Arg('first', () => Int, { defaultValue: 100, description: `How many entries 条数 (at most ${PAGE_MAX}).` }) first: number,
    ): Promise<AuditEntry[]> {
      mayRead(trail, viewer);
      return (await findPage(em, AuditEntry, auditScope(trail.scope), NEWEST_FIRST, { first })).nodes;
    }

    @FieldResolver(() => AuditEntryConnection, {
      name: `${tier}Connection`,
      nullable: true,
      description: `Writes recorded by the ${tier} subgraph 操作记录, newest first, paged back to the first one; null, with an error naming the tier, when it does not answer.`,
    })
    connection(@Root() trail: AuditTrailReference, @Ctx() { em, viewer }: Context, @Args() page: PageArgs): Promise<Connection<AuditEntry>> {
      mayRead(trail, viewer);
      return findPage(em, AuditEntry, auditScope(trail.scope), NEWEST_FIRST, page);
    }
  }
  return AuditTrailResolver;
}

