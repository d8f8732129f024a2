// Tokens. The gateway verifies the caller's JWT (issuer, audience, expiry) and passes the identity on
// as a short-lived internal token signed with the gateway secret; each subgraph verifies that token
// itself and refuses a request without it. Secrets come from the caller (the process's configuration).
import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import { DomainError } from '../errors';
import { ROLES, type Role, type Viewer } from './viewer';

export const INTERNAL_HEADER = 'x-fuhua-identity';
const INTERNAL_ISSUER = 'fuhua-gateway';
const INTERNAL_AUDIENCE = 'fuhua-subgraphs';

const unauthenticated = (message: string) => new DomainError('UNAUTHENTICATED', message);
const keyOf = (secret: string) => new TextEncoder().encode(secret);

/** What callers' tokens are checked against (FUHUA_JWT_SECRET, FUHUA_JWT_ISSUER, FUHUA_JWT_AUDIENCE). */
export interface UserTokenSettings {
  secret: string;
  issuer: string;
  audience: string;
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

/** Clocks differ a little between the machine that signs and this one. */
const CLOCK_TOLERANCE_S = 60;

/**
 * A token must say when it ends (`exp`) and when it was issued (`iat`), and may not claim to be issued
 * in the future: a token without an end, or dated ahead, would outlive any revocation.
 */
function checkLifetime(payload: { exp?: number; iat?: number }): void {
  if (typeof payload.exp !== 'number') throw unauthenticated('Your token has no expiry (exp); sign in again for a token that ends.');
  if (typeof payload.iat !== 'number') throw unauthenticated('Your token does not say when it was issued (iat); sign in again.');
  if (payload.iat > Date.now() / 1000 + CLOCK_TOLERANCE_S) throw unauthenticated('Your token claims to be issued in the future (iat); sign in again.');
}

/** Verifies a caller's JWT. */
export async function verifyUserToken(token: string, settings: UserTokenSettings): Promise<Viewer> {
  try {
    const { payload } = await jwtVerify(token, keyOf(settings.secret), {
      issuer: settings.issuer,
      audience: settings.audience,
      algorithms: ['HS256'],
      clockTolerance: CLOCK_TOLERANCE_S,
    });
    checkLifetime(payload);
    return viewerOf(payload);
  } catch (error) {
    if (error instanceof DomainError) throw error;
    if (error instanceof joseErrors.JWTExpired) throw unauthenticated('Your token has expired; sign in again.');
    if (error instanceof joseErrors.JWTClaimValidationFailed) throw unauthenticated(`Your token is not for this service (${error.claim} does not match).`);
    throw unauthenticated('Your token could not be verified (bad signature or malformed).');
  }
}

/** Signs a user token: what `fuhua token` and `npm start` hand out for development. */
export function signUserToken(viewer: Omit<Viewer, 'sub'> & { sub?: string }, settings: UserTokenSettings & { expiresIn?: string }): Promise<string> {
  return new SignJWT({ role: viewer.role, region: viewer.region, station: viewer.station })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(viewer.sub ?? `${viewer.role}${viewer.region ? `@${viewer.region}` : ''}`)
    .setIssuer(settings.issuer)
    .setAudience(settings.audience)
    .setIssuedAt()
    .setExpirationTime(settings.expiresIn ?? '8h')
    .sign(keyOf(settings.secret));
}

/** The gateway's word to a subgraph: who the caller is, valid for one minute. */
export function signInternalToken(viewer: Viewer, gatewaySecret: string): Promise<string> {
  return new SignJWT({ role: viewer.role, region: viewer.region, station: viewer.station })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(viewer.sub)
    .setIssuer(INTERNAL_ISSUER)
    .setAudience(INTERNAL_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime('60s')
    .sign(keyOf(gatewaySecret));
}

/** Where a subgraph says what its database has committed so far (for the gateway's response cache). */
export const GENERATION_PATH = '/generation';

/** Internal tokens in hand, per secret and viewer: signed once per half of their lifetime, not per request. */
const signedTokens = new Map<string, Map<string, { token: Promise<string>; renewAt: number }>>();
const SIGN_WINDOW_MS = 30_000;

/** The gateway's word for `viewer`, reused for 30 s (it is valid for 60, so one handed out has 30 s left at least). */
export function internalTokenFor(viewer: Viewer, gatewaySecret: string): Promise<string> {
  let bySecret = signedTokens.get(gatewaySecret);
  if (!bySecret) signedTokens.set(gatewaySecret, (bySecret = new Map()));
  const key = JSON.stringify([viewer.sub, viewer.role, viewer.region ?? null, viewer.station ?? null]);
  const now = Date.now();
  const held = bySecret.get(key);
  if (held && held.renewAt > now) return held.token;
  if (bySecret.size > 10_000) bySecret.clear(); // many callers: start over rather than grow
  const token = signInternalToken(viewer, gatewaySecret);
  bySecret.set(key, { token, renewAt: now + SIGN_WINDOW_MS });
  token.catch(() => bySecret.delete(key));
  return token;
}

/** Tokens a subgraph has verified, until they expire: the gateway reuses each for 30 s. */
const verifiedTokens = new Map<string, { viewer: Viewer; expiresAt: number; secret: string }>();

/** A subgraph's check of the gateway's word; anything else is refused. A token verified before is not verified again. */
export async function verifyInternalToken(token: string | undefined, gatewaySecret: string): Promise<Viewer> {
  if (!token) throw unauthenticated('This subgraph answers the gateway only: the request carries no gateway credentials.');
  const known = verifiedTokens.get(token);
  if (known && known.secret === gatewaySecret && known.expiresAt > Date.now()) return known.viewer;
  const viewer = await verifyInternalTokenOnce(token, gatewaySecret);
  if (verifiedTokens.size > 10_000) verifiedTokens.clear();
  const { exp } = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as { exp: number };
  verifiedTokens.set(token, { viewer, expiresAt: exp * 1000, secret: gatewaySecret });
  return viewer;
}

async function verifyInternalTokenOnce(token: string, gatewaySecret: string): Promise<Viewer> {
  try {
    const { payload } = await jwtVerify(token, keyOf(gatewaySecret), { issuer: INTERNAL_ISSUER, audience: INTERNAL_AUDIENCE, algorithms: ['HS256'], clockTolerance: CLOCK_TOLERANCE_S });
    checkLifetime(payload);
    return viewerOf(payload);
  } catch (error) {
    if (error instanceof DomainError) throw error;
    throw unauthenticated('The gateway credentials on this request are not valid.');
  }
}
