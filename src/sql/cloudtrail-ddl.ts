/**
 * The CloudTrail table the `cloudtrail-table` queries read, as AWS documents it for Athena
 * (https://docs.aws.amazon.com/athena/latest/ug/create-cloudtrail-table-partition-projection.html):
 * lower-case columns, `useridentity` a struct, `requestparameters` and `responseelements` JSON
 * text. Our DDL adds `sessioncontext.sourceidentity` (AWS's leaves it out; without it the
 * principals' sourceIdentities are empty), keeps of `webidfederationdata` only `federatedprovider`, and projects account, region and date, so one table
 * covers an organization trail. For DuckDB, a view over the delivery files that reproduces the
 * same table (the tests run every report through it). Pure.
 */
import type { Dialect } from './dialect.ts';

/** The record's string fields by their JSON keys (DuckDB reads by key; the table's columns are their lower case). */
export const STRINGS: readonly string[] = [
  'eventVersion',
  'eventTime',
  'eventSource',
  'eventName',
  'awsRegion',
  'sourceIPAddress',
  'userAgent',
  'errorCode',
  'errorMessage',
  'requestID',
  'eventID',
  'readOnly',
  'eventType',
  'apiVersion',
  'recipientAccountId',
  'sharedEventID',
  'vpcEndpointId',
];
/** The record's fields the table keeps as JSON text. */
export const JSON_TEXT: readonly string[] = ['requestParameters', 'responseElements', 'additionalEventData', 'serviceEventDetails'];

/** useridentity as a tree of fields: a leaf is a string. */
export type Tree = { readonly [field: string]: Tree | null };
/** The fields of the useridentity struct, by their JSON keys. */
export const USER_IDENTITY: Tree = {
  type: null,
  principalId: null,
  arn: null,
  accountId: null,
  invokedBy: null,
  accessKeyId: null,
  userName: null,
  onBehalfOf: { userId: null, identityStoreArn: null },
  sessionContext: {
    attributes: { mfaAuthenticated: null, creationDate: null },
    sessionIssuer: { type: null, principalId: null, arn: null, accountId: null, userName: null },
    ec2RoleDelivery: null,
    // AWS's DDL has it (with an attributes map left out here): the web-identity rule reads federatedProvider.
    webIdFederationData: { federatedProvider: null },
    sourceIdentity: null,
  },
};

const hiveStruct = (tree: Tree): string => `STRUCT<${Object.entries(tree).map(([k, v]) => `${k.toLowerCase()}: ${v ? hiveStruct(v) : 'STRING'}`).join(', ')}>`;
const duckStruct = (tree: Tree): string => `STRUCT(${Object.entries(tree).map(([k, v]) => `${k} ${v ? duckStruct(v) : 'VARCHAR'}`).join(', ')})`;
const duckLower = (tree: Tree, at: string): string =>
  `{${Object.entries(tree).map(([k, v]) => `'${k.toLowerCase()}': ${v ? duckLower(v, `${at}.${k}`) : `${at}.${k}`}`).join(', ')}}`;

const hiveColumns = (): string[] => [
  ...STRINGS.slice(0, 1).map((c) => `${c.toLowerCase()} STRING`),
  `useridentity ${hiveStruct(USER_IDENTITY)}`,
  ...STRINGS.slice(1).map((c) => `${c.toLowerCase()} STRING`),
  ...JSON_TEXT.map((c) => `${c.toLowerCase()} STRING`),
  'resources ARRAY<STRUCT<arn: STRING, accountid: STRING, type: STRING>>',
  'tlsdetails STRUCT<tlsversion: STRING, ciphersuite: STRING, clientprovidedhostheader: STRING>',
];

/** The regions a trail may deliver from (the projection enumerates them; add any your trail has). */
export const PROJECTED_REGIONS = [
  'af-south-1',
  'ap-east-1',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-northeast-3',
  'ap-south-1',
  'ap-south-2',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-southeast-3',
  'ap-southeast-4',
  'ca-central-1',
  'ca-west-1',
  'eu-central-1',
  'eu-central-2',
  'eu-north-1',
  'eu-south-1',
  'eu-south-2',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'il-central-1',
  'me-central-1',
  'me-south-1',
  'sa-east-1',
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
]; // deno-fmt-ignore

export interface CloudTrailTableOptions {
  readonly table: string;
  /** s3://bucket/AWSLogs/ (or s3://bucket/AWSLogs/o-org/ for an organization trail). */
  readonly location: string;
  /** The accounts to project (the enum of the `account` partition). */
  readonly accounts: readonly string[];
  /** First day of the date projection, YYYY/MM/DD. */
  readonly since: string;
}

/** Athena: the CloudTrail table with partition projection on account, region and date. */
export function athenaCloudTrailDdl(d: Dialect, o: CloudTrailTableOptions): string {
  const base = o.location.replace(/\/+$/, '');
  const props: [string, string][] = [
    ['projection.enabled', 'true'],
    ['projection.account.type', 'enum'],
    ['projection.account.values', o.accounts.join(',')],
    ['projection.region.type', 'enum'],
    ['projection.region.values', PROJECTED_REGIONS.join(',')],
    ['projection.date.type', 'date'],
    ['projection.date.format', 'yyyy/MM/dd'],
    ['projection.date.interval', '1'],
    ['projection.date.interval.unit', 'DAYS'],
    ['projection.date.range', `${o.since},NOW`],
    ['storage.location.template', `${base}/\${account}/CloudTrail/\${region}/\${date}`],
  ];
  return `CREATE EXTERNAL TABLE ${o.table} (\n  ${hiveColumns().join(',\n  ')}\n)\n` +
    'PARTITIONED BY (account STRING, region STRING, `date` STRING)\n' +
    "ROW FORMAT SERDE 'org.apache.hive.hcatalog.data.JsonSerDe'\n" +
    "STORED AS INPUTFORMAT 'com.amazon.emr.cloudtrail.CloudTrailInputFormat'\n" +
    "OUTPUTFORMAT 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat'\n" +
    `LOCATION ${d.str(`${base}/`)}\n` +
    `TBLPROPERTIES (\n  ${props.map(([k, v]) => `${d.str(k)} = ${d.str(v)}`).join(',\n  ')}\n);\n`;
}

/**
 * DuckDB: a view with the Athena table's columns over delivery files (a glob or a list), each
 * `{"Records": [...]}` document unnested, with the file as `"$path"` (Athena's pseudo-column).
 */
export function duckdbCloudTrailView(d: Dialect, table: string, files: string | readonly string[]): string {
  const records = `STRUCT(${
    [
      ...STRINGS.map((c) => `${c} VARCHAR`),
      `userIdentity ${duckStruct(USER_IDENTITY)}`,
      ...JSON_TEXT.map((c) => `${c} JSON`),
    ].join(', ')
  })[]`;
  const list = typeof files === 'string' ? d.str(files) : `[${files.map((f) => d.str(f)).join(', ')}]`;
  const columns = [
    'r.eventVersion AS eventversion',
    `${duckLower(USER_IDENTITY, 'r.userIdentity')} AS useridentity`,
    ...STRINGS.slice(1).map((c) => `r.${c} AS ${c.toLowerCase()}`),
    ...JSON_TEXT.map((c) => `CAST(r.${c} AS VARCHAR) AS ${c.toLowerCase()}`),
    'filename AS "$path"',
  ];
  return `CREATE OR REPLACE VIEW ${table} AS\nSELECT\n  ${columns.join(',\n  ')}\n` +
    `FROM (SELECT unnest(Records) AS r, filename FROM read_json(${list}, columns = {Records: ${d.str(records)}}, filename = true));\n`;
}
