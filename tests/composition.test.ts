// The committed SDL files and supergraph are what the code composes to, and the contract validates.
import { execFileSync, spawnSync } from 'child_process';
import { join } from 'path';
import { ROOT } from '../subgraphs/kit/paths';

describe('composition', () => {
  it('the committed schema/ files are what the subgraphs print and compose to', () => {
    const run = spawnSync(process.execPath, [join(ROOT, 'dist', 'scripts', 'compose.js'), '--check'], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  it('every contract operation validates against the composed supergraph', () => {
    const out = execFileSync(process.execPath, [join(ROOT, '..', 'shared', 'tools', 'check-contract.cjs')], { cwd: ROOT, encoding: 'utf8' });
    expect(out).toMatch(/contract: (\d+) of \1 operations validate/);
  });
});
