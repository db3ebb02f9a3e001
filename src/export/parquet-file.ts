/**
 * The edge between hyparquet-writer and a file: its ByteWriter keeps bytes in one growing
 * buffer; this one hands them to an output after every row group and starts over, so only one
 * row group's bytes are ever in memory. ParquetWriter awaits `flush` before encoding more.
 *
 * The part files of a partitioned export share one {@link SharedBuffer}: a file borrows it to
 * encode a row group (or its footer) and gives it back at the flush, so an open part file that
 * waits for its next row group holds a few hundred bytes, not a row group's worth.
 */
import { ByteWriter } from 'hyparquet-writer';
import type { ByteOut } from './row-sink.ts';

const START = 1 << 20;
const IDLE = 256;

/** One encoding buffer for writers used one at a time (the part files of one dataset). */
export class SharedBuffer {
  private spare: ArrayBuffer | undefined = new ArrayBuffer(START);

  /** The buffer, or a new one when it is out (writers that overlap still work, with their own). */
  take(): ArrayBuffer {
    const buffer = this.spare ?? new ArrayBuffer(START);
    this.spare = undefined;
    return buffer;
  }

  /** Gives a buffer back; the biggest one is kept (the one a row group grew to). */
  give(buffer: ArrayBuffer): void {
    if (!this.spare || buffer.byteLength > this.spare.byteLength) this.spare = buffer;
  }
}

export class ParquetFileWriter extends ByteWriter {
  private readonly idle: ArrayBuffer | undefined;

  constructor(private readonly out: Pick<ByteOut, 'write'>, private readonly shared?: SharedBuffer) {
    super(shared ? IDLE : START);
    if (shared) this.idle = this.buffer;
  }

  /** With a shared buffer: takes it before encoding (the bytes not written out yet move along). */
  borrow(): void {
    if (!this.shared || this.buffer !== this.idle) return;
    const buffer = this.shared.take();
    if (buffer.byteLength < this.index) return this.shared.give(buffer);
    new Uint8Array(buffer).set(new Uint8Array(this.buffer, 0, this.index));
    this.buffer = buffer;
    this.view = new DataView(buffer);
  }

  /** Writes the buffered bytes out and reuses the buffer (`offset` keeps counting file bytes). */
  async flush(): Promise<void> {
    if (this.index > 0) await this.out.write(new Uint8Array(this.buffer, 0, this.index));
    this.index = 0;
    if (this.shared && this.idle && this.buffer !== this.idle) {
      this.shared.give(this.buffer);
      this.buffer = this.idle;
      this.view = new DataView(this.idle);
    }
  }

  /** ParquetWriter.finish() returns (and the sink awaits) what this gives. */
  override finish(): Promise<void> {
    return this.flush();
  }
}
