/**
 * Which Support API calls are about a case, and which case: read from the original record,
 * since a call can name several cases (DescribeCases caseIdList) or only an attachment set. Pure.
 * https://docs.aws.amazon.com/awssupport/latest/APIReference/
 */
import { obj, str, strings } from '../rows/record-fields.ts';
import type { SupportRow } from '../types.ts';

/** What a call does to a case. */
export type CaseAction = 'create' | 'communicate' | 'resolve' | 'read' | 'attach' | 'other';

/** What a case's lifecycle reads of a row: no more, so case events stay small (no raw record). */
export type CaseRowFacts = Pick<
  SupportRow,
  | 'eventTime'
  | 'eventName'
  | 'principal'
  | 'identityType'
  | 'callerAccount'
  | 'account'
  | 'region'
  | 'credentialClass'
  | 'mfa'
  | 'sourceIPAddress'
  | 'userAgent'
  | 'errorCode'
  | 'severityCode'
  | 'serviceCode'
  | 'categoryCode'
  | 'issueType'
  | 'eventID'
  | 'file'
  | 'archivePath'
  | 'index'
>;

// An object literal of one shape, not Object.fromEntries (a dictionary-mode object): measured on
// the dense bench (24,673 cases), the case state took 4.5 KB per case with fromEntries.
const factsOf = (row: SupportRow): CaseRowFacts => ({
  eventTime: row.eventTime,
  eventName: row.eventName,
  principal: row.principal,
  identityType: row.identityType,
  callerAccount: row.callerAccount,
  account: row.account,
  region: row.region,
  credentialClass: row.credentialClass,
  mfa: row.mfa,
  sourceIPAddress: row.sourceIPAddress,
  userAgent: row.userAgent,
  errorCode: row.errorCode,
  severityCode: row.severityCode,
  serviceCode: row.serviceCode,
  categoryCode: row.categoryCode,
  issueType: row.issueType,
  eventID: row.eventID,
  file: row.file,
  archivePath: row.archivePath,
  index: row.index,
});

/** One Support API call about one or more cases (or about an attachment set a case may use). */
export interface CaseEvent {
  readonly row: CaseRowFacts;
  readonly action: CaseAction;
  /** The call succeeded (no errorCode). */
  readonly ok: boolean;
  /** Cases the call names: request caseId, response caseId (CreateCase), request caseIdList. */
  readonly caseIds: readonly string[];
  /** Attachment sets the call names: the set it uses, or the set AddAttachmentsToSet filled. */
  readonly attachmentSetIds: readonly string[];
  /** requestParameters.language (CreateCase), not part of the flat row. */
  readonly language: string | null;
  /** The call did not pass the filters: it counts in its case's facts but does not make the case shown. */
  readonly hidden?: true;
}

const ACTIONS: Readonly<Record<string, CaseAction>> = {
  CreateCase: 'create',
  AddCommunicationToCase: 'communicate',
  ResolveCase: 'resolve',
  AddAttachmentsToSet: 'attach',
};

const actionOf = (eventName: string): CaseAction => ACTIONS[eventName] ?? (eventName.startsWith('Describe') ? 'read' : 'other');

const unique = (values: (string | null)[]): string[] => [...new Set(values.filter((v): v is string => v !== null && v !== ''))];

/**
 * The case event of a Support API row (`parsed`: its record, when at hand), or null when the call
 * names no case and no attachment set. `hidden`: the row did not pass the filters.
 */
export function toCaseEvent(row: SupportRow, parsed?: object, hidden = false): CaseEvent | null {
  if (row.eventSource !== 'support.amazonaws.com' || row.category !== 'case-management') return null;
  const record = (parsed ?? JSON.parse(row.raw)) as Record<string, unknown>;
  const request = obj(record.requestParameters);
  const response = obj(record.responseElements);
  const action = actionOf(row.eventName);
  const caseIds = unique([str(request?.caseId), str(response?.caseId), ...strings(request?.caseIdList)]);
  // AddAttachmentsToSet returns a new set id, or appends to the set named in the request.
  const attachmentSetIds = unique(action === 'attach' ? [str(response?.attachmentSetId) ?? str(request?.attachmentSetId)] : [str(request?.attachmentSetId)]);
  if (caseIds.length === 0 && attachmentSetIds.length === 0) return null;
  const event = { row: factsOf(row), action, ok: row.errorCode === null, caseIds, attachmentSetIds, language: str(request?.language) };
  return hidden ? { ...event, hidden: true } : event;
}
