import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { csvField, toCsv } from '../../src/render/csv.ts';
import { markdownCell, toMarkdownTable } from '../../src/render/markdown.ts';
import { escapeControls } from '../../src/render/cells.ts';
import { toTextTable } from '../../src/render/text-table.ts';
import { toNdjson } from '../../src/render/json.ts';
import { assertWritable, writeAtomic } from '../../src/export/atomic.ts';
import { RunError } from '../../src/errors.ts';
import { put, rejects, tempDir } from '../_support/helpers.ts';
import stringWidth from 'string-width';

test('csvField() neutralizes cells a spreadsheet would run as formulas', () => {
  assert.is(csvField('=HYPERLINK("http://x")'), `"'=HYPERLINK(""http://x"")"`);
  assert.is(csvField('+1'), "'+1");
  assert.is(csvField('-2+3'), "'-2+3");
  assert.is(csvField('@SUM(A1)'), "'@SUM(A1)");
  assert.is(csvField('\tcmd'), "'\tcmd");
  assert.is(csvField('\rcmd'), `"'\rcmd"`);
  assert.is(csvField('safe'), 'safe');
  assert.is(csvField(-5), '-5', 'numbers are data, not formulas');
  assert.is(csvField(null), '');
});

test('toCsv() quotes commas, quotes and line breaks per RFC 4180', () => {
  const csv = toCsv([{ a: 'x,y', b: 'say "hi"', c: 'two\nlines' }], ['a', 'b', 'c']);
  assert.is(csv, 'a,b,c\n"x,y","say ""hi""","two\nlines"\n');
});

test('markdownCell() keeps pipes, backticks, HTML and newlines from breaking the table', () => {
  assert.is(markdownCell('a|b'), 'a\\|b');
  assert.is(markdownCell('`code`'), '\\`code\\`');
  assert.is(markdownCell('<script>'), '&lt;script&gt;');
  assert.is(markdownCell('l1\nl2'), 'l1<br>l2');
  const table = toMarkdownTable([{ v: 'x|y\nz' }], ['v']);
  assert.is(table.split('\n').length, 4, 'header, rule, one row, final newline');
});

test('markdownCell() shows C1 controls, bidi overrides, line separators and zero-width characters as visible escapes, as the terminal does', () => {
  assert.is(markdownCell('a\u009b31mb'), 'a\\x9b31mb', 'U+009B, the one-character CSI');
  assert.is(markdownCell('\u0085\u0090\u009f'), '\\x85\\x90\\x9f');
  assert.is(markdownCell('user\u202egnp.exe'), 'user\\u202egnp.exe', 'right-to-left override');
  assert.is(markdownCell('\u2066\u2069\u200e\u061c'), '\\u2066\\u2069\\u200e\\u061c', 'isolates and marks');
  assert.is(markdownCell('a\u2028b\u200bc\ufeff'), 'a\\u2028b\\u200bc\\ufeff');
  const table = toMarkdownTable([{ file: 'logs/\u202eevil.json', archivePath: 'in\u009bzip.json' }], ['file', 'archivePath']);
  assert.not.match(table, /[\u0080-\u009f\u202a-\u202e\u2066-\u2069]/, 'no raw control reaches the Markdown');
  assert.ok(table.includes('| logs/\\u202eevil.json | in\\x9bzip.json |'), table);
});

test('markdownCell() escapes brackets so no value forms a link, image, reference or footnote', () => {
  assert.is(markdownCell('![img](http://x)'), '!\\[img\\](http://x)');
  assert.is(markdownCell('[click](http://evil)'), '\\[click\\](http://evil)');
  assert.is(markdownCell('[ref]: http://evil'), '\\[ref\\]: http://evil');
  assert.is(markdownCell('see [x][ref] and [^1]'), 'see \\[x\\]\\[ref\\] and \\[^1\\]');
  assert.is(markdownCell('<http://evil>'), '&lt;http://evil&gt;', 'no <url> autolink');
  assert.is(markdownCell('<img src=http://x>'), '&lt;img src=http://x&gt;', 'no raw HTML image');
  assert.is(markdownCell('\\[x]'), '\\\\\\[x\\]', 'a backslash in the value cannot cancel the escape');
  assert.is(markdownCell(['a', '[b](http://x)']), 'a \\[b\\](http://x)', "a list's items (the case flags) joined by spaces, escaped too");
  assert.is(markdownCell({ a: ['[x]'] }), '{"a":\\["\\[x\\]"\\]}', 'JSON objects too');
  assert.is(markdownCell('a|`b`<c>[d]'), 'a\\|\\`b\\`&lt;c&gt;\\[d\\]', 'earlier escapes still apply');
});

test('escapeControls() shows ANSI escapes and control characters instead of sending them', () => {
  assert.is(escapeControls('\u001b[31mred\u001b[0m'), '\\x1b[31mred\\x1b[0m');
  assert.is(escapeControls('a\nb\tc\u0007'), 'a\\nb\\tc\\x07');
  assert.not.match(toTextTable([{ ua: 'evil\u001b]0;title\u0007' }], ['ua']), /\u001b/);
});

test('escapeControls() shows bidi controls and zero-width characters as \\u escapes (Trojan Source)', () => {
  assert.is(escapeControls('evil\u202etxt.exe'), 'evil\\u202etxt.exe');
  assert.is(
    escapeControls('\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069'),
    '\\u061c\\u200e\\u200f\\u202a\\u202b\\u202c\\u202d\\u202e\\u2066\\u2067\\u2068\\u2069',
  );
  assert.is(escapeControls('ad\u200bmin\u200c\u200d\ufeff'), 'ad\\u200bmin\\u200c\\u200d\\ufeff');
  assert.is(escapeControls('line\u2028sep\u2029'), 'line\\u2028sep\\u2029', 'separators as before');
  assert.is(escapeControls('caf\u00e9 \u05e9\u05dc\u05d5\u05dd \u2014 ok'), 'caf\u00e9 \u05e9\u05dc\u05d5\u05dd \u2014 ok', 'ordinary text untouched');
  const table = toTextTable([{ ua: 'aws-cli\u202e\u2066gpj.exe' }], ['ua']);
  assert.is(table, '  ua\n  --------------------------\n  aws-cli\\u202e\\u2066gpj.exe\n');
});

test('toTextTable() pads by terminal columns: CJK, fullwidth, combining marks and emoji line up', () => {
  const rows = [
    { name: 'alice', n: 1 },
    { name: '田中太郎', n: 2 }, // 4 wide characters: 8 columns
    { name: 'ｆｕｌｌ', n: 3 }, // fullwidth Latin: 8 columns
    { name: 'cafe\u0301\u0301', n: 4 }, // combining acute accents take no column
    { name: '😀👍🏽🇯🇵', n: 5 }, // emoji, emoji + skin tone, flag: 2 columns each
    { name: '한국어', n: 6 },
    { name: 'lone \ud800', n: 7 }, // a terminal shows U+FFFD, one column
  ];
  const table = toTextTable(rows, ['name', 'n']);
  assert.is(
    table,
    '  name      n\n' +
      '  --------  -\n' +
      '  alice     1\n' +
      '  田中太郎  2\n' +
      '  ｆｕｌｌ  3\n' +
      '  cafe\u0301\u0301      4\n' +
      '  😀👍🏽🇯🇵    5\n' +
      '  한국어    6\n' +
      '  lone \ufffd    7\n',
  );
  const lines = table.trimEnd().split('\n');
  assert.equal(new Set(lines.map((l) => stringWidth(l))).size, 1, 'every line is as wide in columns');
  const wide = toTextTable([{ a: '漢字', b: 'x', c: 'ＡＢＣ' }, { a: 'e\u0301', b: '😀', c: 'z' }], ['a', 'b', 'c']);
  const starts = wide.trimEnd().split('\n').map((l) => [...l.matchAll(/ {2}(?=\S)/g)].map((m) => stringWidth(l.slice(0, m.index))));
  for (const s of starts) assert.equal(s, starts[0], `columns start at the same terminal column: ${wide}`);
});

test('toTextTable() truncates by columns, never splitting a code point or grapheme cluster', () => {
  const loneSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
  const cases = [
    'x'.repeat(46) + '😀tail', // the old cut at 47 UTF-16 units split the emoji's surrogate pair
    'x'.repeat(45) + '𠮷'.repeat(10), // astral CJK (2 columns, 2 units each)
    '漢'.repeat(30), // 60 columns
    'e\u0301'.repeat(60), // 60 columns, 120 code units
    '👨\u{1F3FD}'.repeat(30),
  ];
  for (const value of cases) {
    const table = toTextTable([{ v: value }, { v: 'short' }], ['v']);
    const cell = table.split('\n')[2].slice(2);
    assert.not.ok(table.includes('\ufffd'), `no U+FFFD: ${cell}`);
    assert.not.ok(loneSurrogate.test(table), `no lone surrogate: ${cell}`);
    assert.ok(cell.endsWith('…'), cell);
    assert.ok(stringWidth(cell) <= 48 && stringWidth(cell) >= 47, `${stringWidth(cell)} columns: ${cell}`);
    assert.ok(value.startsWith(cell.slice(0, -1)), 'a prefix of the value');
    const next = value.slice(cell.length - 1);
    assert.not.match(next, /^[\u0300-\u036f\u{1F3FB}-\u{1F3FF}]/u, 'no grapheme cluster split');
    const lines = table.trimEnd().split('\n');
    assert.is(stringWidth(lines[1]), stringWidth(lines[2]), 'the rule is as wide as the cut cell');
  }
  const cut = toTextTable([{ v: 'x'.repeat(46) + '😀tail' }], ['v']).split('\n')[2];
  assert.is(cut, '  ' + 'x'.repeat(46) + '…', 'a wide character that does not fit is left out whole');
  const fits = toTextTable([{ v: '漢'.repeat(24) }], ['v']).split('\n')[2];
  assert.is(fits, '  ' + '漢'.repeat(24), 'exactly 48 columns is not cut');
});

test('toNdjson() round-trips lone surrogates and U+2028 exactly', () => {
  const rows = [{ s: 'lone \ud800 and \u2028 line sep', e: 'é' }];
  const text = toNdjson(rows);
  assert.ok(!/[\ud800-\udfff]/.test(text.replace(/[\ud800-\udbff][\udc00-\udfff]/g, '')), 'no raw lone surrogate in the output');
  assert.equal(JSON.parse(text), rows[0]);
});

test('writeAtomic() replaces the file whole and leaves no temp file behind', async () => {
  const dir = tempDir();
  const path = join(dir, 'sub', 'out.csv');
  await writeAtomic(path, 'first\n');
  await writeAtomic(path, 'second\n');
  assert.is(readFileSync(path, 'utf8'), 'second\n');
  assert.equal(readdirSync(join(dir, 'sub')), ['out.csv']);
});

test('assertWritable() fails fast, with exit code 2, when the output cannot be written', async () => {
  const dir = tempDir();
  const file = put(dir, 'a-file', 'x');
  await rejects(() => assertWritable(join(file, 'out.csv')), (e: unknown) => e instanceof RunError && e.exitCode === 2 && /is not a directory/.test(e.message));
  await assertWritable(join(dir, 'new', 'deeper', 'out.csv'));
  await rejects(
    () => assertWritable(dir),
    (e: unknown) => e instanceof RunError && e.exitCode === 2 && e.message === `cannot write ${dir}: it is a directory (give a file name)`,
  );
  await assertWritable(dir, true);
});

test.run();
