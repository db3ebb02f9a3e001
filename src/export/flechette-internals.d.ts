/**
 * Types for the two flechette internals the streaming Arrow writer uses (flechette ships their
 * declarations under dist/types, which a deep `src/` import does not find). flechette is pinned
 * to 2.6.0 in package.json (dependency and override), so these signatures cannot drift.
 */
declare module '@uwdata/flechette/src/encode/builder.js' {
  export interface Sink {
    write(bytes: Uint8Array): void;
    pad(byteCount: number): void;
    finish(): Uint8Array | null;
  }
  /** Flatbuffer binary builder writing to a sink. */
  export class Builder {
    constructor(sink: Sink);
  }
}

declare module '@uwdata/flechette/src/encode/footer.js' {
  import type { Builder } from '@uwdata/flechette/src/encode/builder.js';
  import type { Table } from '@uwdata/flechette';
  export type Schema = Table['schema'];
  /** Where a message is in the file: offset of its continuation marker, metadata and body lengths. */
  export interface Block {
    offset: number;
    metadataLength: number;
    bodyLength: number;
  }
  /** Writes the IPC file footer (schema, dictionary and record batch blocks), its length and the magic. */
  export function writeFooter(builder: Builder, schema: Schema, dictBlocks: Block[], recordBlocks: Block[], metadata: Map<string, string> | null): void;
}
