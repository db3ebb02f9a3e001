import { zipSync, strToU8 } from 'fflate';
import { gzipSync } from 'node:zlib';
import { put, record, tarOf, trailFile, lookupEvent, tempDir } from '../test/helpers.ts';
const root = process.argv[2];
put(root, 'a.zip', zipSync({ 'x/t.json': strToU8(trailFile([record({ eventID: 'z1' })])), 'x/l.json': strToU8(JSON.stringify({ Events: [lookupEvent(record({ eventID: 'z2' }), 1)] })) }));
put(root, 'b.tar.gz', gzipSync(tarOf([{ name: 'y/t.json', data: trailFile([record({ eventID: 't1' })]) }])));
put(root, 'c.csv', 'Event ID,Event time,User name,Event name,Event source\ne9,2026-01-05T10:15:00Z,jane,CreateCase,support.amazonaws.com\n');
put(root, 'd.log', ['2026-01-05T10:15:00.000Z ' + JSON.stringify(record({ eventID: 'w1' }))].join('\n'));
