/** Archives of a folder, built in the test: a zip (fflate) and a tar (helpers.ts tarOf), with entry names relative to the folder. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { zipSync } from 'fflate';
import { tarOf } from './helpers.ts';

/** Every file under `root`, sorted, as [name relative to root, bytes]. */
export function filesUnder(root: string): [string, Uint8Array][] {
  const out: [string, Uint8Array][] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else out.push([relative(root, path), new Uint8Array(readFileSync(path))]);
    }
  };
  walk(root);
  return out;
}

/** A deflate zip of the folder. */
export const zipOf = (root: string): Uint8Array => zipSync(Object.fromEntries(filesUnder(root)), { level: 6 });

/** A tar of the folder; names over 100 bytes go in a GNU long-name entry first, as GNU tar writes them. */
export const tarOfFolder = (root: string): Uint8Array =>
  tarOf(filesUnder(root).flatMap(([name, data]) => [...(name.length > 100 ? [{ name: '././@LongLink', type: 'L', data: `${name}\0` }] : []), { name, data }]));
