// Who is asking: the caller as every part of Fuhua sees it, once the gateway has verified its token.
export const ROLES = ['province_admin', 'prefecture_officer', 'county_operator', 'station_operator', 'analyst', 'public'] as const;
export type Role = (typeof ROLES)[number];

/** The caller, as every resolver sees it. */
export interface Viewer {
  sub: string;
  role: Role;
  /** A prefecture code (prefecture officer) or county code (county and station operators). */
  region?: string;
  /** The station a station operator runs. */
  station?: string;
}

export const PUBLIC: Viewer = { sub: 'anonymous', role: 'public' };
/** A subgraph asking another subgraph (the organizations tier checking a host). */
export const SERVICE: Viewer = { sub: 'service', role: 'province_admin' };

/** Short names for roles, as `fuhua token --role` takes them. */
export const ROLE_ALIASES: Record<string, Role> = {
  admin: 'province_admin',
  province: 'province_admin',
  prefecture: 'prefecture_officer',
  county: 'county_operator',
  station: 'station_operator',
  analyst: 'analyst',
};
