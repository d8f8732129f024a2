// Who is asking, and what they may do. The gateway verifies the caller's JWT (issuer, audience,
// expiry) and passes the identity on as a short-lived internal token signed with the gateway secret;
// each subgraph verifies that token itself and refuses a request without it. The subgraphs own the
// data, so they enforce the rules (Apollo's @requiresScopes is enforced by the router, not here).
import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import { DomainError, forbidden } from './errors';

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

export const INTERNAL_HEADER = 'x-fuhua-identity';
const INTERNAL_ISSUER = 'fuhua-gateway';
const INTERNAL_AUDIENCE = 'fuhua-subgraphs';

const unauthenticated = (message: string) => new DomainError('UNAUTHENTICATED', message);

function secretKey(name: string, env = process.env): Uint8Array {
  const value = env[name];
  if (!value || value.length < 32) throw new Error(`set ${name} to a secret of at least 32 characters`);
  return new TextEncoder().encode(value);
}

function viewerOf(payload: Record<string, unknown>): Viewer {
  const role = payload.role as Role;
  if (!ROLES.includes(role)) throw unauthenticated(`The token's role "${String(payload.role)}" is not one of ${ROLES.join(', ')}.`);
  const region = typeof payload.region === 'string' ? payload.region : undefined;
  const station = typeof payload.station === 'string' ? payload.station : undefined;
  if (['prefecture_officer', 'county_operator', 'station_operator'].includes(role) && !region) throw unauthenticated(`A ${role} token needs its region.`);
  if (role === 'station_operator' && !station) throw unauthenticated('A station_operator token needs its station.');
  return { sub: String(payload.sub ?? 'unknown'), role, region, station };
}

/** Verifies a caller's JWT (FUHUA_JWT_SECRET, FUHUA_JWT_ISSUER, FUHUA_JWT_AUDIENCE). */
export async function verifyUserToken(token: string, env = process.env): Promise<Viewer> {
  try {
    const { payload } = await jwtVerify(token, secretKey('FUHUA_JWT_SECRET', env), {
      issuer: env.FUHUA_JWT_ISSUER ?? 'fuhua',
      audience: env.FUHUA_JWT_AUDIENCE ?? 'fuhua-api',
      algorithms: ['HS256'],
    });
    return viewerOf(payload);
  } catch (error) {
    if (error instanceof DomainError) throw error;
    if (error instanceof joseErrors.JWTExpired) throw unauthenticated('Your token has expired; sign in again.');
    if (error instanceof joseErrors.JWTClaimValidationFailed) throw unauthenticated(`Your token is not for this service (${error.claim} does not match).`);
    throw unauthenticated('Your token could not be verified (bad signature or malformed).');
  }
}

/** Signs a user token: what `npm run token` and `npm start` hand out for development. */
export function signUserToken(viewer: Omit<Viewer, 'sub'> & { sub?: string }, options: { expiresIn?: string; env?: NodeJS.ProcessEnv; audience?: string } = {}) {
  const env = options.env ?? process.env;
  return new SignJWT({ role: viewer.role, region: viewer.region, station: viewer.station })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(viewer.sub ?? `${viewer.role}${viewer.region ? `@${viewer.region}` : ''}`)
    .setIssuer(env.FUHUA_JWT_ISSUER ?? 'fuhua')
    .setAudience(options.audience ?? env.FUHUA_JWT_AUDIENCE ?? 'fuhua-api')
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? '8h')
    .sign(secretKey('FUHUA_JWT_SECRET', env));
}

/** The gateway's word to a subgraph: who the caller is, valid for one minute. */
export function signInternalToken(viewer: Viewer, env = process.env): Promise<string> {
  return new SignJWT({ role: viewer.role, region: viewer.region, station: viewer.station })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(viewer.sub)
    .setIssuer(INTERNAL_ISSUER)
    .setAudience(INTERNAL_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime('60s')
    .sign(secretKey('FUHUA_GATEWAY_SECRET', env));
}

/** A subgraph's check of the gateway's word; anything else is refused. */
export async function verifyInternalToken(token: string | undefined, env = process.env): Promise<Viewer> {
  if (!token) throw unauthenticated('This subgraph answers the gateway only: the request carries no gateway credentials.');
  try {
    const { payload } = await jwtVerify(token, secretKey('FUHUA_GATEWAY_SECRET', env), {
      issuer: INTERNAL_ISSUER,
      audience: INTERNAL_AUDIENCE,
      algorithms: ['HS256'],
    });
    return viewerOf(payload);
  } catch (error) {
    if (error instanceof DomainError) throw error;
    throw unauthenticated('The gateway credentials on this request are not valid.');
  }
}

/** What a write touches: the county it belongs to, the host when it is one host's business. */
export interface WriteScope {
  countyCode: string;
  hostId?: string;
  /** Province-wide settings (the milestone rules). */
  province?: boolean;
}

/** Where a role may write (DHIS2-style: where you may write is narrower than where you may read). */
export function mayWrite(viewer: Viewer, scope: WriteScope): boolean {
  switch (viewer.role) {
    case 'province_admin':
      return true;
    case 'county_operator':
      return !scope.province && viewer.region === scope.countyCode;
    case 'station_operator':
      return !scope.province && !!scope.hostId && viewer.station === scope.hostId && viewer.region === scope.countyCode;
    default:
      return false;
  }
}

/** Where a role may read what is not published: applications, reviews, personal data. */
export function mayReadDetails(viewer: Viewer, countyCode: string): boolean {
  switch (viewer.role) {
    case 'province_admin':
      return true;
    case 'analyst':
      return true;
    case 'prefecture_officer':
      return !!viewer.region && countyCode.startsWith(viewer.region.replace(/(00)+$/, ''));
    case 'county_operator':
    case 'station_operator':
      return viewer.region === countyCode;
    default:
      return false;
  }
}

/** Personal data (founders' names): never for analysts or the public; otherwise as details. */
export function mayReadPersonal(viewer: Viewer, countyCode: string): boolean {
  return viewer.role !== 'analyst' && mayReadDetails(viewer, countyCode);
}

export function assertMayWrite(viewer: Viewer, scope: WriteScope, operation: string): void {
  if (viewer.role === 'public') throw unauthenticated(`Sign in to ${operation}: anonymous callers may only read published information.`);
  if (!mayWrite(viewer, scope)) {
    const where = scope.province ? 'province-wide settings' : scope.hostId && viewer.role === 'station_operator' ? `host ${scope.hostId} in ${scope.countyCode}` : `county ${scope.countyCode}`;
    throw forbidden(
      `A ${viewer.role}${viewer.region ? ` of ${viewer.region}` : ''}${viewer.station ? ` (station ${viewer.station})` : ''} may not ${operation} for ${where}; nothing was changed.`,
    );
  }
}
