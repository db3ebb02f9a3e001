/**
 * What the main thread's merged case state sets aside about attachment sets until the scan is done.
 *
 * The calls that name only an attachment set (AddAttachmentsToSet), as the main thread's merged
 * case state holds them until the cases are made: a set reaches its cases through a CreateCase or
 * AddCommunicationToCase that may come in any later file, so each call waits to the end. As
 * objects, the 2,000-file dense corpus's ~17,000 of them were 8.5 MB of the main heap at the end
 * of the scan, where `cases` peaked; here each is a line of JSON (case-codec.ts encodeEvent, its
 * repeated texts numbered in one table), in memory and then on disk (on-disk.ts LinesAside).
 */
import type { CaseEvent } from './case-events.ts';
import { decodeEvent, encodeEvent, TextTable } from './case-codec.ts';
import { LinesAside } from './on-disk.ts';

/** Calls held in memory before they go to disk: ~2 MB at ~250 bytes a line. */
export const SET_ONLY_IN_MEMORY = 8192;

export class SetOnlySpill extends LinesAside<CaseEvent> {
  constructor(inMemory = SET_ONLY_IN_MEMORY, texts = new TextTable()) {
    super('set-calls', inMemory, (event) => JSON.stringify(encodeEvent(event, texts)), (line) => decodeEvent(JSON.parse(line), texts));
  }
}

/**
 * Which case uses which attachment set, as merged from each file: read only once the scan is done
 * (to give the set-only calls to their cases, and for the findings on attachments), so they wait as
 * lines `[set, caseId]` and become the state's map on first read (build-cases.ts casesUsingSet). As
 * a map through the scan, the 2,000-file dense corpus's links held 3.6 MB of the main heap at its
 * end, where every report peaks.
 */
export class SetLinks extends LinesAside<readonly [string, string]> {
  constructor(inMemory = SET_ONLY_IN_MEMORY) {
    super('set-links', inMemory, (link) => JSON.stringify(link), (line) => JSON.parse(line) as [string, string]);
  }
}
