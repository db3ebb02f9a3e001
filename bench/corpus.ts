/**
 * Benchmark corpora: generated once per parameter set and cached under bench/.corpus/ (ignored by
 * git), so repeated runs compare systems on exactly the same bytes.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { type ArchiveSummary, generateArchive } from './generate/mod.ts';

export interface CorpusSpec {
  readonly files: number;
  readonly recordsPerFile: number;
  /** About 1 Support event per 5,000 records, as in real archives. */
  readonly supportDensity: number;
  readonly seed: string;
}

export interface Corpus {
  readonly dir: string;
  readonly spec: CorpusSpec;
  readonly summary: ArchiveSummary;
}

const CACHE = fileURLToPath(new URL('./.corpus/', import.meta.url));

/** The corpus for a spec, generating it (node:zlib compressor, for speed) when not cached. */
export async function corpus(spec: CorpusSpec, log: (line: string) => void): Promise<Corpus> {
  const name = `${spec.files}x${spec.recordsPerFile}-d${spec.supportDensity}-${spec.seed}`;
  const dir = `${CACHE}${name}`;
  // Not .json: the corpus folder is what the tools read, and the marker is not a log file.
  const marker = `${dir}/.bench-summary`;
  if (existsSync(marker)) return { dir, spec, summary: JSON.parse(readFileSync(marker, 'utf8')) };
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  log(`generating corpus ${name} (cached afterwards in bench/.corpus/) ...`);
  const started = performance.now();
  const summary = await generateArchive({
    seed: spec.seed,
    out: dir,
    files: spec.files,
    recordsPerFile: spec.recordsPerFile,
    supportDensity: spec.supportDensity,
    accounts: ['111122223333', '444455556666', '777788889999'],
    orgId: 'o-a1b2c3d4e5',
    spanHours: 24 * 30,
    sources: 'support',
    compressor: 'zlib',
  });
  await writeFile(marker, JSON.stringify(summary));
  log(`  generated in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return { dir, spec, summary };
}
