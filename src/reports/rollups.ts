/**
 * The rollup of each report (rollup.ts): its group columns, row filter and aggregates. Kept apart
 * from the reports' arquero finishing, so the workers that fold rows do not load arquero (its
 * load cost ~0.25 s of CPU per worker, which a sparse archive's run paid in full).
 */
import { obj, str, strings } from '../rows/record-fields.ts';
import { countsAndTimes, firstAndLast, type RowFacts } from './facts.ts';
import { mfaText } from './lists.ts';
import type { Rollup } from './rollup.ts';

const values = (of: (f: RowFacts) => unknown) => ({ op: 'values', of }) as const;

/** The Trusted Advisor checks a call names: requestParameters.checkId or checkIds. */
function checksOf(f: RowFacts): string[] {
  const request = obj((f.record ?? (JSON.parse(f.row.raw) as Record<string, unknown>)).requestParameters);
  const one = str(request?.checkId);
  return [...(one ? [one] : []), ...strings(request?.checkIds)];
}

/** One row per Support action: its category, how often it was called and failed, first and last seen. */
export const actionsRollup: Rollup<RowFacts> = {
  keys: { category: (f) => f.row.category, eventSource: (f) => f.row.eventSource, eventName: (f) => f.row.eventName },
  aggregates: { ...countsAndTimes, principals: { op: 'distinct', of: (f) => f.principalId }, ...firstAndLast },
};

/**
 * One row per principal that used AWS Support (the same name in two caller accounts is two
 * principals): who, with which credentials, what, when, from where, with or without MFA.
 */
export const principalsRollup: Rollup<RowFacts> = {
  keys: { callerAccount: (f) => f.row.callerAccount, identityType: (f) => f.row.identityType, principal: (f) => f.row.principal },
  aggregates: {
    credentialClass: { op: 'min', of: (f) => f.row.credentialClass },
    role: { op: 'min', of: (f) => f.row.role },
    session: { op: 'min', of: (f) => f.row.session },
    invokedBy: values((f) => f.row.invokedBy),
    sourceIdentities: values((f) => f.row.sourceIdentity),
    ...countsAndTimes,
    errorCodes: values((f) => f.row.errorCode),
    actions: values((f) => f.row.eventName),
    categories: values((f) => f.row.category),
    sourceIPs: values((f) => f.row.sourceIPAddress),
    userAgents: values((f) => f.row.userAgent),
    regions: values((f) => f.row.region),
    accounts: values((f) => f.row.account),
    mfa: values((f) => mfaText(f.row.mfa)),
    ...firstAndLast,
  },
};

/**
 * The three questions of the AWS Support user guide, one row each (plus other-account and
 * unknown), always all five rows: was the call made with root or IAM user credentials, with
 * temporary credentials for a role or federated user, or by another AWS service?
 */
export const credentialsRollup: Rollup<RowFacts> = {
  keys: { credentialClass: (f) => f.row.credentialClass },
  aggregates: {
    ...countsAndTimes,
    identityTypes: { op: 'values', of: (f) => f.row.identityType },
    principalCount: { op: 'distinct', of: (f) => f.principalId },
    principals: { op: 'values', of: (f) => f.row.principal },
    ...firstAndLast,
  },
};

/** One row per account and region: where Support was used. */
export const accountsRollup: Rollup<RowFacts> = {
  keys: { account: (f) => f.row.account, region: (f) => f.row.region },
  aggregates: { ...countsAndTimes, principals: { op: 'distinct', of: (f) => f.principalId }, ...firstAndLast },
};

/** One row per UTC day: the activity timeline. */
export const daysRollup: Rollup<RowFacts> = {
  keys: { day: (f) => f.row.eventTime.slice(0, 10) },
  aggregates: { ...countsAndTimes, principals: { op: 'distinct', of: (f) => f.principalId }, actions: { op: 'distinct', of: (f) => f.row.eventName } },
};

/**
 * One row per UTC hour and category: what the activity was, over time (the HTML report's chart).
 * Hours, not days: Support activity comes in bursts (an incident, a case), and an archive of a day
 * or two would be one bar. Categories are a fixed list (rows/category.ts): hours x 7 rows at most.
 */
export const activityRollup: Rollup<RowFacts> = {
  keys: { hour: (f) => `${f.row.eventTime.slice(0, 13)}:00:00Z`, category: (f) => f.row.category },
  aggregates: { ...countsAndTimes, principals: { op: 'distinct', of: (f) => f.principalId } },
};

/**
 * Denied and failed Support calls, one row per principal and error code, with the actions tried:
 * probing (one principal, many denied actions) shows up here.
 */
export const deniedRollup: Rollup<RowFacts> = {
  keys: {
    callerAccount: (f) => f.row.callerAccount,
    identityType: (f) => f.row.identityType,
    principal: (f) => f.row.principal,
    errorCode: (f) => f.row.errorCode,
  },
  where: (f) => f.row.errorCode !== null,
  aggregates: {
    count: { op: 'count' },
    actions: { op: 'values', of: (f) => f.row.eventName },
    sourceIPs: { op: 'values', of: (f) => f.row.sourceIPAddress },
    accounts: { op: 'values', of: (f) => f.row.account },
    ...firstAndLast,
    sampleMessage: { op: 'min', of: (f) => f.row.errorMessage },
  },
};

/**
 * Trusted Advisor activity, apart from case management: the Trusted Advisor calls of the Support
 * API (Describe/Refresh checks) and the trustedadvisor.amazonaws.com events, per account, action
 * and principal, with the checks named.
 */
export const trustedAdvisorRollup: Rollup<RowFacts> = {
  keys: {
    account: (f) => f.row.account,
    eventSource: (f) => f.row.eventSource,
    eventName: (f) => f.row.eventName,
    identityType: (f) => f.row.identityType,
    principal: (f) => f.row.principal,
  },
  where: (f) => f.row.category === 'trusted-advisor',
  aggregates: {
    ...countsAndTimes,
    errorCodes: { op: 'values', of: (f) => f.row.errorCode },
    checks: { op: 'values', of: (f) => checksOf(f).join(' ') },
    ...firstAndLast,
  },
};

/** The reports that are a rollup of the rows, by name. */
export const ROLLUPS = {
  actions: actionsRollup,
  principals: principalsRollup,
  credentials: credentialsRollup,
  accounts: accountsRollup,
  days: daysRollup,
  activity: activityRollup,
  denied: deniedRollup,
  trustedAdvisor: trustedAdvisorRollup,
} as const;

export type RolledName = keyof typeof ROLLUPS;

export const isRolled = (name: string): name is RolledName => name in ROLLUPS;
