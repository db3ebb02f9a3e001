/**
 * Report names, in print order, without the reports themselves: the CLI and the scan need the
 * names at start-up, and loading arquero for them would delay reading the archive.
 */
export const REPORT_NAMES = ['actions', 'principals', 'credentials', 'accounts', 'days', 'activity', 'denied', 'trustedAdvisor', 'cases', 'events'] as const;

export type ReportName = (typeof REPORT_NAMES)[number];
