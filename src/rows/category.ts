/**
 * What part of AWS Support an event belongs to, from its source and name. Pure.
 *
 * The Support API (`support.amazonaws.com`) serves both case management and the Trusted Advisor
 * API (https://docs.aws.amazon.com/awssupport/latest/APIReference/), so its Trusted Advisor calls
 * are told apart by name; every other source has one category.
 */

/** The labels, one per part of AWS Support. */
export const SUPPORT_CATEGORIES = [
  'case-management',
  'trusted-advisor',
  'support-app',
  'support-plans',
  'support-console',
  'support-authorization',
  'other',
] as const;

export type SupportCategory = (typeof SUPPORT_CATEGORIES)[number];

const BY_SOURCE: Readonly<Record<string, SupportCategory>> = {
  'trustedadvisor.amazonaws.com': 'trusted-advisor',
  // AWS Support App in Slack: https://docs.aws.amazon.com/awssupport/latest/user/logging-using-cloudtrail-support-app.html
  'supportapp.amazonaws.com': 'support-app',
  // Support Plans and its console backend, support-subscription (same doc page:
  // https://docs.aws.amazon.com/awssupport/latest/user/logging-using-cloudtrail-support-plans.html)
  'supportplans.amazonaws.com': 'support-plans',
  'support-subscription.amazonaws.com': 'support-plans',
  // Support Center console calls (case drafts, banners, account state).
  'support-console.amazonaws.com': 'support-console',
  // Support authorization: permits for AWS Support to act on your resources
  // (https://docs.aws.amazon.com/awssupport/latest/user/support-authorization-monitoring.html).
  'supportauthz.amazonaws.com': 'support-authorization',
};

/** The category of one Support event, e.g. `case-management` for CreateCase on the Support API. */
export function categoryOf(eventSource: string, eventName: string): SupportCategory {
  if (eventSource === 'support.amazonaws.com') return eventName.includes('TrustedAdvisor') ? 'trusted-advisor' : 'case-management';
  return BY_SOURCE[eventSource] ?? 'other';
}
