// What this tier contributes to the hosts and counties other tiers own: incubations and yearly counts,
// aggregated in SQL with GROUP BY, one statement for every host (or county) of the request.
import { Arg, Args, Ctx, Field, FieldResolver, Int, ObjectType, Resolver, Root } from 'type-graphql';
import { CountyReference } from '../../kit/federation';
import { DESCRIBE, FIRST_SERIES_YEAR, PageArgs, pagedLoader, selectRows, sqlArray, yearlySeries, type Connection, type Context, type YearRow } from '../../kit/runtime';
import { PLAIN_LIST_DEFAULT, plainFirst } from './lists';
import { IncubationConnection } from './organization';
import { IncubationCenterReference, IncubationStationReference } from '../entities/host';
import { Incubation, IncubationStatus } from '../entities/incubation';

@ObjectType({ description: 'One calendar year of incubation 年度孵化情况 at a host or in a county.' })
export class IncubationYear {
  @Field(() => Int, { description: DESCRIBE.seriesYear })
  year!: number;

  @Field(() => Int, { description: 'Organizations admitted 入驻 in the year.' })
  admitted!: number;

  @Field(() => Int, { description: 'Admitted 入驻 in the year by the county center 孵化中心.' })
  admittedByCenter!: number;

  @Field(() => Int, { description: 'Admitted 入驻 in the year by stations 孵化站.' })
  admittedByStations!: number;

  @Field(() => Int, { description: 'Graduated 出壳 in the year.' })
  graduated!: number;

  @Field(() => Int, { description: 'Exited 退出 in the year.' })
  exited!: number;

  @Field(() => Int, { description: 'Still incubating 在孵 on 31 December.' })
  incubatingAtYearEnd!: number;
}

/** Yearly counts of one host or county, from one statement for all of the request's: `column` says which. */
function yearly(ctx: Context, column: 'host_id' | 'county_code', key: string, fromYear: number, toYear?: number): Promise<IncubationYear[]> {
  const select = (keys: readonly string[], from: number, to: number) =>
    selectRows<YearRow & Omit<IncubationYear, 'year'>>(
      ctx.em,
      `select i.${column} as key, y.year,
         count(*) filter (where extract(year from i.admitted_on) = y.year)::int as admitted,
         count(*) filter (where extract(year from i.admitted_on) = y.year and i.host_kind = 'CENTER')::int as "admittedByCenter",
         count(*) filter (where extract(year from i.admitted_on) = y.year and i.host_kind = 'STATION')::int as "admittedByStations",
         count(*) filter (where extract(year from i.graduated_on) = y.year)::int as graduated,
         count(*) filter (where extract(year from i.exited_on) = y.year)::int as exited,
         count(*) filter (where i.admitted_on <= make_date(y.year, 12, 31)
           and coalesce(i.graduated_on, i.exited_on, 'infinity'::date) > make_date(y.year, 12, 31))::int as "incubatingAtYearEnd"
       from incubation i cross join generate_series(?::int, ?::int) as y(year)
       where i.${column} = any(?::${column === 'host_id' ? 'uuid' : 'text'}[])
       group by i.${column}, y.year`,
      [from, to, sqlArray(keys)],
    );
  return yearlySeries(ctx, `years:${column}`, key, fromYear, toYear, select, (year, row) => ({
    year,
    admitted: row?.admitted ?? 0,
    admittedByCenter: row?.admittedByCenter ?? 0,
    admittedByStations: row?.admittedByStations ?? 0,
    graduated: row?.graduated ?? 0,
    exited: row?.exited ?? 0,
    incubatingAtYearEnd: row?.incubatingAtYearEnd ?? 0,
  }));
}

/**
 * The same fields on IncubationCenter and IncubationStation: one resolver class made for each. Nullable,
 * like every field one tier contributes to another's entity, so a page survives this subgraph being down.
 */
function hostCountsResolver(host: typeof IncubationCenterReference | typeof IncubationStationReference) {
  @Resolver(() => host)
  class HostCountsResolver {
    @FieldResolver(() => Int, { nullable: true, description: 'Organizations admitted 入驻 by this host in the calendar year `year`.' })
    admitted(@Root() root: { id: string }, @Arg('year', () => Int, { description: 'The calendar year 入驻年份.' }) year: number, @Ctx() ctx: Context): Promise<number> {
      return ctx.loaders
        .custom(`admitted:${year}`, async (ids) => {
          const rows: { host_id: string; n: number }[] = await selectRows(
            ctx.em,
            `select host_id, count(*)::int as n from incubation where host_id = any(?::uuid[]) and admitted_on between ? and ? group by host_id`,
            [sqlArray(ids), `${year}-01-01`, `${year}-12-31`],
          );
          const counts = new Map(rows.map((r) => [r.host_id, r.n]));
          return ids.map((id) => counts.get(id) ?? 0);
        })
        .load(root.id);
    }

    @FieldResolver(() => [Incubation], {
      nullable: true,
      deprecationReason: 'Use incubationsConnection, which pages through all of them.',
      description: 'Incubations 孵化 at this host, admitted in `year` when given, by admission date; the first `first` only.',
    })
    async incubations(
      @Root() root: { id: string },
      @Ctx() ctx: Context,
      @Arg('year', () => Int, { nullable: true, description: 'Only those admitted in this calendar year 入驻年份.' }) year?: number,
      @Arg('status', () => IncubationStatus, { nullable: true, description: 'Only those in this status 状态.' }) status?: IncubationStatus,
      @Arg('first', () => Int, plainFirst('Incubations')) first = PLAIN_LIST_DEFAULT,
    ): Promise<Incubation[]> {
      return (await this.incubationsConnection(root, ctx, { first }, year, status)).nodes;
    }

    @FieldResolver(() => IncubationConnection, { nullable: true, description: 'Incubations 孵化 at this host, admitted in `year` when given, by admission date, paged.' })
    incubationsConnection(
      @Root() root: { id: string },
      @Ctx() ctx: Context,
      @Args() page: PageArgs,
      @Arg('year', () => Int, { nullable: true, description: 'Only those admitted in this calendar year 入驻年份.' }) year?: number,
      @Arg('status', () => IncubationStatus, { nullable: true, description: 'Only those in this status 状态.' }) status?: IncubationStatus,
    ): Promise<Connection<Incubation>> {
      const filter = {
        sql: `${year ? 't.admitted_on between ?::date and ?::date' : 'true'} and ${status ? 't.status = ?' : 'true'}`,
        params: [...(year ? [`${year}-01-01`, `${year}-12-31`] : []), ...(status ? [status] : [])],
      };
      return pagedLoader(ctx, `Host.incubations:${year}:${status}`, Incubation, 'hostId', [['admittedOn', 'asc']], page, filter).load(root.id);
    }

    @FieldResolver(() => [IncubationYear], { nullable: true, description: 'Yearly counts 年度孵化数 at this host, `fromYear` to `toYear` (default 2014 to this year).' })
    incubationYears(
      @Root() root: { id: string },
      @Ctx() ctx: Context,
      @Arg('fromYear', () => Int, { defaultValue: FIRST_SERIES_YEAR, description: DESCRIBE.fromYear }) fromYear: number,
      @Arg('toYear', () => Int, { nullable: true, description: DESCRIBE.toYear }) toYear?: number,
    ): Promise<IncubationYear[]> {
      return yearly(ctx, 'host_id', root.id, fromYear, toYear);
    }
  }
  return HostCountsResolver;
}

export const CenterCountsResolver = hostCountsResolver(IncubationCenterReference);
export const StationCountsResolver = hostCountsResolver(IncubationStationReference);

@Resolver(() => CountyReference)
export class CountyCountsResolver {
  @FieldResolver(() => [IncubationYear], {
    nullable: true,
    description: "Yearly incubation counts 年度孵化数 of the county's center and stations together, `fromYear` to `toYear` (default 2014 to this year).",
  })
  incubationYears(
    @Root() county: CountyReference,
    @Ctx() ctx: Context,
    @Arg('fromYear', () => Int, { defaultValue: FIRST_SERIES_YEAR, description: DESCRIBE.fromYear }) fromYear: number,
    @Arg('toYear', () => Int, { nullable: true, description: DESCRIBE.toYear }) toYear?: number,
  ): Promise<IncubationYear[]> {
    return yearly(ctx, 'county_code', county.code, fromYear, toYear);
  }
}
