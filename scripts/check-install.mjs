// The install route of a user without the dev toolchain, checked by .ci/run (it needs the npm
// registry for the dependencies' metadata, so it is not part of the offline `npm test`):
// `npm pack`, then `npm install --omit=dev` of the tarball into a new project, then the CLI on a
// copy of samples/. Exit 1, naming the step, when any step fails.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'cts-install-'));
const fail = (step, result) => {
  console.error(`check-install: ${step} failed (exit ${result.status})\n${result.stderr ?? ''}`);
  process.exit(1);
};
try {
  const packed = spawnSync('npm', ['pack', '--pack-destination', work, '--silent'], { cwd: ROOT, encoding: 'utf8' });
  if (packed.status !== 0) fail('npm pack', packed);
  const tarball = readdirSync(work).find((f) => f.endsWith('.tgz'));
  const project = join(work, 'project');
  cpSync(join(ROOT, 'samples'), join(project, 'evidence'), { recursive: true });
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'audit', version: '1.0.0', private: true }));
  const args = ['install', '--prefer-offline', '--omit=dev', '--no-audit', '--no-fund', join(work, tarball)];
  const installed = spawnSync('npm', args, { cwd: project, encoding: 'utf8' });
  if (installed.status !== 0) fail('npm install --omit=dev', installed);
  if (existsSync(join(project, 'node_modules', 'typescript'))) fail('--omit=dev (typescript was installed)', { status: 1 });
  const bin = join(project, 'node_modules', '.bin', 'cloudtrail-support');
  const run = spawnSync(bin, ['report', 'evidence', '--format', 'json', '--report', 'actions'], { cwd: project, encoding: 'utf8' });
  if (run.status !== 0) fail('cloudtrail-support report', run);
  const { records } = JSON.parse(run.stdout);
  if (records.support !== 65) fail(`the report (expected 65 Support events, got ${records.support})`, { status: 1 });
  console.log(`check-install: packed ${tarball}, installed with --omit=dev, report on samples/: ${records.support} Support events of ${records.seen} records`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
