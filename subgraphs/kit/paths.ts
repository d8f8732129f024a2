import { existsSync } from 'fs';
import { dirname, join } from 'path';

/** The project root (the folder with package.json), whether code runs from the sources or from dist/. */
export const ROOT = (() => {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error(`no package.json above ${__dirname}`);
    dir = up;
  }
  return dir;
})();
