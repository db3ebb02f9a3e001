/**
 * The edge between hyparquet-writer and a file: its ByteWriter keeps bytes in one growing
 * buffer; this one hands them to an output after every row group and starts over, so only one
 * row group's bytes are ever in memory. ParquetWriter awaits `flush` before encoding more.
 */
import { ByteWriter } from 'hyparquet-writer';
import type { ByteOut } from './row-sink.ts';

export class ParquetFileWriter extends ByteWriter {
  constructor(private readonly out: Pick<ByteOut, 'write'>) {
    super(1 << 20);
  }

  /** Writes the buffered bytes out and reuses the buffer (`offset` keeps counting file bytes). */
  async flush(): Promise<void> {
    if (this.index === 0) return;
    await this.out.write(new Uint8Array(this.buffer, 0, this.index));
    this.index = 0;
  }

  /** ParquetWriter.finish() returns (and the sink awaits) what this gives. */
  override finish(): Promise<void> {
    return this.flush();
  }
}
