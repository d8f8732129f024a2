// V8's code cache for the CommonJS modules a process loads, kept between starts (Node 20 has no
// module.enableCompileCache). A subgraph loads about 2,300 modules and that is most of a later start;
// compiled code from the last start saves a tenth of it. `npm start` preloads this file
// (`node --require dist/subgraphs/kit/compile-cache.js`); without it nothing changes. Each module's cache
// is keyed by its path and contents, so an edited file is compiled afresh; V8 rejects a cache from
// another V8 version or other flags, and the module is then compiled as usual and its cache written again.
// Written once, some seconds after start (what ran by then is compiled too), atomically (the processes
// share most modules). Anything this cannot compile (ES module syntax in a .js file) takes Node's own path.
import { createHash } from 'crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'fs';
import Module from 'module';
import { dirname, join } from 'path';
import { Script, constants } from 'vm';
import { ROOT } from './paths';

/** The cache's folder: beside npm start's data, in the checkout (.fuhua/ is not committed). */
const COMPILE_CACHE_DIR = join(ROOT, '.fuhua', 'compile-cache');

/** How long after start the caches are written: start-up code has run (and been compiled) by then. */
const WRITE_AFTER_MS = 10_000;

type Compile = (this: Module, content: string, filename: string) => unknown;
type Internal = typeof Module & {
  _resolveFilename(request: string, parent: Module, isMain: boolean, options?: object): string;
  _resolveLookupPaths(request: string, parent: Module): string[] | null;
  _extensions: object;
  _cache: object;
};

function enableCompileCache(dir = COMPILE_CACHE_DIR): void {
  const internal = Module as Internal;
  const proto = Module.prototype as unknown as { _compile: Compile };
  const compile = proto._compile;
  const fresh: { file: string; script: Script }[] = [];
  proto._compile = function (this: Module, content: string, filename: string) {
    const file = join(dir, createHash('sha1').update(filename).update('\0').update(content).digest('hex'));
    let cachedData: Buffer | undefined;
    try {
      cachedData = readFileSync(file);
    } catch {
      // not cached yet
    }
    let script: Script;
    try {
      script = new Script(Module.wrap(content), { filename, cachedData, importModuleDynamically: constants.USE_MAIN_CONTEXT_DEFAULT_LOADER });
    } catch {
      return compile.call(this, content, filename); // not CommonJS (or broken): Node says why
    }
    if (!cachedData || script.cachedDataRejected) fresh.push({ file, script });
    // The module's own require, as Node makes it.
    const require = ((id: string) => this.require(id)) as NodeJS.Require;
    require.resolve = Object.assign((request: string, options?: { paths?: string[] }) => internal._resolveFilename(request, this, false, options), {
      paths: (request: string) => internal._resolveLookupPaths(request, this),
    });
    require.main = process.mainModule;
    require.extensions = internal._extensions as NodeJS.Require['extensions'];
    require.cache = internal._cache as NodeJS.Require['cache'];
    const wrapper = script.runInThisContext({ displayErrors: true }) as (...args: unknown[]) => unknown;
    return wrapper.call(this.exports, this.exports, require, this, filename, dirname(filename));
  };
  setTimeout(() => {
    try {
      mkdirSync(dir, { recursive: true });
      for (const { file, script } of fresh.splice(0)) {
        const temporary = `${file}.${process.pid}`;
        writeFileSync(temporary, script.createCachedData());
        renameSync(temporary, file);
      }
    } catch {
      // a cache is a convenience: a read-only folder costs the next start its tenth, nothing more
    }
  }, WRITE_AFTER_MS).unref();
}

enableCompileCache();
