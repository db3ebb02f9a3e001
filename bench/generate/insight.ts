/**
 * CloudTrail Insights records: a Start/End pair about an unusual API call rate, delivered under
 * `CloudTrail-Insight/`. An analyzer of Support events must recognise and skip them.
 * https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-insights-fields-trails.html
 */
import type { Json } from './envelope.ts';
import { isoSeconds } from './layout.ts';
import type { Rng } from './rng.ts';

/** The two records of one Insights event, `durationMin` minutes apart. */
export function insightPair(rng: Rng, account: string, region: string, startMs: number, durationMin: number): Json[] {
  const shared = rng.uuid();
  const arn = `arn:aws:sts::${account}:assumed-role/GitHubActionsDeploy/GitHubActions-${rng.range(1e9, 9e9)}`;
  const agent = 'APN/1.0 HashiCorp/1.0 Terraform/1.9.2 (+https://www.terraform.io) terraform-provider-aws/5.59.0';
  const baseline = Number((rng.range(1, 90) / 100_000).toFixed(7));
  const insight = Number((rng.range(20, 120) / 10).toFixed(1));
  const attributions = (insightAvg: number) => [
    { attribute: 'userIdentityArn', insight: [{ value: arn, average: insightAvg }], baseline: [{ value: arn, average: baseline }] },
    { attribute: 'userAgent', insight: [{ value: agent, average: insightAvg }], baseline: [{ value: agent, average: baseline }] },
    { attribute: 'errorCode', insight: [{ value: 'null', average: insightAvg }], baseline: [{ value: 'null', average: baseline }] },
  ];
  const record = (state: 'Start' | 'End', ms: number, insightAvg: number, statistics: Json): Json => ({
    eventVersion: '1.08',
    eventTime: isoSeconds(ms),
    awsRegion: region,
    eventID: rng.uuid(),
    eventType: 'AwsCloudTrailInsight',
    recipientAccountId: account,
    sharedEventID: shared,
    insightDetails: {
      state,
      eventSource: 'ec2.amazonaws.com',
      eventName: 'RunInstances',
      insightType: 'ApiCallRateInsight',
      insightContext: { statistics, attributions: attributions(insightAvg) },
    },
    eventCategory: 'Insight',
  });
  const baselineDuration = rng.range(10080, 12000);
  const endAvg = Number((insight / durationMin).toFixed(3));
  return [
    record('Start', startMs, insight, { baseline: { average: baseline }, insight: { average: insight }, baselineDuration }),
    record('End', startMs + durationMin * 60_000, endAvg, {
      baseline: { average: baseline },
      insight: { average: endAvg },
      insightDuration: durationMin,
      baselineDuration,
    }),
  ];
}
