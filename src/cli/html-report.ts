/**
 * `report --format html`: which runs write it, and the run facts its title and provenance sections
 * state (tool version, runtime, command line). The page itself is rendered in render/html/.
 */
import type { RunManifest } from '../integrity/manifest.ts';
import type { SourceSelection } from '../rows/support-row.ts';
import type { RuleFinding } from '../findings/finding.ts';
import process from 'node:process';
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { RunError } from '../errors.ts';
import { runtimeInfo } from '../runtime.ts';
import type { HtmlReportContext, ReportScope } from '../render/html/context.ts';
import type { InflateEngine } from '../read/decode.ts';
import type { VerifyResult } from '../integrity/types.ts';

const HTML_EXTENSIONS = new Set(['.html', '.htm']);

/**
 * True when the run writes the HTML report: `--format html`, or an `--out` file named `.html` or
 * `.htm` without `--format`. The HTML report is one file (or stdout) holding every report, so a
 * folder `--out`, a contradicting `--format` and `--report` are usage errors.
 */
export function isHtmlReport(format: string | undefined, out: string | undefined, reports: readonly string[] | undefined): boolean {
  const named = out !== undefined && HTML_EXTENSIONS.has(extname(out).toLowerCase());
  if (format !== undefined && format !== 'html' && named) {
    throw new RunError(`--format ${format} contradicts --out ${out}, whose extension says html (drop --format, or rename the file)`);
  }
  if (format !== 'html' && !named) return false;
  if (out !== undefined && !named) throw new RunError(`--format html writes one file: give --out a name ending in .html (got ${out})`);
  if (reports !== undefined) throw new RunError('--format html shows every report: drop --report');
  return true;
}

let version: string | undefined;

/** This package's version, from its package.json (two folders up from src/cli/, three from dist/src/cli/). */
export function toolVersion(): string {
  if (version) return version;
  for (const up of ['../../package.json', '../../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(up, import.meta.url), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'cloudtrail-support' && pkg.version) return (version = pkg.version);
    } catch {
      // Not this folder: try the next.
    }
  }
  return (version = 'unknown');
}

/** What the HTML report states about the run, from the flags. */
export function scopeOf(
  args: { since?: string; until?: string; sources: SourceSelection; account?: string[]; region?: string[]; 'event-name'?: string[]; principal?: string[] },
  paths: readonly string[],
  startedAt: Date,
): ReportScope {
  return {
    inputs: paths,
    ...(args.since === undefined ? {} : { since: args.since }),
    ...(args.until === undefined ? {} : { until: args.until }),
    filters: { account: args.account, region: args.region, 'event-name': args['event-name'], principal: args.principal },
    sources: args.sources,
    generatedAt: new Date().toISOString(),
    startedAt: startedAt.toISOString(),
    tool: { name: 'cloudtrail-support', version: toolVersion() },
    runtime: runtimeInfo(),
    argv: ['cloudtrail-support', ...process.argv.slice(2)],
    cwd: process.cwd(),
  };
}

/** Starts loading the chart library while the archive is read; the returned promise never rejects (a failed load fails the render). */
export function preloadCharts(): Promise<unknown> {
  return import('../render/html/charts.ts').then((m) => m.loadCharts()).catch(() => undefined);
}

/** The flags of the integrity check the HTML report can show. */
export interface IntegrityArgs {
  'public-keys'?: string[];
  signatures?: string;
  'max-file-bytes': number;
  inflate: InflateEngine;
}

/**
 * Loads the keys and signatures up front (a bad file is a usage error before the archive is read)
 * and returns the check to run after the report: `verify` on the same inputs. Without
 * `--public-keys` there is none, and the page says integrity was not checked.
 */
export async function integrityCheckOf(args: IntegrityArgs, html: boolean, paths: readonly string[]): Promise<(() => Promise<VerifyResult>) | undefined> {
  if (!args['public-keys']?.length) {
    if (args.signatures !== undefined) throw new RunError('--signatures needs --public-keys');
    return undefined;
  }
  if (!html) throw new RunError('--public-keys with report is for the HTML report (--format html); to verify on its own: cloudtrail-support verify');
  const { loadPublicKeys, loadSignatures } = await import('../integrity/load.ts');
  const publicKeys = await loadPublicKeys(args['public-keys']);
  const signatures = args.signatures ? await loadSignatures(args.signatures) : new Map<string, string>();
  const { verifyArchive } = await import('../integrity/verify.ts');
  return () => verifyArchive(paths, { publicKeys, signatures, maxFileBytes: args['max-file-bytes'], inflate: args.inflate });
}

/** The HTML report's context for this run (findings and the manifest join it when those jobs ran). */
export const htmlContextOf = (
  scope: ReportScope,
  verify: VerifyResult | undefined,
  findings: readonly RuleFinding[] | undefined,
  manifest: RunManifest | undefined,
): HtmlReportContext => ({
  scope,
  ...(verify ? { verify } : {}),
  ...(findings ? { findings } : {}),
  ...(manifest ? { manifest } : {}),
});
