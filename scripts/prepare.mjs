// `prepare` (npm ci / npm install in a clone, or a git install): build dist/ when the TypeScript
// compiler is installed. A production install (--omit=dev) has no compiler: the packed package
// already ships dist/ (built by `prepack`), so there is nothing to build and nothing to fail.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
let tsc;
try {
  tsc = require.resolve('typescript/bin/tsc');
} catch {
  console.error('cloudtrail-support: TypeScript is not installed (a production install): dist/ is used as shipped');
  process.exit(0);
}
const build = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.json'], { stdio: 'inherit' });
process.exit(build.status ?? 1);
