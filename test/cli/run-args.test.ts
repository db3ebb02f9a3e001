import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { strictReason } from '../../src/cli/run-args.ts';

const none = { 'failed-files': 0, 'rejected-records': 0, duplicates: 0, duplicateFiles: 0, empty: 0 };

test('strictReason(): the problem classes the run had, then the ledger lines and where they are', () => {
  const counts = { ...none, 'failed-files': 1, duplicates: 3, duplicateFiles: 1 };
  assert.is(
    strictReason({ ledgerLines: 4, counts, rejects: undefined }),
    'failed-files: 1; duplicates: 3 (2 records repeating an eventID read before, 1 file copying a file read before); ' +
      '4 lines in the rejects ledger (--rejects FILE writes them)',
  );
  assert.is(strictReason({ ledgerLines: 4, counts, rejects: 'r.ndjson' }).endsWith('; 4 lines in the rejects ledger (written to r.ndjson)'), true);
});

test('strictReason(): a ledger of warnings only (no problem class) names its lines; an empty run names the class', () => {
  assert.is(strictReason({ ledgerLines: 1, counts: none, rejects: undefined }), '1 line in the rejects ledger (--rejects FILE writes them)');
  assert.is(strictReason({ ledgerLines: 0, counts: { ...none, empty: 1 }, rejects: undefined }), 'empty: 1');
});

test.run();
