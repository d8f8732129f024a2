// The committed SDL files and supergraph are what the code composes to (the served operations are
// validated against them in tests/unit/operations.test.ts).
import { spawnSync } from 'child_process';
import { join } from 'path';
import { ROOT } from '../subgraphs/kit/paths';

describe('composition', () => {
  it('the committed schema/ files are what the subgraphs print and compose to', () => {
    const run = spawnSync(process.execPath, [join(ROOT, 'dist', 'scripts', 'compose.js'), '--check'], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });
});
