import { zipSync, strToU8 } from 'fflate';
import { recordsFromBytes } from '../src/read-records.ts';
import { toLogFile } from '../src/discover.ts';
import { gzipSync } from 'node:zlib';
const rec = (id: string) => ({ eventVersion: '1.08', eventID: id, eventSource: 'support.amazonaws.com', eventName: 'CreateCase', eventTime: '2026-01-05T10:15:00Z', awsRegion: 'us-east-1', userIdentity: { type: 'Root' } });
const f = toLogFile('x.zip', 1);
const zip = zipSync({ 'a/b.json': strToU8(JSON.stringify({ Records: [rec('1'), rec('2')] })), '../evil.json': strToU8('{}'), 'c.json.gz': gzipSync(JSON.stringify(rec('3')) + '\n'), 'big.json': new Uint8Array(5000).fill(32), 'notes.txt': strToU8('hi'), 'dir/': new Uint8Array(0) });
console.log(JSON.stringify(recordsFromBytes(f, zip, false, { maxFileBytes: 4000 }), null, 1).slice(0, 3000));
