// One release of grace for renamed arguments (the naming convention in README): the new name and the old
// one, deprecated, are both accepted, so callers move at their own pace. Both are nullable in the schema;
// giving neither is BAD_USER_INPUT naming the new one, giving both with different values is refused too.
import { Arg } from 'type-graphql';
import { badInput } from '../errors';

/** The reason every alias kept for one release carries. */
export const renamedTo = (name: string) => `use ${name}; removed in the next release`;

/** The options of a deprecated alias of `name` (a field, argument or input field): reason and description. */
export const aliasOf = (name: string) => ({ deprecationReason: renamedTo(name), description: `Old name 旧名称 of \`${name}\`.` });

/** The argument `name` and its deprecated old name, as two parameter decorators and the value they give. */
export function renamedArg(name: string, oldName: string, description: string, type: () => unknown = () => Date) {
  return {
    arg: Arg(name, type as never, { nullable: true, description: `${description} Required (or its deprecated old name \`${oldName}\`).` }),
    old: Arg(oldName, type as never, { nullable: true, ...aliasOf(name) }),
    value: <T>(value: T | null | undefined, old: T | null | undefined): T => pickRenamed(name, value, oldName, old),
  };
}

/** The value of a renamed argument or input field: the new name's, else the old one's. */
export function pickRenamed<T>(name: string, value: T | null | undefined, oldName: string, old: T | null | undefined): T {
  if (value != null && old != null && value !== old) throw badInput(`Give ${name} only: ${oldName} is its old name, and the two differ.`);
  const given = value ?? old;
  if (given == null) throw badInput(`${name} is required.`);
  return given;
}
