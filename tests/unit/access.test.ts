// Who may write and read what (subgraphs/kit/identity/access.ts), as a table: role × target × operation.
// The table is written out by hand from the README's access section, not derived from the code it checks.
import { DomainError } from '../../subgraphs/kit/errors';
import { assertMayWrite, mayReadDetails, mayReadPersonal, mayWrite, type WriteScope } from '../../subgraphs/kit/identity/access';
import { PUBLIC, type Viewer } from '../../subgraphs/kit/identity/viewer';

const OWN = '220122'; // 农安县, in 长春市 (220100)
const STATION = 'station-1';

const VIEWERS: Record<string, Viewer> = {
  admin: { sub: 'a', role: 'province_admin' },
  prefecture: { sub: 'p', role: 'prefecture_officer', region: '220100' },
  county: { sub: 'c', role: 'county_operator', region: OWN },
  station: { sub: 's', role: 'station_operator', region: OWN, station: STATION },
  analyst: { sub: 'n', role: 'analyst' },
  public: PUBLIC,
  // Tokens missing the claim their role needs may do nothing beyond the public.
  'county without a region': { sub: 'c0', role: 'county_operator' },
  'station without a station': { sub: 's0', role: 'station_operator', region: OWN },
  'prefecture without a region': { sub: 'p0', role: 'prefecture_officer' },
};

const TARGETS: Record<string, WriteScope> = {
  'own county (a town, a new center)': { countyCode: OWN },
  'own county: its center': { countyCode: OWN, hostId: 'center-1' },
  'own county: the operator’s station': { countyCode: OWN, hostId: STATION },
  'own county: another station': { countyCode: OWN, hostId: 'station-2' },
  'same prefecture, another county (220102)': { countyCode: '220102', hostId: 'center-2' },
  'the station’s id claimed for another county (220102)': { countyCode: '220102', hostId: STATION },
  'another prefecture (220202, 吉林市)': { countyCode: '220202', hostId: 'center-3' },
  'province-wide settings': { countyCode: '220000', province: true },
};
const T = Object.keys(TARGETS);

/** w: may write; d: may read details (applications, reviews); p: may read personal data (founders). */
const TABLE: Record<string, string[]> = {
  //                              own       center    own stn   other stn  220102   stn@220102  220202   province
  admin:                         ['wdp',    'wdp',    'wdp',    'wdp',     'wdp',   'wdp',      'wdp',   'wdp'],
  prefecture:                    ['dp',     'dp',     'dp',     'dp',      'dp',    'dp',       '',      ''],
  county:                        ['wdp',    'wdp',    'wdp',    'wdp',     '',      '',         '',      ''],
  station:                       ['dp',     'dp',     'wdp',    'dp',      '',      '',         '',      ''],
  analyst:                       ['d',      'd',      'd',      'd',       'd',     'd',        'd',     'd'],
  public:                        ['',       '',       '',       '',        '',      '',         '',      ''],
  'county without a region':     ['',       '',       '',       '',        '',      '',         '',      ''],
  'station without a station':   ['dp',     'dp',     'dp',     'dp',      '',      '',         '',      ''],
  'prefecture without a region': ['',       '',       '',       '',        '',      '',         '',      ''],
};

const cells = Object.entries(TABLE).flatMap(([who, row]) => {
  expect(row).toHaveLength(T.length);
  return T.map((target, i) => ({ who, target, flags: row[i] }));
});

describe(`the access table: ${Object.keys(TABLE).length} callers × ${T.length} targets × 3 operations`, () => {
  it('covers every caller and target', () => {
    expect(cells).toHaveLength(Object.keys(VIEWERS).length * T.length);
  });

  it.each(cells.map((c) => [c.who, c.target, c.flags || '-'] as const))('%s → %s: %s', (who, target) => {
    const { flags } = cells.find((c) => c.who === who && c.target === target)!;
    const viewer = VIEWERS[who];
    const scope = TARGETS[target];
    expect({
      write: mayWrite(viewer, scope),
      details: mayReadDetails(viewer, scope.countyCode),
      personal: mayReadPersonal(viewer, scope.countyCode),
    }).toEqual({ write: flags.includes('w'), details: flags.includes('d'), personal: flags.includes('p') });
  });
});

describe('assertMayWrite', () => {
  it.each(cells.map((c) => [c.who, c.target, c.flags] as const))('%s → %s', (who, target, flags) => {
    const viewer = VIEWERS[who];
    const attempt = () => assertMayWrite(viewer, TARGETS[target], 'open a station');
    if (flags.includes('w')) {
      expect(attempt).not.toThrow();
      return;
    }
    let error: unknown;
    try {
      attempt();
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(DomainError);
    const { extensions, message } = error as DomainError;
    if (viewer.role === 'public') {
      expect(extensions.code).toBe('UNAUTHENTICATED');
      expect(message).toMatch(/^Sign in to open a station/);
    } else {
      expect(extensions.code).toBe('FORBIDDEN');
      // The refusal names who asked, what and where, and that nothing changed: a clerk can act on it.
      expect(message).toMatch(new RegExp(`^A ${viewer.role}.* may not open a station for .*; nothing was changed\\.$`));
    }
  });

  it('names the host for a station operator and the county for others', () => {
    expect(() => assertMayWrite(VIEWERS.station, TARGETS['own county: another station'], 'admit')).toThrow(`may not admit for host station-2 in ${OWN}`);
    expect(() => assertMayWrite(VIEWERS.county, TARGETS['another prefecture (220202, 吉林市)'], 'admit')).toThrow('may not admit for county 220202');
    expect(() => assertMayWrite(VIEWERS.county, TARGETS['province-wide settings'], 'set a milestone check')).toThrow('for province-wide settings');
  });
});
