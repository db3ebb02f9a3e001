/**
 * A Sigma rule's text -> its plain parts (metadata and the detection as written), checked for
 * what this engine does not do, so a rule it cannot run is refused with the reason instead of
 * never matching. Pure. The format: https://github.com/SigmaHQ/sigma-specification
 */
import { parseAllDocuments } from 'yaml';
import { FINDING_LEVELS, type FindingLevel } from './finding.ts';
import type { RuleInfo } from './stateful-rules.ts';

/** A rule this engine cannot run: the file and the construct that stops it. */
export class RuleRefusal extends Error {
  constructor(readonly file: string, readonly reason: string) {
    super(`${file}: ${reason}`);
    this.name = 'RuleRefusal';
  }
}

/** A rule's metadata (`file`: its path, or `builtin:<name>`) and detection, as plain data (it crosses to the worker threads). */
export interface SigmaRule extends RuleInfo {
  /** The named search identifiers, as written (the `condition` key removed). */
  readonly selections: Readonly<Record<string, unknown>>;
  /** One condition, or several (a list is OR). */
  readonly conditions: readonly string[];
}

const isMap = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const texts = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? [v] : []);

/** Parses one rule file's text; throws {@link RuleRefusal} naming the file and what is wrong or unsupported. */
export function parseSigmaRule(text: string, file: string): SigmaRule {
  const refuse = (reason: string): never => {
    throw new RuleRefusal(file, reason);
  };
  const docs = parseAllDocuments(text);
  if (!Array.isArray(docs)) return refuse('empty file: no rule in it');
  if (docs.length !== 1) {
    return refuse(`holds ${docs.length} YAML documents: rule collections (action: global/repeat) are not supported; give one rule per file`);
  }
  const doc = docs[0];
  if (doc.errors.length > 0) return refuse(`not valid YAML: ${doc.errors[0].message.split('\n')[0]}`);
  const rule: unknown = doc.toJS();
  if (!isMap(rule)) return refuse('not a Sigma rule: the document is not a map of fields');
  if ('correlation' in rule) return refuse('a correlation rule (correlation:): only detection rules are supported');
  if ('filter' in rule && !('detection' in rule)) return refuse('a filter rule (filter:): only detection rules are supported');
  if (typeof rule.title !== 'string' || rule.title.trim() === '') refuse('no title');
  if (typeof rule.id !== 'string' || rule.id.trim() === '') refuse("no id: a finding's fingerprint needs the rule's stable id");
  if (typeof rule.level !== 'string' || !(FINDING_LEVELS as readonly string[]).includes(rule.level)) {
    refuse(`level ${JSON.stringify(rule.level ?? null)} is not one of ${FINDING_LEVELS.join(', ')}`);
  }
  checkLogsource(rule.logsource, refuse);
  const detection = rule.detection;
  if (!isMap(detection)) return refuse('no detection map');
  if ('timeframe' in detection) refuse('detection.timeframe: time windows and aggregations are not supported (use a correlation-free rule)');
  const conditions = texts(detection.condition);
  if (conditions.length === 0) refuse('detection has no condition');
  const selections = Object.fromEntries(Object.entries(detection).filter(([name]) => name !== 'condition'));
  if (Object.keys(selections).length === 0) refuse('detection has no search identifier (selection)');
  return {
    file,
    id: (rule.id as string).trim(),
    title: (rule.title as string).trim(),
    description: typeof rule.description === 'string' ? rule.description.trim() : '',
    level: rule.level as FindingLevel,
    references: texts(rule.references),
    tags: texts(rule.tags),
    author: typeof rule.author === 'string' ? rule.author.trim() : null,
    selections,
    conditions,
  };
}

/** The rule must be for AWS CloudTrail records: `logsource.product: aws`, service `cloudtrail` when named. */
function checkLogsource(logsource: unknown, refuse: (reason: string) => never): void {
  if (!isMap(logsource)) refuse('no logsource: a rule for CloudTrail says product: aws, service: cloudtrail');
  const { product, service } = logsource as Record<string, unknown>;
  if (String(product).toLowerCase() !== 'aws') {
    refuse(`logsource.product is ${JSON.stringify(product ?? null)}, not aws: this tool reads CloudTrail records only`);
  }
  if (service !== undefined && String(service).toLowerCase() !== 'cloudtrail') {
    refuse(`logsource.service is ${JSON.stringify(service)}, not cloudtrail: this tool reads CloudTrail records only`);
  }
}

/** The refusal of a value that is not a rule problem (a bug) is not hidden: only RuleRefusal is caught. */
export const isRefusal = (err: unknown): err is RuleRefusal => err instanceof RuleRefusal;
