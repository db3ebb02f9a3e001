import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { buildCases, casesOf, casesUsingSet, emptyCaseState, foldCaseRows, mergeCaseStates } from '../../src/cases/build-cases.ts';
import { CASE_COLUMNS, formatDuration } from '../../src/cases/case-row.ts';
import { toLogFile } from '../../src/read/discover.ts';
import { toSupportRow } from '../../src/rows/support-row.ts';
import type { SupportRow } from '../../src/types.ts';
import { CASE_A, EXPECTED_CASES, storyRecords } from '../_support/case-stories.ts';
import { record } from '../_support/helpers.ts';

const FILE = toLogFile('stories.json', 1);
const rowsOf = (records: Record<string, unknown>[]): SupportRow[] => records.map((r, i) => toSupportRow(r, FILE, i));

test('buildCases() tells each story: every column of every case row', () => {
  const cases = buildCases(rowsOf(storyRecords()));
  assert.equal(cases.map((c) => c.caseId), EXPECTED_CASES.map((c) => c.caseId));
  cases.forEach((c, i) => assert.equal(c, EXPECTED_CASES[i], c.caseId));
  assert.equal(Object.keys(cases[0]), [...CASE_COLUMNS]);
});

test('buildCases() gives no case to a denied CreateCase (CloudTrail logs no case id for it)', () => {
  const denied = storyRecords().filter((r) => r.eventID === 'e05');
  assert.equal(buildCases(rowsOf(denied)), []);
});

test('buildCases() does not depend on the order rows arrive in', () => {
  const rows = rowsOf(storyRecords());
  assert.equal(buildCases([...rows].reverse()), buildCases(rows));
});

test('buildCases() marks a case whose CreateCase is outside the rows as createdInWindow: false', () => {
  const cases = buildCases(rowsOf(storyRecords().filter((r) => r.eventID !== 'e03')));
  const a = cases.find((c) => c.caseId === CASE_A)!;
  assert.is(a.createdInWindow, false);
  assert.is(a.openedAt, null);
  assert.is(a.status, 'resolved');
  assert.is(a.timeToResolve, null);
  assert.equal(a.flags, ['resolved-by-root', 'new-source-ip']);
});

test('buildCases() says reopened when a communication follows the last ResolveCase', () => {
  const id = 'case-111122223333-muen-2026-eeeeeeeeeeeeeeee';
  const rows = rowsOf([
    record({ eventID: 'r1', eventTime: '2026-01-05T10:00:00Z', responseElements: { caseId: id } }),
    record({ eventID: 'r2', eventTime: '2026-01-05T11:00:00Z', eventName: 'ResolveCase', requestParameters: { caseId: id }, responseElements: null }),
    record({
      eventID: 'r3',
      eventTime: '2026-01-05T12:00:00Z',
      eventName: 'AddCommunicationToCase',
      requestParameters: { caseId: id },
      responseElements: { result: true },
    }),
  ]);
  const [c] = buildCases(rows);
  assert.is(c.status, 'reopened');
  assert.is(c.resolvedAt, '2026-01-05T11:00:00Z');
  assert.is(c.timeToResolve, '1h 0m 0s');
});

test('buildCases() counts a failed ResolveCase as an error, not a resolution', () => {
  const id = 'case-111122223333-muen-2026-ffffffffffffffff';
  const rows = rowsOf([
    record({ eventID: 'f1', eventTime: '2026-01-05T10:00:00Z', responseElements: { caseId: id } }),
    record({
      eventID: 'f2',
      eventTime: '2026-01-05T11:00:00Z',
      eventName: 'ResolveCase',
      requestParameters: { caseId: id },
      responseElements: null,
      errorCode: 'AccessDenied',
    }),
  ]);
  const [c] = buildCases(rows);
  assert.equal([c.status, c.resolvedAt, c.errors, c.errorCodes, c.flags], ['open', null, 1, 'AccessDenied', ['errors']]);
});

test('buildCases() links the cases of a DescribeCases caseIdList and the attachment set of a CreateCase', () => {
  const [x, y] = ['case-111122223333-muen-2026-1111111111111111', 'case-111122223333-muen-2026-2222222222222222'];
  const rows = rowsOf([
    record({
      eventID: 'a1',
      eventTime: '2026-01-05T09:00:00Z',
      eventName: 'AddAttachmentsToSet',
      requestParameters: {},
      responseElements: { attachmentSetId: 'set-1' },
    }),
    record({
      eventID: 'a2',
      eventTime: '2026-01-05T09:01:00Z',
      eventName: 'AddAttachmentsToSet',
      requestParameters: { attachmentSetId: 'set-1' },
      responseElements: { attachmentSetId: 'set-1' },
    }),
    record({
      eventID: 'a3',
      eventTime: '2026-01-05T09:02:00Z',
      eventName: 'AddAttachmentsToSet',
      requestParameters: {},
      responseElements: { attachmentSetId: 'set-unused' },
    }),
    record({
      eventID: 'a4',
      eventTime: '2026-01-05T10:00:00Z',
      requestParameters: { attachmentSetId: 'set-1', language: 'en' },
      responseElements: { caseId: x },
    }),
    record({ eventID: 'a5', eventTime: '2026-01-05T11:00:00Z', eventName: 'DescribeCases', requestParameters: { caseIdList: [x, y] }, responseElements: null }),
  ]);
  const cases = buildCases(rows);
  assert.equal(cases.map((c) => [c.caseId, c.attachments, c.reads, c.createdInWindow, c.firstSeen]), [
    [x, 2, 1, true, '2026-01-05T09:00:00Z'],
    [y, 0, 1, false, '2026-01-05T11:00:00Z'],
  ]);
});

/** An AddCommunicationToCase record to `caseId` that names attachment set `set`. */
const communicationWithSet = (eventID: string, eventTime: string, caseId: string, set: string) =>
  record({ eventID, eventTime, eventName: 'AddCommunicationToCase', requestParameters: { caseId, attachmentSetId: set }, responseElements: { result: true } });

test('an attachment set used by two cases reaches both, whether its uses were folded together or merged from two files', () => {
  const [x, y] = ['case-111122223333-muen-2026-1111111111111111', 'case-111122223333-muen-2026-2222222222222222'];
  const [setCall, opens, replies, alone, again] = rowsOf([
    record({
      eventID: 'b1',
      eventTime: '2026-01-05T09:00:00Z',
      eventName: 'AddAttachmentsToSet',
      requestParameters: {},
      responseElements: { attachmentSetId: 'set-1' },
    }),
    record({ eventID: 'b2', eventTime: '2026-01-05T10:00:00Z', requestParameters: { attachmentSetId: 'set-1' }, responseElements: { caseId: x } }),
    communicationWithSet('b3', '2026-01-05T11:00:00Z', y, 'set-1'),
    record({ eventID: 'b4', eventTime: '2026-01-05T12:00:00Z', requestParameters: { attachmentSetId: 'set-2' }, responseElements: { caseId: x } }),
    communicationWithSet('b5', '2026-01-05T13:00:00Z', x, 'set-1'),
  ]);
  const together = foldCaseRows(emptyCaseState(), [setCall, opens, replies, alone, again]);
  // The second file links set-1 to case x again (it stays one id), the third to case y (then it is a Set).
  const merged = [[setCall, opens], [again], [replies], [alone]].reduce(
    (into, rows) => mergeCaseStates(into, foldCaseRows(emptyCaseState(), rows)),
    emptyCaseState(),
  );
  for (const state of [together, merged]) {
    assert.equal([...casesUsingSet(state, 'set-1')].sort(), [x, y]);
    assert.equal([...casesUsingSet(state, 'set-2')], [x]);
    assert.equal([...casesUsingSet(state, 'set-unknown')], []);
    // A set one case uses is held as its id; a Set only for more.
    assert.equal(state.setsToCases.get('set-2'), x);
    assert.ok(state.setsToCases.get('set-1') instanceof Set);
    assert.equal([...casesOf(state)].map((c) => [c.caseId, c.attachments]), [[x, 1], [y, 1]]);
  }
});

test('buildCases() orders events by instant, not text: a fraction of a second is not before the whole second', () => {
  // As text '13:00:00.500Z' < '13:00:00Z' ('.' < 'Z'): the ResolveCase sorted before the
  // communication half a second earlier, and the case came out reopened with the wrong lastSeen.
  const id = 'case-111122223333-muen-2026-abababababababab';
  const records = [
    record({ eventID: 'm1', eventTime: '2026-01-05T10:00:00.250Z', responseElements: { caseId: id } }),
    record({
      eventID: 'm2',
      eventTime: '2026-01-05T13:00:00Z',
      eventName: 'AddCommunicationToCase',
      requestParameters: { caseId: id },
      responseElements: { result: true },
    }),
    record({ eventID: 'm3', eventTime: '2026-01-05T13:00:00.500Z', eventName: 'ResolveCase', requestParameters: { caseId: id }, responseElements: null }),
    record({ eventID: 'm4', eventTime: '2026-01-05T10:00:00Z', eventName: 'DescribeCases', requestParameters: { caseIdList: [id] }, responseElements: null }),
  ];
  const [c] = buildCases(rowsOf(records));
  assert.equal([c.status, c.firstSeen, c.lastSeen, c.openedAt, c.resolvedAt], [
    'resolved',
    '2026-01-05T10:00:00Z',
    '2026-01-05T13:00:00.500Z',
    '2026-01-05T10:00:00.250Z',
    '2026-01-05T13:00:00.500Z',
  ]);
  assert.equal([c.secondsToResolve, c.timeToResolve], [10_800.25, '3h 0m 0.25s']);
  assert.equal(buildCases(rowsOf([...records].reverse())), [c], 'whatever the input order');

  // A communication half a second after the ResolveCase does reopen it.
  const later = record({
    eventID: 'm5',
    eventTime: '2026-01-05T13:00:01Z',
    eventName: 'AddCommunicationToCase',
    requestParameters: { caseId: id },
    responseElements: { result: true },
  });
  const [d] = buildCases(rowsOf([...records, later]));
  assert.equal([d.status, d.lastSeen], ['reopened', '2026-01-05T13:00:01Z']);
});

test('buildCases() sorts cases by the instant of their first activity, then case id', () => {
  const [x, y, z] = [
    'case-111122223333-muen-2026-xxxxxxxxxxxxxxxx',
    'case-111122223333-muen-2026-yyyyyyyyyyyyyyyy',
    'case-111122223333-muen-2026-zzzzzzzzzzzzzzzz',
  ];
  const rows = rowsOf([
    record({ eventID: 'o1', eventTime: '2026-01-05T09:00:00.250Z', responseElements: { caseId: x } }),
    record({ eventID: 'o2', eventTime: '2026-01-05T09:00:00Z', responseElements: { caseId: z } }),
    record({ eventID: 'o3', eventTime: '2026-01-05T09:00:00.000Z', responseElements: { caseId: y } }),
  ]);
  assert.equal(buildCases(rows).map((c) => [c.caseId, c.firstSeen]), [
    [y, '2026-01-05T09:00:00.000Z'], // the same instant as z's: case id decides
    [z, '2026-01-05T09:00:00Z'],
    [x, '2026-01-05T09:00:00.250Z'],
  ]);
});

test('buildCases() gives no duration, in either column, to a ResolveCase logged before its CreateCase', () => {
  const id = 'case-111122223333-muen-2026-cdcdcdcdcdcdcdcd';
  const rows = rowsOf([
    record({ eventID: 'n1', eventTime: '2026-01-05T11:00:00Z', responseElements: { caseId: id } }),
    record({ eventID: 'n2', eventTime: '2026-01-05T10:59:55Z', eventName: 'ResolveCase', requestParameters: { caseId: id }, responseElements: null }),
  ]);
  const [c] = buildCases(rows);
  assert.equal([c.openedAt, c.resolvedAt, c.status], ['2026-01-05T11:00:00Z', '2026-01-05T10:59:55Z', 'resolved']);
  assert.equal([c.timeToResolve, c.secondsToResolve], [null, null], 'was [null, -5]');
});

test('formatDuration() leaves out leading zero units', () => {
  assert.equal([0, 59, 60, 3600, 86_400, 90_061].map(formatDuration), ['0s', '59s', '1m 0s', '1h 0m 0s', '1d 0h 0m 0s', '1d 1h 1m 1s']);
  // Fractions of eventTime, to the millisecond (3600.1 % 60 is 0.09999… in binary floating point).
  assert.equal([0.5, 3600.1, 59.999].map(formatDuration), ['0.5s', '1h 0m 0.1s', '59.999s']);
});

test.run();
