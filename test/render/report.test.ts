import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { toReportDocument } from '../../src/reports/document.ts';
import { buildReports } from '../../src/reports/partial.ts';
import { renderReport, reportFileChunks, reportFiles } from '../../src/render/report.ts';
import { toJsonDocument } from '../../src/render/json.ts';
import { scan } from '../../src/scan/scan.ts';
import { SAMPLES } from '../_support/helpers.ts';

const sampled = await scan([SAMPLES], { sources: 'all', workers: 1 });

test('a bounded event list says so in every format: the latest N of M, and where every event is', () => {
  const all = buildReports(sampled.rows, ['events']);
  const latest = new Map([['events', { ...all.get('events')!, rows: [...all.get('events')!.rows].slice(-5) }]] as const);
  const doc = toReportDocument({ ...sampled, records: { ...sampled.records } }, latest);
  assert.equal(doc.eventList, { total: 89, shown: 5, complete: false });
  assert.match(renderReport(doc, 'table'), /^Support events \(the latest 5 of 89; every event: cloudtrail-support export\)$/m);
  assert.match(renderReport(doc, 'md'), /^## Support events \(the latest 5 of 89; every event: cloudtrail-support export\)$/m);
  assert.equal(JSON.parse(renderReport(doc, 'json')).eventList, { total: 89, shown: 5, complete: false });
  assert.equal(JSON.parse(reportFiles(doc, 'csv').get('summary.json')!).eventList, { total: 89, shown: 5, complete: false });
});

test('a complete event list keeps its plain title', () => {
  const doc = toReportDocument(sampled, buildReports(sampled.rows, ['events']));
  assert.equal(doc.eventList, { total: 89, shown: 89, complete: true });
  assert.match(renderReport(doc, 'table'), /^Support events \(89\)$/m);
});

test('the files of --out DIR come in pieces made as they are written, each the text of its report', () => {
  const doc = toReportDocument(sampled, buildReports(sampled.rows, ['events', 'actions']));
  const json = reportFileChunks(doc, 'json');
  assert.equal([...json.keys()].sort(), ['actions.json', 'events.json', 'summary.json']);
  const events = [...json.get('events.json')!];
  assert.ok(events.length > 89, `${events.length} pieces`);
  assert.is(events.join(''), toJsonDocument(doc.reports.get('events')!.rows));
  const csv = reportFiles(doc, 'csv');
  assert.match(csv.get('actions.csv')!, /^category,eventSource,eventName,count,/);
  assert.is(csv.get('summary.json'), [...reportFileChunks(doc, 'md').get('summary.json')!].join(''));
});

test.run();
