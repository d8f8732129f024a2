// F5 信息发布: publishing and withdrawing items of the public information catalogue. Like the lifecycle
// steps, each function holds all of its checks and runs inside the kit's write() (one transaction, the
// audit trail, Idempotency-Key); the scope it authorizes is the publisher's: a county for its own items
// and its centers' and stations' (a station operator for its own station), the province administrators
// for a prefecture's or the province's.
import { randomUUID } from 'crypto';
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput, conflict, notFound } from '../kit/errors';
import { NATION, isRegionCode, levelOf, type WriteScope } from '../kit/identity';
import type { Authorize } from '../kit/runtime';
import { HostKind } from './entities/host';
import { MAX_BODY, MAX_LINK, MAX_TITLE, PublishedItem, PublishedItemKind, PublisherLevel } from './entities/published-item';
import { notBefore, pastOrToday } from './lifecycle/dates';
import type { Desk } from './lifecycle/desk';

export interface Publication {
  /** A province, prefecture or county publishing in its own name… */
  regionCode?: string | null;
  /** …or an incubation center or station (exactly one of the two). */
  hostId?: string | null;
  kind: PublishedItemKind;
  title: string;
  body: string;
  link?: string | null;
  publishedOn: string;
}

const LEVELS = { province: PublisherLevel.PROVINCE, prefecture: PublisherLevel.PREFECTURE, county: PublisherLevel.COUNTY } as const;

/** Who may write about an item: its county or region, and its host when a center or station published it. */
const scopeOf = (item: PublishedItem): WriteScope => ({ countyCode: item.regionCode, ...(item.hostId ? { hostId: item.hostId } : {}) });

/** Publishes an item in the catalogue, in the name of a region or of a center or station. */
export async function publishItem(tx: EntityManager, authorize: Authorize, input: Publication, desk: Desk): Promise<PublishedItem> {
  const title = input.title.trim();
  const body = input.body.trim();
  const link = input.link?.trim() || null;
  if (!title || title.length > MAX_TITLE) throw badInput(`An item's title is 1 to ${MAX_TITLE} characters; this one has ${title.length}.`);
  if (!body || body.length > MAX_BODY) throw badInput(`An item's text is 1 to ${MAX_BODY} characters; this one has ${body.length}.`);
  if (link && (link.length > MAX_LINK || !/^https?:\/\/[^\s]+$/.test(link))) throw badInput(`link must be an http or https address of at most ${MAX_LINK} characters.`);
  pastOrToday(input.publishedOn, 'publishedOn', desk.today);
  if (!!input.regionCode === !!input.hostId) throw badInput('Name the publisher once: either regionCode (a province, prefecture or county) or hostId (a center or station).');

  const fields = { id: randomUUID(), kind: input.kind, title, body, link, publishedOn: input.publishedOn };
  if (input.regionCode) {
    const code = input.regionCode;
    if (!isRegionCode(code) || code === NATION) throw badInput(`regionCode "${code}" is not a province, prefecture or county code (six digits, not 000000).`);
    authorize({ countyCode: code });
    return tx.create(PublishedItem, { ...fields, publisherLevel: LEVELS[levelOf(code) as keyof typeof LEVELS], regionCode: code });
  }
  const host = await desk.hosts.find(input.hostId!);
  if (!host) throw notFound(`No incubation center or station has id ${input.hostId}.`);
  authorize({ countyCode: host.countyCode, hostId: host.id });
  const publisherLevel = host.kind === HostKind.CENTER ? PublisherLevel.CENTER : PublisherLevel.STATION;
  return tx.create(PublishedItem, { ...fields, publisherLevel, regionCode: host.countyCode, hostId: host.id, hostKind: host.kind });
}

/** Withdraws a published item: it leaves the public list; the table and the audit trail keep it. */
export async function withdrawItem(tx: EntityManager, authorize: Authorize, input: { id: string; on: string; reason: string }, desk: Desk): Promise<PublishedItem> {
  pastOrToday(input.on, 'on', desk.today);
  const item = await tx.findOne(PublishedItem, { id: input.id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!item) throw notFound(`No published item has id ${input.id}.`);
  authorize(scopeOf(item));
  if (item.withdrawnOn) throw conflict(`This item was withdrawn on ${item.withdrawnOn} already; nothing was changed.`);
  notBefore(input.on, item.publishedOn, 'withdrawal', 'publication');
  const reason = input.reason.trim();
  if (!reason) throw badInput('Say why the item is withdrawn (reason).');
  item.withdrawnOn = input.on;
  item.withdrawalReason = reason;
  return item;
}
