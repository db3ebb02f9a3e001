// The install routes of a user without the dev toolchain, checked by .ci/run (they need the npm
// registry for the dependencies' metadata unless the npm cache has it, so they are not part of the
// offline `npm test`). From one `npm pack` of the clone:
// - `npm install --omit=dev` of the tarball into a new project, then its bin on a copy of samples/;
// - `npm install -g` of the tarball (into a temporary prefix), then the global bin;
// - `npx --package <tarball> cloudtrail-support` from an empty folder;
// - Deno on the installed package, both as `npm:cloudtrail-support` and as the bin's path, printing
//   the same bytes as Node (skipped, saying so, when the dev dependency `deno` is not installed).
// With --git, also `npm install` of the clone's HEAD as a git URL (git+file://), which builds dist/
// in `prepare` with the dev dependencies: slow (~2.5 min) and it needs the registry, so not in CI.
// Exit 1, naming the step, when any step fails.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DENO = join(ROOT, 'node_modules', '.bin', 'deno');
// As the README's Deno lines (bench/deno.ts DENO_RUN).
const DENO_RUN = ['run', '--v8-flags=--max-semi-space-size=2', '--allow-read', '--allow-write', '--allow-env'];
const QUIET = ['--prefer-offline', '--no-audit', '--no-fund'];
const work = mkdtempSync(join(tmpdir(), 'cts-install-'));
const done = [];

const fail = (step, result) => {
  console.error(`check-install: ${step} failed (exit ${result.status})\n${result.stderr ?? ''}`);
  process.exit(1);
};

/** Runs a command; fails the check, naming the step, unless it exits 0. */
function run(step, command, args, cwd) {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) fail(step, result);
  return result;
}

/** A new project folder with a copy of samples/ as its evidence. */
function project(name) {
  const dir = join(work, name);
  cpSync(join(ROOT, 'samples'), join(dir, 'evidence'), { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: `audit-${name}`, version: '1.0.0', private: true }));
  return dir;
}

/** The report on the evidence, checked: 89 Support events of 356 records in samples/. Returns the JSON text. */
function report(step, command, args, cwd) {
  const out = run(step, command, [...args, 'report', join(cwd, 'evidence'), '--format', 'json'], cwd).stdout;
  const { records } = JSON.parse(out);
  if (records.support !== 89 || records.seen !== 356) fail(`${step} (expected 89 Support events of 356 records, got ${records.support} of ${records.seen})`, { status: 1 });
  done.push(step);
  return out;
}

try {
  run('npm pack', 'npm', ['pack', '--pack-destination', work, '--silent'], ROOT);
  const tarball = join(work, readdirSync(work).find((f) => f.endsWith('.tgz')));

  const local = project('local');
  run('npm install --omit=dev', 'npm', ['install', '--omit=dev', ...QUIET, tarball], local);
  if (existsSync(join(local, 'node_modules', 'typescript'))) fail('--omit=dev (typescript was installed)', { status: 1 });
  const viaNode = report('npm install --omit=dev <tarball>, then its bin', join(local, 'node_modules', '.bin', 'cloudtrail-support'), [], local);

  const prefix = join(work, 'global');
  mkdirSync(prefix);
  run('npm install -g', 'npm', ['install', '-g', '--prefix', prefix, '--omit=dev', ...QUIET, tarball], work);
  report('npm install -g <tarball>, then the global bin', join(prefix, 'bin', 'cloudtrail-support'), [], local);

  // From a project without it: npx installs the tarball into its own cache folder.
  const bare = project('npx');
  report('npx --package <tarball> cloudtrail-support', 'npx', ['--yes', ...QUIET, '--package', tarball, '--', 'cloudtrail-support'], bare);

  if (existsSync(DENO)) {
    for (const [step, entry] of [['deno run npm:cloudtrail-support', 'npm:cloudtrail-support'], [
      'deno run node_modules/cloudtrail-support/dist/src/cli.js',
      'node_modules/cloudtrail-support/dist/src/cli.js',
    ]]) {
      if (report(step, DENO, [...DENO_RUN, entry], local) !== viaNode) fail(`${step} (other bytes than Node's)`, { status: 1 });
    }
  } else console.log('check-install: Deno routes skipped (the dev dependency deno is not installed)');

  if (process.argv.includes('--git')) {
    const git = project('git');
    run('npm install git+file://<clone>', 'npm', ['install', '--omit=dev', ...QUIET, `git+file://${ROOT}`], git);
    report('npm install git+file://<clone> (HEAD), then its bin', join(git, 'node_modules', '.bin', 'cloudtrail-support'), [], git);
  }
  console.log(`check-install: ${readdirSync(work).find((f) => f.endsWith('.tgz'))}, each route gave 89 Support events of 356 records on samples/:`);
  for (const step of done) console.log(`  ${step}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
