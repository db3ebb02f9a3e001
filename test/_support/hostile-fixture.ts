/**
 * An archive whose Support records carry hostile values where a record holds free text (user
 * name, case id, user agent, error message, Trusted Advisor check id): markup, script, event
 * handlers, `javascript:` links, a `</style>` that would end a stylesheet, and bidi controls.
 * The HTML report must show each as text, verbatim.
 */
import { gz, put, record, tempDir, trailFile } from './helpers.ts';

/** What the page would do if a value ran: it sets the title to this. */
export const PWNED = 'pwned';

export const HOSTILE = {
  user: `<script>document.title='${PWNED}'</script>`,
  caseId: `case-<img src=x onerror="document.title='${PWNED}'">`,
  userAgent: `</style><script>document.title='${PWNED}'</script><style>`,
  errorMessage: `<a href="javascript:document.title='${PWNED}'">javascript:alert(1)</a>`,
  checkId: `"><svg onload="document.title='${PWNED}'">`,
  bidi: 'invoice\u202Egpj.exe',
} as const;

/** The bidi value as the report shows it: the control as a visible escape. */
export const BIDI_SHOWN = 'invoice\\u202egpj.exe';

const iamUser = (userName: string) => ({
  type: 'IAMUser',
  principalId: 'AIDAHOSTILE',
  arn: `arn:aws:iam::111122223333:user/${userName}`,
  accountId: '111122223333',
  userName,
});

const ROOT_USER = { type: 'Root', principalId: '111122223333', arn: 'arn:aws:iam::111122223333:root', accountId: '111122223333' };

/** The hostile archive: one trail file of five Support records over two hours. */
export function hostileFixture(): { root: string } {
  const root = tempDir('cts-hostile-');
  const records = [
    record({
      eventTime: '2026-03-01T09:00:00Z',
      userIdentity: iamUser(HOSTILE.user),
      userAgent: HOSTILE.userAgent,
      responseElements: { caseId: HOSTILE.caseId },
    }),
    record({
      eventTime: '2026-03-01T09:30:00Z',
      eventName: 'AddCommunicationToCase',
      userIdentity: iamUser(HOSTILE.user),
      requestParameters: { caseId: HOSTILE.caseId },
      responseElements: null,
      errorCode: 'AccessDenied',
      errorMessage: HOSTILE.errorMessage,
    }),
    record({
      eventTime: '2026-03-01T10:00:00Z',
      eventName: 'ResolveCase',
      userIdentity: ROOT_USER,
      userAgent: HOSTILE.bidi,
      requestParameters: { caseId: HOSTILE.caseId },
      responseElements: { initialCaseStatus: 'opened', finalCaseStatus: 'resolved' },
    }),
    record({
      eventTime: '2026-03-01T10:30:00Z',
      eventName: 'DescribeTrustedAdvisorCheckResult',
      readOnly: true,
      requestParameters: { checkId: HOSTILE.checkId, language: 'en' },
      responseElements: null,
    }),
    record({ eventTime: '2026-03-01T11:00:00Z', userIdentity: ROOT_USER, userAgent: HOSTILE.bidi }),
  ];
  put(root, 'AWSLogs/111122223333/CloudTrail/us-east-1/2026/03/01/111122223333_CloudTrail_us-east-1_20260301T1100Z_hostile.json.gz', gz(trailFile(records)));
  return { root };
}
