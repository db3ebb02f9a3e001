/**
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
