// What a caller may do (DHIS2-style: where you may write is narrower than where you may read). The
// subgraphs own the data, so they enforce these rules (Apollo's @requiresScopes is the router's, not ours).
import { DomainError, forbidden } from '../errors';
import { contains, regionPrefix } from './regions';
import type { Viewer } from './viewer';

/** What a write touches: the county it belongs to, the host when it is one host's business. */
export interface WriteScope {
  countyCode: string;
  hostId?: string;
  /** Province-wide settings (the milestone rules). */
  province?: boolean;
}

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
    case 'analyst':
      return true;
    case 'prefecture_officer':
      return !!viewer.region && contains(viewer.region, countyCode);
    case 'county_operator':
    case 'station_operator':
      return viewer.region === countyCode;
    default:
      return false;
  }
}

/**
 * mayReadDetails as a region prefix for SQL (`county_code like prefix || '%'`): '' everywhere, a
 * prefecture's or county's prefix, or null for nowhere (the public, or a token missing its region).
 */
export function detailsPrefix(viewer: Viewer): string | null {
  switch (viewer.role) {
    case 'province_admin':
    case 'analyst':
      return '';
    case 'prefecture_officer':
      return viewer.region ? regionPrefix(viewer.region) : null;
    case 'county_operator':
    case 'station_operator':
      return viewer.region ?? null; // six digits: matches its own county only
    default:
      return null;
  }
}

/** Personal data (founders' names): never for analysts or the public; otherwise as details. */
export function mayReadPersonal(viewer: Viewer, countyCode: string): boolean {
  return viewer.role !== 'analyst' && mayReadDetails(viewer, countyCode);
}

export function assertMayWrite(viewer: Viewer, scope: WriteScope, operation: string): void {
  if (viewer.role === 'public') {
    throw new DomainError('UNAUTHENTICATED', `Sign in to ${operation}: anonymous callers may only read published information.`);
  }
  if (!mayWrite(viewer, scope)) {
    const where = scope.province ? 'province-wide settings' : scope.hostId && viewer.role === 'station_operator' ? `host ${scope.hostId} in ${scope.countyCode}` : `county ${scope.countyCode}`;
    throw forbidden(
      `A ${viewer.role}${viewer.region ? ` of ${viewer.region}` : ''}${viewer.station ? ` (station ${viewer.station})` : ''} may not ${operation} for ${where}; nothing was changed.`,
    );
  }
}
