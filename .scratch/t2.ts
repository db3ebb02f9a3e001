import { zipSync, strToU8 } from 'fflate';
import { recordsFromBytes } from '../src/read-records.ts';
import { toLogFile } from '../src/discover.ts';
const whole = zipSync({ 'x.json': strToU8(JSON.stringify({Records:[{a:1},{b:2}]}).repeat(20)) }, { level: 0 });
for (const n of [20, 100, 200, whole.length - 30, whole.length - 5]) console.log(n, JSON.stringify(recordsFromBytes(toLogFile('c.zip', 1), whole.subarray(0, n), false)).slice(0, 300));
