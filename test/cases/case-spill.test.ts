import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { buildCases, casesOf, emptyCaseState, foldCaseRows, mergeCaseStates, openersOf, packCaseState } from '../../src/cases/build-cases.ts';
import { type AccountFirst, type CaseFacts, emptyCaseFacts } from '../../src/cases/case-facts.ts';
import { TextTable } from '../../src/cases/case-codec.ts';
import { DiskRows } from '../../src/cases/case-rows.ts';
import { caseLine, CaseSpill, packCases, parseCaseLine } from '../../src/cases/case-spill.ts';
import { toLogFile } from '../../src/read/discover.ts';
import { loadRules } from '../../src/findings/load-rules.ts';
import { report } from '../../src/reports/job.ts';
import { toReportJson } from '../../src/render/report.ts';
import { toSupportRow } from '../../src/rows/support-row.ts';
import type { SupportRow } from '../../src/types.ts';
import { CASE_A, EXPECTED_CASES, storyRecords, writeStoryArchive } from '../_support/case-stories.ts';
import { record, rejects, ROOT, withTmpdir } from '../_support/helpers.ts';
import { RunError } from '../../src/errors.ts';
import { SetLinks, SetOnlySpill } from '../../src/cases/set-only-spill.ts';

const FILE = toLogFile('stories.json', 1);
const rowsOf = (records: Record<string, unknown>[]): SupportRow[] => records.map((r, i) => toSupportRow(r, FILE, i));

/** The rows folded one per state, packed as the workers pack a file's, and merged as the main thread merges them: on disk past `limit` lines. */
function spilledState(rows: readonly SupportRow[], limit: number, spill = CaseSpill.open({ inMemory: limit })) {
  const state = emptyCaseState();
  state.spill = spill;
  state.setOnly = new SetOnlySpill(limit);
  state.links = new SetLinks(limit);
  for (const row of rows) mergeCaseStates(state, packCaseState(foldCaseRows(emptyCaseState(), [row])));
  return state;
}

/** Many cases, each of several calls at different hours, with attachment sets reached only through the set. */
function manyCaseRows(cases: number): SupportRow[] {
  const records: Record<string, unknown>[] = [];
  for (let c = 0; c < cases; c++) {
    const caseId = `case-111122223333-muen-2026-${String(c).padStart(16, '0')}`;
    const hour = (h: number) => `2026-01-0${1 + (c % 7)}T${String(h).padStart(2, '0')}:${String(c % 60).padStart(2, '0')}:00Z`;
    records.push(
      record({
        eventID: `s${c}`,
        eventTime: hour(1),
        eventName: 'AddAttachmentsToSet',
        requestParameters: {},
        responseElements: { attachmentSetId: `set-${c}` },
      }),
      record({ eventID: `c${c}`, eventTime: hour(2), requestParameters: { attachmentSetId: `set-${c}`, language: 'en' }, responseElements: { caseId } }),
      record({ eventID: `m${c}`, eventTime: hour(3), eventName: 'AddCommunicationToCase', requestParameters: { caseId }, responseElements: null }),
      record({
        eventID: `r${c}`,
        eventTime: c % 3 === 0 ? 'not a time' : hour(4),
        eventName: 'ResolveCase',
        requestParameters: { caseId },
        responseElements: null,
      }),
    );
  }
  return rowsOf(records);
}

test('cases spilled to disk after every call give the rows the state in memory gives, and the files go', () => {
  const state = spilledState(rowsOf(storyRecords()), 0);
  const spill = state.spill!;
  assert.ok(spill.linesWritten > EXPECTED_CASES.length, `${spill.linesWritten} lines`);
  const rows = casesOf(state, undefined, true);
  assert.instance(rows, DiskRows, 'rows on disk');
  const cases = [...rows];
  assert.is(rows.length, cases.length);
  assert.equal(cases.map((c) => c.caseId), EXPECTED_CASES.map((c) => c.caseId));
  cases.forEach((c, i) => assert.equal(c, EXPECTED_CASES[i], c.caseId));
  assert.is(existsSync(spill.dir!), false);
  assert.is(state.spill, undefined);
});

test('a spilled state gives the same cases at every limit, attachment sets and unreadable times included', () => {
  const rows = manyCaseRows(300);
  const expected = buildCases(rows);
  assert.is(expected.length, 300);
  assert.ok(expected.every((c) => c.attachments === 1), 'every case reached its attachment set');
  for (const limit of [0, 7, 100, 1000]) {
    const state = spilledState(rows, limit);
    // The 300 AddAttachmentsToSet calls wait as lines too: on disk past the limit.
    assert.is(state.setOnly!.count, 300);
    assert.is(state.setOnly!.onDisk, limit < 300, `set-only calls on disk at ${limit}`);
    assert.is(state.bySetOnly.length, 0);
    // So do the 300 links of a set to its case (CreateCase), and the state's map stays empty until they are read.
    assert.is(state.links!.count, 300);
    assert.is(state.links!.onDisk, limit < 300, `links on disk at ${limit}`);
    assert.is(state.setsToCases.size, 0);
    const links = state.links!;
    assert.equal([...casesOf(state, undefined, true)], expected, `limit ${limit}`);
    assert.is(state.links, undefined, 'taken in when first read');
    assert.is(links.onDisk, false, 'drained: its file removed');
    assert.is(state.setOnly!.count, 300);
    assert.is(state.setOnly!.onDisk, false, 'drained: its file removed');
  }
});

test('cases packed per file (as the workers send them) give the same rows in memory and on disk, in any order', () => {
  const rows = manyCaseRows(120);
  const expected = buildCases(rows);
  // Files of 37 rows: a case's calls fall in several files, so its lines are merged.
  const files = Array.from({ length: Math.ceil(rows.length / 37) }, (_, i) => rows.slice(i * 37, i * 37 + 37));
  for (const [inMemory, order] of [[Infinity, 1], [0, 1], [50, -1]] as const) {
    const state = emptyCaseState();
    state.spill = CaseSpill.open({ inMemory });
    const packed = files.map((file) => structuredClone(packCaseState(foldCaseRows(emptyCaseState(), file))));
    assert.ok(packed.every((p) => p.cases.size === 0 && p.packed!.lines > 0), 'cases sent as lines only');
    for (const p of order === 1 ? packed : packed.reverse()) mergeCaseStates(state, p);
    assert.is(state.spill.onDisk, inMemory !== Infinity, `on disk at ${inMemory}`);
    assert.equal([...casesOf(state, undefined, true)], expected, `${inMemory} lines in memory`);
  }
});

test('the first call per case and account goes with the case lines: the earliest per account, for cases with and without facts', () => {
  const [row] = rowsOf(storyRecords());
  const facts = new Map([['with-facts', emptyCaseFacts(row)]]);
  const first = (account: string, at: number, id: string): AccountFirst => [account, at, id, `t${at}`, 'alice', 'a.json'];
  const files = [
    packCases(facts, new Map([['with-facts', [first('111', 5, 'e5')]], ['firsts-only', [first('222', 9, 'e9')]]])),
    packCases(new Map(), new Map([['with-facts', [first('111', 2, 'e2'), first('333', Infinity, 'e7')]], ['firsts-only', [first('222', 9, 'e1')]]])),
  ];
  for (const inMemory of [Infinity, 0]) {
    const spill = CaseSpill.open({ inMemory });
    for (const file of structuredClone(files)) spill.add(file);
    const firsts = new Map([...spill.partitions(undefined, 'firsts')].flatMap((p) => [...p.firsts]));
    assert.equal(firsts.get('with-facts'), [first('111', 2, 'e2'), first('333', Infinity, 'e7')], 'earliest per account, an unreadable time kept');
    assert.equal(firsts.get('firsts-only'), [first('222', 9, 'e1')], 'same time: the lower eventID');
    const cases = new Map([...spill.partitions(undefined, 'facts')].flatMap((p) => [...p.cases]));
    assert.equal([...cases.keys()], ['with-facts'], 'a line without facts makes no case');
    assert.ok([...spill.partitions(undefined, 'facts')].every((p) => p.firsts.size === 0), 'facts only: no first calls read');
    spill.remove();
  }
});

test('a partition larger than its bound is split again (by another hash) before it is read', () => {
  const rows = manyCaseRows(400);
  const spill = CaseSpill.open({ splitAbove: 2000 });
  const state = spilledState(rows, 50, spill);
  assert.equal([...casesOf(state, undefined, true)], buildCases(rows));
  assert.is(existsSync(spill.dir!), false);
});

test('openersOf() finds openers in memory and on disk, and leaves the state whole for the cases', () => {
  const rows = rowsOf(storyRecords());
  const memory = foldCaseRows(emptyCaseState(), rows);
  const disk = spilledState(rows, 0);
  const ids = new Set([CASE_A, 'case-not-there']);
  const [inMemory, onDisk] = [openersOf(memory, ids), openersOf(disk, ids)];
  assert.equal([...onDisk.keys()], [CASE_A]);
  assert.equal(onDisk.get(CASE_A), inMemory.get(CASE_A));
  assert.equal([...casesOf(disk, undefined, true)], EXPECTED_CASES);
});

test('a case line gives back every fact of every story case, and what JSON cannot hold: infinite instants, ids with tabs and newlines', () => {
  const texts = new TextTable();
  const state = foldCaseRows(emptyCaseState(), rowsOf(storyRecords()));
  const all = [...state.cases.values()];
  for (
    const [part, has] of Object.entries({
      opened: (f: CaseFacts) => f.opened,
      resolved: (f: CaseFacts) => f.resolved,
      errors: (f: CaseFacts) => f.errorCodes.length > 0,
      ips: (f: CaseFacts) => f.ips.length > 1,
    })
  ) {
    assert.ok(all.some(has), `a story case with ${part}`);
  }
  for (const [id, facts] of state.cases) {
    const [back, again] = parseCaseLine(caseLine(id, facts, texts), texts);
    assert.is(back, id);
    assert.equal(again, facts, id);
    assert.equal(Object.keys(again).sort(), Object.keys(facts).sort());
    if (facts.opened) assert.equal(Object.keys(again.opened!.row).sort(), Object.keys(facts.opened.row).sort());
  }
  const [row] = rowsOf(storyRecords());
  const facts = emptyCaseFacts(row);
  facts.ips = [{ principalKey: 'k', principal: 'p', value: null, at: Infinity }];
  facts.agents = [{ principalKey: 'k', principal: 'p', value: 'a\tb', at: 1_700_000_000_000 }];
  for (const id of ['plain', 'tab\there', 'line\nbreak', '"quoted"\\', 'ünïcødé 🙂']) {
    const line = caseLine(id, facts, texts);
    assert.not.ok(line.includes('\n'), 'one line');
    assert.is(line.split('\t').length, 2, 'one tab');
    const [back, again] = parseCaseLine(line, texts);
    assert.is(back, id);
    assert.is(again.lastCommunicationAt, -Infinity);
    assert.is(again.ips[0].at, Infinity);
    assert.is(again.agents[0].value, 'a\tb');
    assert.equal(again.first, facts.first);
    assert.is(again.opened, undefined);
  }
});

test('a line that names a text its spill never wrote is an error, not a wrong case', () => {
  const [row] = rowsOf(storyRecords());
  const line = caseLine('x', emptyCaseFacts(row), new TextTable());
  assert.throws(() => parseCaseLine(line, new TextTable()), /never wrote/);
});

test('report() with the case state on disk gives the same document, findings included, and leaves no files', async () => {
  const root = mkdtempSync(join(tmpdir(), 'cts-spill-'));
  try {
    writeStoryArchive(root);
    // Its own temp folder: another run on the machine may have case folders in the shared one.
    await withTmpdir(async (temp) => {
      const findings = { loaded: loadRules([]), stateful: true };
      const [memory, disk] = await Promise.all(
        [0, undefined].map(async (casesInMemory) =>
          JSON.stringify(toReportJson(await report([root], { workers: 1, findings, ...(casesInMemory === undefined ? {} : { casesInMemory }) })))
        ),
      );
      assert.is(disk, memory);
      assert.ok(memory.includes(CASE_A));
      // Case lines, calls that name only an attachment set, the findings' calls: no folder stays but
      // the case rows', which the document reads from (removed at exit: the test below).
      assert.equal(readdirSync(temp).filter((n) => !n.startsWith('cloudtrail-support-case-rows-')), []);
    });
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('a case state that cannot go to disk (TMPDIR missing) stops the run with an error that names the folder', async () => {
  const root = mkdtempSync(join(tmpdir(), 'cts-spill-'));
  const saved = process.env.TMPDIR;
  const missing = join(root, 'no-such-folder');
  try {
    writeStoryArchive(join(root, 'in'));
    process.env.TMPDIR = missing;
    await rejects(
      () => report([join(root, 'in')], { workers: 1, reports: ['cases'], casesInMemory: 0 }),
      (e) =>
        e instanceof RunError && e.message.startsWith(`cannot keep the case state on disk in ${missing}: ENOENT`) &&
        e.message.endsWith('(TMPDIR chooses the folder)'),
    );
  } finally {
    if (saved === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = saved;
    rmSync(root, { recursive: true, force: true });
  }
});

test('a program that uses the library leaves no case files behind when it exits', () => {
  const root = mkdtempSync(join(tmpdir(), 'cts-spill-'));
  const temp = mkdtempSync(join(tmpdir(), 'cts-tmpdir-'));
  try {
    writeStoryArchive(root);
    const script = `
      import { report } from ${JSON.stringify(pathToFileURL(join(ROOT, 'dist/src/reports/job.js')).href)};
      const doc = await report([process.argv[1]], { workers: 1, reports: ['cases'], casesInMemory: 0 });
      const rows = [...doc.reports.get('cases').rows];
      const { readdirSync } = await import("node:fs");
      process.stdout.write(JSON.stringify({ cases: rows.length, held: readdirSync(process.env.TMPDIR) }));
    `;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script, root], { env: { ...process.env, TMPDIR: temp }, encoding: 'utf8' });
    const seen = JSON.parse(out) as { cases: number; held: string[] };
    assert.is(seen.cases, EXPECTED_CASES.length);
    assert.equal(seen.held.map((n) => n.replace(/-[^-]+$/, '')), ['cloudtrail-support-case-rows'], 'the rows were on disk while the program ran');
    assert.equal(readdirSync(temp), [], 'and are gone after it');
  } finally {
    rmSync(root, { recursive: true, force: true });
    rmSync(temp, { recursive: true, force: true });
  }
});

test.run();
