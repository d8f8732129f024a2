// Scopes and region codes as arguments: checked against the register this subgraph holds, so a code
// that is not a region is refused (BAD_USER_INPUT) and one no region has is NOT_FOUND, never an empty
// answer. 000000 is the nation 全国, a scope wherever one is taken.
import { badInput, notFound } from '../kit/errors';
import { isRegionCode, levelOf } from '../kit/identity';
import type { Context } from '../kit/runtime';
import { registerOf } from './register';

const EXAMPLES = 'six digits (GB/T 2260): a province 220000, a prefecture 220100, a county 220102, or 000000 for the nation';

/** A six-digit region code, or BAD_USER_INPUT naming what was given. */
export function assertRegionCode(code: string, argument = 'scope'): string {
  if (!isRegionCode(code)) throw badInput(`${argument} "${code}" is not a region code: ${EXAMPLES}.`);
  return code;
}

const LEVEL_NAMES = { province: 'province-level unit 省', prefecture: 'prefecture-level unit 市(州)', county: 'county-level unit 县(市、区)' } as const;

/** A scope argument: the nation, or a province, prefecture or county of the register (held in memory: no SQL). */
export async function checkScope(ctx: Context, code: string, argument = 'scope'): Promise<string> {
  assertRegionCode(code, argument);
  const level = levelOf(code);
  if (level === 'nation') return code;
  if (!(await registerOf(ctx)).has(code)) throw notFound(`No ${LEVEL_NAMES[level]} has code ${code} in the register; ${argument} takes ${EXAMPLES}.`);
  return code;
}
