/**
 * The Deno rows of `npm run bench`: the same CLI command under Deno 2 (the sources, run as the
 * README's Deno lines run them) and under Node (the build, run as the bin's shebang runs it),
 * alternated run by run (N, D, N, D, ...) so that both meet the same moments of a shared machine.
 * Each side keeps its fastest run and its highest peak RSS, as run.ts does; the ratio of each
 * pair (run i of Deno over run i of Node) gives the median and the spread. Deno must print the
 * same bytes as Node (stdout, and the --out file when there is one): a difference fails the bench.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { cliArgs, type CliCommand, measure, type Measured } from './measure.ts';

/**
 * The flags of the README's Deno command lines: the three permissions every command needs, and
 * the heap flags the Node bin's shebang sets (Deno has no shebang to carry them): 2 MB semi-spaces
 * (without them peak RSS was 150 MB against 136-139 MB on 400 benchmark files, Node 114 MB) and a
 * 1.6x heap growing factor (docs/performance.md, "The heap growing factor", says why).
 */
export const DENO_RUN = ['run', '--v8-flags=--max-semi-space-size=2,--heap-growing-percent=60', '--allow-read', '--allow-write', '--allow-env'];

/** The Deno binary of the dev dependency `deno`, or undefined when it is not installed. */
export function denoBinary(root: string): string | undefined {
  const bin = join(root, 'node_modules/.bin/deno');
  return existsSync(bin) ? bin : undefined;
}

/** Formats a results file as `npm test` checks bench/ (deno fmt --check), when Deno is installed. */
export function formatWithDeno(root: string, path: string): void {
  const deno = denoBinary(root);
  if (deno) spawnSync(deno, ['fmt', path], { stdio: 'ignore' });
}

/** Node's and Deno's runs of one command, in the order they ran (node[i] just before deno[i]). */
export interface Paired {
  readonly node: readonly Measured[];
  readonly deno: readonly Measured[];
}

/** What both runtimes are asked: the CLI arguments, and the file `--out` writes (compared byte for byte), if any. */
export interface DenoCommand {
  readonly args: (out?: string) => string[];
  readonly out?: (runtime: 'node' | 'deno') => string;
}

/**
 * Runs `command` under Node and Deno alternately, `repeat` times each. Throws when Deno's output
 * differs from Node's: the comparison is meant to be of the same work.
 */
export async function alternate(root: string, node: CliCommand, deno: string, command: DenoCommand, repeat: number): Promise<Paired> {
  const nodeRuns: Measured[] = [];
  const denoRuns: Measured[] = [];
  const outNode = command.out?.('node');
  const outDeno = command.out?.('deno');
  try {
    for (let i = 0; i < repeat; i++) {
      nodeRuns.push(await measure(node.command, cliArgs(node, command.args(outNode)), root));
      denoRuns.push(await measure(deno, [...DENO_RUN, 'src/cli.ts', ...command.args(outDeno)], root));
      if (denoRuns[i].stdout !== nodeRuns[i].stdout) throw new Error(`Deno printed other bytes than Node for ${command.args(outDeno).join(' ')}`);
      if (outNode && outDeno && !readFileSync(outNode).equals(readFileSync(outDeno))) {
        throw new Error(`Deno wrote other bytes than Node for ${command.args(outDeno).join(' ')}`);
      }
    }
  } finally {
    for (const out of [outNode, outDeno]) if (out) rmSync(out, { force: true });
  }
  return { node: nodeRuns, deno: denoRuns };
}

/** The fastest run, with the highest peak RSS of all (run.ts's `best`). */
export function fastest(runs: readonly Measured[]): Measured {
  const best = runs.reduce((a, b) => (b.seconds < a.seconds ? b : a));
  return { ...best, peakRssMB: Math.max(...runs.map((r) => r.peakRssMB)) };
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** Deno over Node: the median wall-time ratio of the pairs with its range, and the peak RSS ratio. */
export function ratios(paired: Paired): { wall: number; low: number; high: number; rss: number; medianNode: number; medianDeno: number } {
  const each = paired.deno.map((d, i) => d.seconds / paired.node[i].seconds);
  return {
    wall: median(each),
    low: Math.min(...each),
    high: Math.max(...each),
    rss: fastest(paired.deno).peakRssMB / fastest(paired.node).peakRssMB,
    medianNode: median(paired.node.map((r) => r.seconds)),
    medianDeno: median(paired.deno.map((r) => r.seconds)),
  };
}

/** One line for the results: what was run, Deno/Node wall (median of pairs, range), medians, peak RSS both ways, and the target. */
export function ratioLine(what: string, paired: Paired, target: { wall: number; rss?: number }): string {
  const r = ratios(paired);
  const rssNode = fastest(paired.node).peakRssMB;
  const rssDeno = fastest(paired.deno).peakRssMB;
  const met = r.wall <= target.wall && (target.rss === undefined || r.rss <= target.rss);
  return `${what}: Deno/Node wall ${r.wall.toFixed(2)}x (median of ${paired.node.length} alternated pairs, range ${r.low.toFixed(2)}-${
    r.high.toFixed(2)
  }; medians ${r.medianNode.toFixed(2)} s Node, ${r.medianDeno.toFixed(2)} s Deno), peak RSS ${rssDeno.toFixed(0)} / ${rssNode.toFixed(0)} MB = ${
    r.rss.toFixed(2)
  }x; target wall <= ${target.wall}x${target.rss === undefined ? '' : `, RSS <= ${target.rss}x`}: ${met ? 'met' : 'NOT met'}`;
}
