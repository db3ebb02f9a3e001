/** Terminal tables fitted to a width: cut in the middle keeping the end, narrow the long columns, drop the last ones. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import stringWidth from 'string-width';
import { endCut, fitColumns, middleCut, toFittedTable } from '../../src/render/fit-table.ts';

const SSO = 'AWSReservedSSO_AdministratorAccess_bb5001e09c1bf108/maria.garcia@example.com';

test('middleCut() keeps a role session person whole: the end after the last slash', () => {
  assert.is(middleCut(SSO, 46), 'AWSReservedSSO_Admin…/maria.garcia@example.com');
  assert.is(middleCut(SSO, 26), '…/maria.garcia@example.com');
  assert.is(middleCut(SSO, 200), SSO);
  assert.is(stringWidth(middleCut(SSO, 30)), 30);
});

test('middleCut() without a slash keeps about two fifths at the start and the rest at the end', () => {
  assert.is(middleCut('case-111122223333-muen-2026-542f7d3d19593ce5', 25), 'case-1111…42f7d3d19593ce5');
  assert.is(middleCut('abcdef', 1), '…');
  assert.is(middleCut('abcdef', 0), '');
});

test('middleCut() cuts between graphemes and counts wide characters as two columns', () => {
  const cut = middleCut('日本語のテキストです', 9);
  assert.ok(stringWidth(cut) <= 9, cut);
  assert.is(cut, '日本…です');
  assert.is(middleCut('👩‍👩‍👧‍👦👩‍👩‍👧‍👦👩‍👩‍👧‍👦👩‍👩‍👧‍👦', 5), '👩‍👩‍👧‍👦…👩‍👩‍👧‍👦');
});

test('endCut() keeps the start', () => {
  assert.is(endCut('(3 more with --format csv: a, b, c)', 12), '(3 more wit…');
});

test('fitColumns() narrows the widest long column first, never a short one, then drops the last columns', () => {
  assert.equal(fitColumns(['a', 'b'], [10, 50], 200), { columns: ['a', 'b'], widths: [10, 50], dropped: [] });
  // 2 + 20 + 2 + 40 = 64 > 50: the 40 goes down to 26; the 20 (short) stays whole.
  assert.equal(fitColumns(['a', 'b'], [20, 40], 50), { columns: ['a', 'b'], widths: [20, 26], dropped: [] });
  // The floor is 24: it does not fit even then, so the last column goes.
  assert.equal(fitColumns(['a', 'b', 'c'], [20, 40, 20], 50), { columns: ['a', 'b'], widths: [20, 26], dropped: ['c'] });
  assert.equal(fitColumns(['a', 'b'], [20, 40], 50, ['b']), { columns: ['a'], widths: [20], dropped: ['b'] });
  assert.equal(fitColumns(['only'], [300], 40), { columns: ['only'], widths: [38], dropped: [] });
});

const ROWS = [
  {
    principal: SSO,
    count: 18,
    flags: ['resolved-by-root', 'mfa-not-recorded'],
    agent: 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0',
  },
  { principal: 'evil\u001b[2Jname\u202e', count: 1, flags: [], agent: 'aws-cli/2.15.0' },
];

for (const width of [80, 200]) {
  test(`toFittedTable() at ${width} columns: no line wider than the terminal, controls escaped, flags whole`, () => {
    const text = toFittedTable(ROWS, ['principal', 'count', 'flags', 'agent'], width, ['flags']);
    for (const line of text.trimEnd().split('\n')) assert.ok(stringWidth(line) <= width, `${stringWidth(line)} > ${width}: ${line}`);
    assert.not.match(text, /\u001b|\u202e/);
    assert.match(text, /resolved-by-root mfa-not-recorded/);
    assert.match(text, /maria\.garcia@example\.com/);
    assert.match(text, /evil\\x1b\[2Jname\\u202e/);
  });
}

test('toFittedTable() at 80 columns drops the user agent and says so; at 200 it shows every column', () => {
  const narrow = toFittedTable(ROWS, ['principal', 'count', 'flags', 'agent'], 80, ['flags']);
  assert.match(narrow, /^ {2}\(1 more with --format csv, json or md: agent\)$/m);
  assert.not.match(narrow, /Firefox/);
  const wide = toFittedTable(ROWS, ['principal', 'count', 'flags', 'agent'], 200, ['flags']);
  assert.match(wide, /Gecko\/20100101 Firefox\/128\.0/);
  assert.match(wide, new RegExp(`  ${SSO}`));
});

test.run();
