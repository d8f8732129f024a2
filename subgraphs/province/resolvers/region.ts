import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { notFound } from '../../kit/errors';
import { AuditTrailReference, DESCRIBE, type Context } from '../../kit/runtime';
import { County, CountyKind, Prefecture, Province } from '../entities/region';
import { assertRegionCode, checkScope } from '../scope';

@Resolver(() => Province)
export class ProvinceResolver {
  @Query(() => Province, { description: 'A province by its six-digit code (220000 for 吉林省).' })
  async province(@Arg('code', () => ID, { description: DESCRIBE.regionCode('220000') }) code: string, @Ctx() { loaders }: Context): Promise<Province> {
    assertRegionCode(code, 'code');
    return (await loaders.one(Province, 'code').load(code)) ?? Promise.reject(notFound(`No province has code ${code}.`));
  }

  @Query(() => [Province], { description: 'Every province-level unit 省级行政区 in the register.' })
  provinces(@Ctx() { em }: Context): Promise<Province[]> {
    return em.find(Province, {}, { orderBy: { code: 'asc' } });
  }

  @FieldResolver(() => [Prefecture], { description: 'Its prefecture-level units 地级行政区, by code.' })
  prefectures(@Root() province: Province, @Ctx() { loaders }: Context): Promise<Prefecture[]> {
    return loaders.many(Prefecture, 'provinceCode', { code: 'asc' }).load(province.code);
  }
}

@Resolver(() => Prefecture)
export class PrefectureResolver {
  @Query(() => Prefecture, { description: 'A prefecture by its six-digit code (220100 for 长春市).' })
  async prefecture(@Arg('code', () => ID, { description: DESCRIBE.regionCode('220100') }) code: string, @Ctx() { loaders }: Context): Promise<Prefecture> {
    assertRegionCode(code, 'code');
    return (await loaders.one(Prefecture, 'code').load(code)) ?? Promise.reject(notFound(`No prefecture has code ${code}.`));
  }

  @FieldResolver(() => Province, { description: 'The province-level unit 省级行政区 it belongs to.' })
  async province(@Root() prefecture: Prefecture, @Ctx() { loaders }: Context): Promise<Province> {
    return (await loaders.one(Province, 'code').load(prefecture.provinceCode))!;
  }

  @FieldResolver(() => [County], { description: 'Its county-level units 县级行政区, development zones included, by code.' })
  counties(@Root() prefecture: Prefecture, @Ctx() { loaders }: Context): Promise<County[]> {
    return loaders.many(County, 'prefectureCode', { code: 'asc' }).load(prefecture.code);
  }
}

@Resolver(() => County)
export class CountyResolver {
  @Query(() => County, { description: 'A county-level unit by its six-digit code (220102 for 南关区).' })
  async county(@Arg('code', () => ID, { description: DESCRIBE.regionCode('220102') }) code: string, @Ctx() { loaders }: Context): Promise<County> {
    assertRegionCode(code, 'code');
    return (await loaders.one(County, 'code').load(code)) ?? Promise.reject(notFound(`No county-level unit has code ${code}.`));
  }

  @Query(() => [County], {
    description: 'County-level units 县级行政区, filtered by any of: codes, one prefecture, kinds; by code. A code or prefecture not in the register is NOT_FOUND.',
  })
  async counties(
    @Ctx() ctx: Context,
    @Arg('codes', () => [ID], { nullable: true, description: 'Only these county codes 县级行政区划代码.' }) codes?: string[],
    @Arg('prefectureCode', () => ID, { nullable: true, description: 'Only the counties of this prefecture 地级行政区 (six-digit code).' }) prefectureCode?: string,
    @Arg('kinds', () => [CountyKind], { nullable: true, description: 'Only counties of these kinds 类别.' }) kinds?: CountyKind[],
  ): Promise<County[]> {
    for (const code of codes ?? []) assertRegionCode(code, 'codes');
    if (prefectureCode != null && !(await ctx.loaders.one(Prefecture, 'code').load(assertRegionCode(prefectureCode, 'prefectureCode')))) {
      throw notFound(`No prefecture-level unit has code ${prefectureCode} in the register.`);
    }
    const counties = await ctx.em.find(
      County,
      {
        ...(codes ? { code: { $in: codes } } : {}),
        ...(prefectureCode ? { prefectureCode } : {}),
        ...(kinds ? { kind: { $in: kinds } } : {}),
      },
      { orderBy: { code: 'asc' } },
    );
    // Asked by code alone, every code must be a county of the register (filters may leave some out).
    if (codes && !kinds && !prefectureCode) {
      const found = new Set(counties.map((c) => c.code));
      const missing = codes.filter((code) => !found.has(code));
      if (missing.length) throw notFound(`No county-level unit has code ${missing.join(', ')} in the register.`);
    }
    return counties;
  }

  @FieldResolver(() => Prefecture, { description: 'The prefecture-level unit 地级行政区 it belongs to.' })
  async prefecture(@Root() county: County, @Ctx() { loaders }: Context): Promise<Prefecture> {
    return (await loaders.one(Prefecture, 'code').load(county.prefectureCode))!;
  }
}

@Resolver(() => AuditTrailReference)
export class AuditTrailQueryResolver {
  @Query(() => AuditTrailReference, {
    description:
      'The audit trail 操作记录 of the writes in a scope: 000000 for the nation (all of it), a province (its counties and the milestone settings every province shares), a prefecture or a county. Province administrators read any; a county operator its own county.',
  })
  async auditTrail(@Arg('scope', () => ID, { description: 'The scope 范围: 000000 for the nation, or a province, prefecture or county code.' }) scope: string, @Ctx() ctx: Context): Promise<AuditTrailReference> {
    return { scope: await checkScope(ctx, scope) };
  }
}
