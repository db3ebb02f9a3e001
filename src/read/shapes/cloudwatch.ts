/**
 * CloudWatch Logs, where a trail can also deliver: every log event's message is one record.
 * - `aws logs filter-log-events` / `get-log-events` output: `{"events":[{"timestamp","message",…}],…}`;
 * - an export to S3 (`create-export-task`): gzip files of lines `<ISO timestamp> <message>`.
 * https://docs.aws.amazon.com/awscloudtrail/latest/userguide/send-cloudtrail-events-to-cloudwatch-logs.html
 */
import { parseJsonExact } from '../exact-numbers.ts';
import type { BatchBuilder } from './batches.ts';
import { jsonErrorOf } from '../parse.ts';

type Obj = Record<string, unknown>;

/** Adds the record in each `events[].message` of one CLI output page. */
export function fromLogEventsPage(page: Obj, out: BatchBuilder): void {
  for (const event of page.events as Obj[]) {
    const index = out.take();
    const message = event.message;
    if (typeof message !== 'string') {
      out.reject(index, 'validate', 'CloudWatch Logs event message is not a string', '');
      continue;
    }
    parseMessage(message, index, 'cloudwatch', out, '');
  }
}

/** Adds the record of each `<timestamp> <record JSON>` line of an export. */
export function fromExportText(text: string, out: BatchBuilder): void {
  let line = 0;
  for (let at = 0; at < text.length; line++) {
    const end = text.indexOf('\n', at);
    const stop = end < 0 ? text.length : end;
    const content = text.slice(at, stop).trim();
    at = stop + 1;
    if (content === '') continue;
    const index = out.take();
    const space = content.indexOf(' ');
    if (space < 0) {
      out.reject(index, 'parse', `line ${line + 1}: not "<timestamp> <record JSON>"`);
      continue;
    }
    parseMessage(content.slice(space + 1), index, 'cloudwatch-export', out, `line ${line + 1}: `);
  }
}

function parseMessage(message: string, index: number, shape: 'cloudwatch' | 'cloudwatch-export', out: BatchBuilder, where: string): void {
  try {
    out.add(shape, parseJsonExact(message), index);
  } catch (err) {
    out.reject(index, 'parse', `${where}CloudWatch Logs message is not a JSON record: ${jsonErrorOf(err)}`);
  }
}
