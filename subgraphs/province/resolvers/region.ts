import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { notFound } from '../../kit/errors';
import { AuditTrailReference, DESCRIBE, type Context } from '../../kit/runtime';
import { County, CountyKind, Prefecture, Province } from '../entities/region';
import { registerOf, withRegister } from '../register';
import { assertRegionCode, checkScope } from '../scope';

// The register is read from memory (../register.ts): none of these look-ups costs SQL.

const fail = (error: Error): never => {
  throw error;
};

@Resolver(() => Province)
export class ProvinceResolver {
  @Query(() => Province, { description: 'A province by its six-digit code (220000 for 吉林省).' })
  province(@Arg('code', () => ID, { description: DESCRIBE.regionCode('220000') }) code: string, @Ctx() ctx: Context): Province | Promise<Province> {
    assertRegionCode(code, 'code');
    return withRegister(ctx, (register) => register.provinceOf(code) ?? fail(notFound(`No province has code ${code}.`)));
  }

  @Query(() => [Province], { description: 'Every province-level unit 省级行政区 in the register.' })
  provinces(@Ctx() ctx: Context): readonly Province[] | Promise<readonly Province[]> {
    return withRegister(ctx, (register) => register.provinces);
  }

  @FieldResolver(() => [Prefecture], { description: 'Its prefecture-level units 地级行政区, by code.' })
  prefectures(@Root() province: Province, @Ctx() ctx: Context): readonly Prefecture[] | Promise<readonly Prefecture[]> {
    return withRegister(ctx, (register) => register.prefecturesOf(province.code));
  }
}

@Resolver(() => Prefecture)
export class PrefectureResolver {
  @Query(() => Prefecture, { description: 'A prefecture by its six-digit code (220100 for 长春市).' })
  prefecture(@Arg('code', () => ID, { description: DESCRIBE.regionCode('220100') }) code: string, @Ctx() ctx: Context): Prefecture | Promise<Prefecture> {
    assertRegionCode(code, 'code');
    return withRegister(ctx, (register) => register.prefectureOf(code) ?? fail(notFound(`No prefecture has code ${code}.`)));
  }

  @FieldResolver(() => Province, { description: 'The province-level unit 省级行政区 it belongs to.' })
  province(@Root() prefecture: Prefecture, @Ctx() ctx: Context): Province | Promise<Province> {
    return withRegister(ctx, (register) => register.provinceOf(prefecture.provinceCode)!);
  }

  @FieldResolver(() => [County], { description: 'Its county-level units 县级行政区, development zones included, by code.' })
  counties(@Root() prefecture: Prefecture, @Ctx() ctx: Context): readonly County[] | Promise<readonly County[]> {
    return withRegister(ctx, (register) => register.countiesOf(prefecture.code));
  }
}

@Resolver(() => County)
export class CountyResolver {
  @Query(() => County, { description: 'A county-level unit by its six-digit code (220102 for 南关区).' })
  county(@Arg('code', () => ID, { description: DESCRIBE.regionCode('220102') }) code: string, @Ctx() ctx: Context): County | Promise<County> {
    assertRegionCode(code, 'code');
    return withRegister(ctx, (register) => register.countyOf(code) ?? fail(notFound(`No county-level unit has code ${code}.`)));
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
    if (prefectureCode != null) assertRegionCode(prefectureCode, 'prefectureCode');
    const register = await registerOf(ctx);
    if (prefectureCode != null && !register.prefectureOf(prefectureCode)) {
      throw notFound(`No prefecture-level unit has code ${prefectureCode} in the register.`);
    }
    const asked = codes && new Set(codes);
    const counties = register.counties.filter(
      (c) => (!asked || asked.has(c.code)) && (!prefectureCode || c.prefectureCode === prefectureCode) && (!kinds || kinds.includes(c.kind)),
    );
    // Asked by code alone, every code must be a county of the register (filters may leave some out).
    if (codes && !kinds && !prefectureCode) {
      const missing = codes.filter((code) => !register.countyOf(code));
      if (missing.length) throw notFound(`No county-level unit has code ${missing.join(', ')} in the register.`);
    }
    return counties;
  }

  @FieldResolver(() => Prefecture, { description: 'The prefecture-level unit 地级行政区 it belongs to.' })
  prefecture(@Root() county: County, @Ctx() ctx: Context): Prefecture | Promise<Prefecture> {
    return withRegister(ctx, (register) => register.prefectureOf(county.prefectureCode)!);
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
