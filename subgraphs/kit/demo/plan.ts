// The deterministic demo: one plan for the whole federation, computed the same way by every subgraph
// from the register and a fixed seed, so each tier seeds its own slice without reading another's
// database. Uneven on purpose: some counties meet the 2015 and 2017 targets, some miss them, each for
// its own reason (a late or missing center, too few incubations, no or too many larger-town stations).
import { createHash } from 'crypto';
import { POLICY_FIRST_YEAR } from '../policy';
import { loadRegister, type RegisterCounty, type RegisterTown, type Scale } from '../register';

export const DEMO_SEED = 20140912; // the policy's date
/** The demo starts with the policy. API defaults use POLICY_FIRST_YEAR (kit/policy.ts), not this. */
export const DEMO_FIRST_YEAR = POLICY_FIRST_YEAR;
export const DEMO_LAST_YEAR = 2025;

export type DemoHostKind = 'CENTER' | 'STATION';

export interface DemoCenter {
  id: string;
  countyCode: string;
  name: string;
  establishedOn: string;
  constructionMode: 'PUBLIC_PREMISES' | 'COMMUNITY_SERVICE_CENTER' | 'BRAND_ORGANIZATION' | 'OTHER';
  operationMode: 'PURCHASED_SERVICE' | 'CIVIL_AFFAIRS_OFFICE';
  operator: string;
}
export interface DemoLargeTown { townCode: string; countyCode: string; designatedOn: string }
export interface DemoStation { id: string; townCode: string; countyCode: string; name: string; establishedOn: string }
export interface DemoIncubation {
  hostId: string;
  hostKind: DemoHostKind;
  countyCode: string;
  organizationId: string;
  organizationName: string;
  category: string;
  founderName: string;
  fullTimeStaff: number;
  submittedOn: string;
  admittedOn: string;
  plannedEndOn: string;
  graduatedOn?: string;
  exitedOn?: string;
  exitReason?: string;
}
export interface DemoPlan {
  centers: DemoCenter[];
  largeTowns: DemoLargeTown[];
  stations: DemoStation[];
  incubations: DemoIncubation[];
}

/** The profile a county plays in the demo, and so the reason it meets or misses each target. */
export type DemoProfile = 'on-track' | 'late-center' | 'few-incubations' | 'no-stations' | 'weak-stations' | 'too-many-stations' | 'no-center';

export const CATEGORIES = [
  'ELDERLY_CARE', 'CHILDREN_AND_YOUTH', 'DISABILITY_SUPPORT', 'POVERTY_RELIEF', 'COMMUNITY_SERVICE',
  'EDUCATION', 'HEALTH', 'CULTURE_AND_SPORTS', 'ENVIRONMENT', 'LEGAL_AID', 'VOLUNTEERING',
] as const;
const CATEGORY_WORDS: Record<(typeof CATEGORIES)[number], string> = {
  ELDERLY_CARE: '养老服务社', CHILDREN_AND_YOUTH: '青少年成长服务中心', DISABILITY_SUPPORT: '助残服务社',
  POVERTY_RELIEF: '邻里互助会', COMMUNITY_SERVICE: '社区服务社', EDUCATION: '课后辅导中心', HEALTH: '健康服务站',
  CULTURE_AND_SPORTS: '文体协会', ENVIRONMENT: '环保志愿队', LEGAL_AID: '法律援助服务社', VOLUNTEERING: '志愿者协会',
};
const NAME_WORDS = ['阳光', '同心', '爱心', '晨曦', '长青', '春晖', '和美', '暖心', '益友', '启航', '微光', '乐龄'];
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '金', '朴'];
const GIVEN = ['明', '丽', '伟', '芳', '军', '静', '海', '红', '磊', '敏', '强', '霞'];

/** A stable UUID-shaped id from a name (same input, same id, on every machine). */
export function stableId(key: string): string {
  const h = createHash('sha1').update(`fuhua:${key}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** mulberry32: a small, fast, seedable PRNG; one stream per county keeps counties independent. */
export function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)];
  return { next, int, pick };
}
type Random = ReturnType<typeof random>;

function countySeed(code: string): number {
  return createHash('sha1').update(`${DEMO_SEED}:${code}`).digest().readUInt32LE(0);
}

const pad = (n: number) => String(n).padStart(2, '0');
export const dateOf = (year: number, month: number, day: number) => `${year}-${pad(month)}-${pad(Math.min(day, 28))}`;
const dateIn = (rng: Random, year: number, fromMonth = 1, toMonth = 12) => dateOf(year, rng.int(fromMonth, toMonth), rng.int(1, 28));
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function profileOf(county: RegisterCounty): DemoProfile {
  const rng = random(countySeed(county.code));
  const r = rng.next();
  if (county.kind === 'DEVELOPMENT_ZONE') return r < 0.6 ? 'no-center' : 'late-center';
  if (r < 0.45) return 'on-track';
  if (r < 0.58) return 'late-center';
  if (r < 0.68) return 'few-incubations';
  if (r < 0.78) return 'no-stations';
  if (r < 0.88) return 'weak-stations';
  if (r < 0.94) return 'too-many-stations';
  return 'no-center';
}

function planCounty(county: RegisterCounty, towns: RegisterTown[], plan: DemoPlan) {
  const rng = random(countySeed(county.code) ^ 0x5eed);
  const profile = profileOf(county);

  let centerYear: number | undefined;
  if (profile === 'late-center') centerYear = rng.int(2016, 2018);
  else if (profile !== 'no-center') centerYear = rng.pick([2014, 2015, 2015]);
  if (centerYear !== undefined) {
    const center: DemoCenter = {
      id: stableId(`center:${county.code}`),
      countyCode: county.code,
      name: `${county.name}社会组织孵化中心`,
      establishedOn: centerYear === 2014 ? dateIn(rng, 2014, 10, 12) : dateIn(rng, centerYear, 1, 6),
      constructionMode: rng.pick(['PUBLIC_PREMISES', 'COMMUNITY_SERVICE_CENTER', 'BRAND_ORGANIZATION', 'OTHER'] as const),
      operationMode: rng.next() < 0.7 ? 'PURCHASED_SERVICE' : 'CIVIL_AFFAIRS_OFFICE',
      operator: rng.next() < 0.7 ? `${county.name}社会组织发展促进会` : `${county.name}民政局社会组织管理科`,
    };
    plan.centers.push(center);
    const perYear = profile === 'few-incubations' ? [1, 2] : [3, 6];
    admissions(rng, county, center.id, 'CENTER', center.establishedOn, perYear, plan);
  }

  // Larger towns and their stations: towns (not streets) first, the way counties tend to designate them.
  const candidates = [...towns].sort((a, b) => Number(b.kind === 'TOWN') - Number(a.kind === 'TOWN') || a.code.localeCompare(b.code));
  const stationCount =
    profile === 'no-stations' || profile === 'no-center' ? 0 : profile === 'too-many-stations' ? 3 : rng.int(1, 2);
  const largeCount = Math.min(candidates.length, profile === 'no-center' ? 0 : Math.max(stationCount, rng.int(1, 3)));
  for (const town of candidates.slice(0, largeCount)) {
    plan.largeTowns.push({ townCode: town.code, countyCode: county.code, designatedOn: dateIn(rng, rng.int(2015, 2016)) });
  }
  for (const town of candidates.slice(0, Math.min(stationCount, largeCount))) {
    const station: DemoStation = {
      id: stableId(`station:${town.code}`),
      townCode: town.code,
      countyCode: county.code,
      name: `${town.name}社会组织孵化站`,
      establishedOn: dateIn(rng, rng.int(2016, 2017), 1, 6),
    };
    plan.stations.push(station);
    admissions(rng, county, station.id, 'STATION', station.establishedOn, profile === 'weak-stations' ? [0, 1] : [2, 4], plan);
  }
}

function admissions(
  rng: Random,
  county: RegisterCounty,
  hostId: string,
  hostKind: DemoHostKind,
  openedOn: string,
  [low, high]: number[],
  plan: DemoPlan,
) {
  const firstYear = Number(openedOn.slice(0, 4));
  for (let year = firstYear; year <= DEMO_LAST_YEAR; year++) {
    // A host opened late in its first year admits what it can in the months left.
    const count = year === firstYear && openedOn > `${year}-09-30` ? Math.min(1, high) : rng.int(low, high);
    for (let i = 0; i < count; i++) {
      const earliestMonth = year === firstYear ? Number(openedOn.slice(5, 7)) + 1 : 2;
      if (earliestMonth > 12) break;
      let admittedOn = dateIn(rng, year, earliestMonth, 12);
      const gap = rng.int(35, 60); // acceptance, two reviews and a week's public notice take five weeks or more
      let submittedOn = addDays(admittedOn, -gap);
      if (submittedOn < openedOn) [submittedOn, admittedOn] = [openedOn, addDays(openedOn, gap)];
      const category = rng.pick(CATEGORIES);
      const key = `${hostId}:${year}:${i}`;
      const incubation: DemoIncubation = {
        hostId,
        hostKind,
        countyCode: county.code,
        organizationId: stableId(`organization:${key}`),
        organizationName: `${county.name}${rng.pick(NAME_WORDS)}${CATEGORY_WORDS[category]}`,
        category,
        founderName: rng.pick(SURNAMES) + rng.pick(GIVEN) + (rng.next() < 0.5 ? rng.pick(GIVEN) : ''),
        fullTimeStaff: rng.int(1, 4),
        submittedOn,
        admittedOn,
        plannedEndOn: addDays(admittedOn, rng.pick([365, 540, 730])),
      };
      const end = rng.next();
      const outcomeOn = addDays(admittedOn, rng.int(300, 760));
      if (outcomeOn <= dateOf(DEMO_LAST_YEAR, 12, 28)) {
        if (end < 0.8) incubation.graduatedOn = outcomeOn;
        else if (end < 0.92) {
          incubation.exitedOn = addDays(admittedOn, rng.int(60, 300));
          incubation.exitReason = rng.pick(['核心成员离开，无法继续运作', '主动申请退出', '未通过半年评估']);
        }
      }
      plan.incubations.push(incubation);
    }
  }
}

/** The whole plan for a scale; `onProgress` reports counties done (for the national progress bar). */
export function planDemo(scale: Scale = 'jilin', onProgress?: (done: number, total: number) => void): DemoPlan {
  const register = loadRegister(scale);
  const townsByCounty = new Map<string, RegisterTown[]>();
  for (const town of register.towns) {
    const list = townsByCounty.get(town.countyCode) ?? [];
    list.push(town);
    townsByCounty.set(town.countyCode, list);
  }
  const plan: DemoPlan = { centers: [], largeTowns: [], stations: [], incubations: [] };
  register.counties.forEach((county, i) => {
    planCounty(county, townsByCounty.get(county.code) ?? [], plan);
    onProgress?.(i + 1, register.counties.length);
  });
  return plan;
}
