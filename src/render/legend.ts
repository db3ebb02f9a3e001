/**
 * What the case statuses and flags mean, in a few words each: the terminal's legend line. The
 * full meanings are in docs/columns.md (Support cases).
 */
import type { CaseFlag, CaseStatus } from '../cases/case-row.ts';

/** The statuses whose name does not say it all (`open` and `resolved` do). */
export const CASE_STATUS_MEANINGS: Readonly<Partial<Record<CaseStatus, string>>> = {
  reopened: 'written to after its resolve',
  unknown: 'created before the archive',
};

export const CASE_FLAG_MEANINGS: Readonly<Record<CaseFlag, string>> = {
  'opened-by-root': 'root opened it',
  'answered-by-root': 'root wrote or attached',
  'read-by-root': 'root read it',
  'resolved-by-root': 'root resolved it',
  'without-mfa': 'root/IAM user without MFA',
  'mfa-not-recorded': 'session MFA not recorded (info)',
  'new-source-ip': 'IP new for the principal',
  'new-user-agent': 'user agent new for the principal',
  'multi-account': 'callers from several accounts',
  errors: 'failed calls',
};
