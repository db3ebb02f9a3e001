/** The console's Event history CSV: an RFC 4180 reader, the event JSON column, and partial records from columns. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { toLogFile } from '../../../src/read/discover.ts';
import { recordsFromBytes } from '../../../src/read/log-file.ts';
import { parseCsv } from '../../../src/read/shapes/csv-parse.ts';
import { csvField } from '../../../src/render/csv.ts';
import { record } from '../../_support/helpers.ts';

const HEADER = [
  'Event ID',
  'Event time',
  'User name',
  'Event name',
  'Resource type',
  'Resource name',
  'AWS access key',
  'AWS region',
  'Error code',
  'Source IP address',
  'Event source',
  'Read-only',
];
const line = (cells: string[]) => cells.map((c) => (/[",\r\n]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c)).join(',');

function read(csv: string) {
  const bytes = new TextEncoder().encode(csv);
  const result = recordsFromBytes(toLogFile('event_history.csv', bytes.length), bytes, false);
  if (!result.ok) throw new Error('reject' in result ? result.reject.reason : `skipped as ${result.skipAs}`);
  return result;
}

test('parseCsv() reads RFC 4180: quoted commas, doubled quotes, quoted CRLF and LF line breaks, and says where rows start', () => {
  const parsed = parseCsv('a,b,c\r\n"x, y","say ""hi""","two\r\nlines"\r\n"three\nlines",,last\r\n');
  assert.ok(parsed.ok);
  if (!parsed.ok) return;
  assert.equal(parsed.rows.map((r) => r.cells), [['a', 'b', 'c'], ['x, y', 'say "hi"', 'two\r\nlines'], ['three\nlines', '', 'last']]);
  assert.equal(parsed.rows.map((r) => r.line), [1, 2, 4]);
  assert.equal(parseCsv('no,final,newline').ok && parseCsv('no,final,newline'), { ok: true, rows: [{ line: 1, cells: ['no', 'final', 'newline'] }] });
});

test('parseCsv() reads back what our own CSV writer wrote, and names the line of a quote that never closes', () => {
  const tricky = ['=1+2', 'comma, inside', 'quote " inside', 'line\nbreak', ''];
  const parsed = parseCsv(tricky.map((v) => csvField(v)).join(',') + '\r\n');
  assert.ok(parsed.ok);
  if (parsed.ok) assert.equal(parsed.rows[0].cells, ["'=1+2", 'comma, inside', 'quote " inside', 'line\nbreak', '']);
  assert.equal(parseCsv('a,b\n1,"open\n2,3\n'), { ok: false, reason: 'CSV: quoted field opened on line 2 is never closed' });
});

test('a CSV with the event JSON column gives the full records, even with line breaks inside the JSON', () => {
  const a = record({ eventID: 'a', userAgent: 'agent, with "quotes"' });
  const pretty = JSON.stringify(record({ eventID: 'b' }), null, 2);
  const csv = [
    line([...HEADER, 'CloudTrail event']),
    line(['a', '2026-01-05T10:15:00Z', 'janedoe', 'CreateCase', '', '', '', 'us-east-1', '', '', 'support.amazonaws.com', 'false', JSON.stringify(a)]),
    line(['b', '', '', 'CreateCase', '', '', '', '', '', '', '', '', pretty]),
  ].join('\r\n');
  const result = read(csv);
  assert.equal(result.batches.map((b) => [b.shape, b.partial, b.records.map((r) => (r as { eventID: string }).eventID)]), [['console-csv', false, ['a', 'b']]]);
  assert.equal(result.batches[0].records[0], a);
});

test('a CSV without the event JSON gives partial records built from the columns, times in UTC', () => {
  const csv = [
    line(HEADER),
    line([
      'e1',
      '2026-01-05T21:15:00+11:00',
      'janedoe',
      'CreateCase',
      '',
      '',
      'AKIAIOSFODNN7EXAMPLE',
      'us-east-1',
      '',
      '198.51.100.15',
      'support.amazonaws.com',
      'false',
    ]),
    line(['e2', '2026-01-05T10:16:00Z', 'root', 'DescribeCases', '', '', '', 'us-east-1', 'AccessDenied', '198.51.100.16', 'support.amazonaws.com', 'true']),
    line(['', '', '', '', '', '', '', '', '', '', '', '']),
    line(['', '2026-01-05T10:17:00Z', 'x', '', '', '', '', '', '', '', '', '']),
  ].join('\n');
  const result = read(csv);
  assert.equal(result.batches.length, 1);
  assert.is(result.batches[0].partial, true);
  assert.equal(result.batches[0].records[0], {
    eventID: 'e1',
    eventTime: '2026-01-05T10:15:00Z',
    eventSource: 'support.amazonaws.com',
    eventName: 'CreateCase',
    awsRegion: 'us-east-1',
    sourceIPAddress: '198.51.100.15',
    readOnly: false,
    userIdentity: { userName: 'janedoe', accessKeyId: 'AKIAIOSFODNN7EXAMPLE' },
  });
  assert.equal((result.batches[0].records[1] as { errorCode: string }).errorCode, 'AccessDenied');
  assert.equal(result.batches[0].indexes, [0, 1]);
  assert.equal(result.rejects.map((r) => [r.index, r.reason]), [[2, 'CSV line 5: neither an event JSON nor an event name or id']]);
});

test('camelCase headers (other tools export the same columns) are matched too', () => {
  const result = read('eventTime,eventName,eventSource,eventID\n2026-01-05T10:15:00Z,CreateCase,support.amazonaws.com,x1\n');
  assert.equal(result.batches[0].records, [{
    eventID: 'x1',
    eventTime: '2026-01-05T10:15:00Z',
    eventSource: 'support.amazonaws.com',
    eventName: 'CreateCase',
  }]);
});

test.run();
