// Scopes and region codes as arguments: checked against the register this subgraph holds, so a code
// that is not a region is refused (BAD_USER_INPUT) and one no region has is NOT_FOUND, never an empty
// answer. 000000 is the nation 全国, a scope wherever one is taken.
import { badInput, notFound } from '../kit/errors';
import { isRegionCode, levelOf } from '../kit/identity';
import { selectRows, sqlArray, type Context } from '../kit/runtime';

const EXAMPLES = 'six digits (GB/T 2260): a province 220000, a prefecture 220100, a county 220102, or 000000 for the nation';

/** A six-digit region code, or BAD_USER_INPUT naming what was given. */
export function assertRegionCode(code: string, argument = 'scope'): string {
  if (!isRegionCode(code)) throw badInput(`${argument} "${code}" is not a region code: ${EXAMPLES}.`);
  return code;
}

const LEVEL_NAMES = { province: 'province-level unit 省', prefecture: 'prefecture-level unit 市(州)', county: 'county-level unit 县(市、区)' } as const;

/**
 * A scope argument: the nation, or a province, prefecture or county of the register. One statement
 * answers every scope of the request (the nation needs none).
 */
export async function checkScope(ctx: Context, code: string, argument = 'scope'): Promise<string> {
  assertRegionCode(code, argument);
  const level = levelOf(code);
  if (level === 'nation') return code;
  const known = await ctx.loaders
    .custom<boolean>('regionCodes', async (codes) => {
      const rows = await selectRows<{ code: string }>(
        ctx.em,
        `select code from province where code = any(?::text[])
         union all select code from prefecture where code = any(?::text[])
         union all select code from county where code = any(?::text[])`,
        [sqlArray(codes), sqlArray(codes), sqlArray(codes)],
      );
      const found = new Set(rows.map((r) => r.code));
      return codes.map((c) => found.has(c));
    })
    .load(code);
  if (!known) throw notFound(`No ${LEVEL_NAMES[level]} has code ${code} in the register; ${argument} takes ${EXAMPLES}.`);
  return code;
}

