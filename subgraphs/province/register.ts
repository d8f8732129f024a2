// The register this tier owns (provinces, prefectures, county-level units), held in memory once per
// process: it is reference data, seeded once into an empty database and written by no mutation (towns and
// their larger-town designations, which do change, are the stations tier's). Every register look-up of a
// request (a region by code, a scope, the counties of a scorecard, an entity reference) is then answered
// without SQL. A changed register (a new data/register file) takes a restart, like a new release.
import type { MikroORM } from '@mikro-orm/postgresql';
import { regionPrefix } from '../kit/identity';
import { selectRows } from '../kit/runtime';
import type { Context } from '../kit/runtime';
import { County, CountyKind, Prefecture, Province } from './entities/region';

const byCode = (a: { code: string }, b: { code: string }) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);

export class RegisterCache {
  readonly provinces: readonly Province[];
  readonly prefectures: readonly Prefecture[];
  readonly counties: readonly County[];
  private readonly province = new Map<string, Province>();
  private readonly prefecture = new Map<string, Prefecture>();
  private readonly county = new Map<string, County>();
  private readonly prefecturesIn = new Map<string, Prefecture[]>();
  private readonly countiesIn = new Map<string, County[]>();

  constructor(rows: readonly RegisterRow[]) {
    const provinces: Province[] = [];
    const prefectures: Prefecture[] = [];
    const counties: County[] = [];
    for (const row of rows) {
      if (row.level === 'province') provinces.push(Object.assign(new Province(), { code: row.code, name: row.name }));
      else if (row.level === 'prefecture') prefectures.push(Object.assign(new Prefecture(), { code: row.code, name: row.name, provinceCode: row.parent }));
      else counties.push(Object.assign(new County(), { code: row.code, name: row.name, kind: row.kind as CountyKind, prefectureCode: row.parent }));
    }
    this.provinces = provinces.sort(byCode);
    this.prefectures = prefectures.sort(byCode);
    this.counties = counties.sort(byCode);
    for (const p of this.provinces) this.province.set(p.code, p);
    for (const p of this.prefectures) {
      this.prefecture.set(p.code, p);
      this.prefecturesIn.set(p.provinceCode, [...(this.prefecturesIn.get(p.provinceCode) ?? []), p]);
    }
    for (const c of this.counties) {
      this.county.set(c.code, c);
      this.countiesIn.set(c.prefectureCode, [...(this.countiesIn.get(c.prefectureCode) ?? []), c]);
    }
  }

  provinceOf(code: string): Province | null {
    return this.province.get(code) ?? null;
  }

  prefectureOf(code: string): Prefecture | null {
    return this.prefecture.get(code) ?? null;
  }

  countyOf(code: string): County | null {
    return this.county.get(code) ?? null;
  }

  /** A province's prefectures, by code. */
  prefecturesOf(provinceCode: string): readonly Prefecture[] {
    return this.prefecturesIn.get(provinceCode) ?? [];
  }

  /** A prefecture's county-level units, by code. */
  countiesOf(prefectureCode: string): readonly County[] {
    return this.countiesIn.get(prefectureCode) ?? [];
  }

  /** Whether a province, prefecture or county of the register has this code. */
  has(code: string): boolean {
    return this.province.has(code) || this.prefecture.has(code) || this.county.has(code);
  }

  /** The county-level units inside a scope (000000: all), by code, development zones left out unless asked. */
  countiesInScope(scope: string, withDevelopmentZones: boolean): County[] {
    const prefix = regionPrefix(scope);
    return this.counties.filter((c) => c.code.startsWith(prefix) && (withDevelopmentZones || c.kind !== CountyKind.DEVELOPMENT_ZONE));
  }
}

interface RegisterRow {
  level: 'province' | 'prefecture' | 'county';
  code: string;
  name: string;
  parent: string;
  kind: string | null;
}

/** The whole register in one statement. */
const REGISTER_SQL = `
  select 'province' as level, code, name, null as parent, null as kind from province
  union all select 'prefecture', code, name, province_code, null from prefecture
  union all select 'county', code, name, prefecture_code, kind::text from county`;

let held: RegisterCache | undefined;

/** Reads the register at start (before the first request), so no request pays for it. */
export async function loadRegisterCache(orm: MikroORM): Promise<void> {
  const cache = new RegisterCache(await selectRows<RegisterRow>(orm.em.fork() as never, REGISTER_SQL, []));
  // An empty register (a replica that started before the migration job seeded it) is read again on use.
  held = cache.provinces.length ? cache : undefined;
}

/** What `use` makes of the register: at once when it is in memory (the usual case), else once it is read. */
export function withRegister<T>(ctx: Context, use: (register: RegisterCache) => T): T | Promise<T> {
  return held ? use(held) : registerOf(ctx).then(use);
}

/** The register, from memory; read (once, in the request's statement count) only if the start found it empty. */
export async function registerOf(ctx: Context): Promise<RegisterCache> {
  if (held) return held;
  const cache = new RegisterCache(await selectRows<RegisterRow>(ctx.em, REGISTER_SQL, []));
  if (cache.provinces.length) held = cache;
  return cache;
}

/** `__resolveReference` for a region entity: from the register in memory (null for a code it lacks). */
export function referenceFrom<T>(find: (register: RegisterCache, code: string) => T | null) {
  return {
    __resolveReference: (reference: { code: string }, ctx: Context) => withRegister(ctx, (register) => find(register, reference.code)),
  };
}
