/**
 * Everyday infrastructure events (EC2, S3, KMS, Lambda, CloudWatch Logs, SSM, CloudFormation):
 * the background a Support event hides in. Parameter shapes follow real captures in realdata/.
 */
import { serviceEvent } from './envelope.ts';
import type { Template } from './catalog.ts';
import { accessDenied, s3Extra, s3RequestId } from './catalog.ts';

const STAFF = ['AssumedRole', 'AssumedRole', 'IAMUser', 'FederatedUser'] as const;
const items = <T>(list: T[]) => ({ items: list });

/** Infrastructure templates. */
export const INFRA_EVENTS: Template[] = [
  {
    source: 'ec2.amazonaws.com',
    name: 'DescribeInstances',
    weight: 12,
    who: [...STAFF, 'AWSService'],
    readOnly: true,
    make: (c) => ({
      request: { instancesSet: {}, filterSet: items([{ name: 'instance-state-name', valueSet: items([{ value: 'running' }]) }]) },
      error: c.failing || c.rng.chance(0.02) ? ['Client.UnauthorizedOperation', 'You are not authorized to perform this operation.'] : undefined,
    }),
  },
  {
    source: 'ec2.amazonaws.com',
    name: 'DescribeSecurityGroups',
    weight: 6,
    who: STAFF,
    readOnly: true,
    make: (c) => ({
      request: { securityGroupSet: {}, securityGroupIdSet: {}, filterSet: items([{ name: 'vpc-id', valueSet: items([{ value: c.res.vpc }]) }]) },
    }),
  },
  {
    source: 'ec2.amazonaws.com',
    name: 'DescribeVolumes',
    weight: 4,
    who: [...STAFF, 'AWSService'],
    readOnly: true,
    make: () => ({ request: { volumeSet: {}, filterSet: {} } }),
  },
  {
    source: 'ec2.amazonaws.com',
    name: 'RunInstances',
    weight: 1,
    who: ['AssumedRole', 'IAMUser'],
    readOnly: false,
    make: (c) => {
      const id = `i-0${c.rng.hex(16)}`;
      return {
        request: {
          instancesSet: items([{ imageId: `ami-0${c.rng.hex(16)}`, minCount: 1, maxCount: 1 }]),
          instanceType: 't3.micro',
          blockDeviceMapping: {},
          monitoring: { enabled: false },
          disableApiTermination: false,
          subnetId: `subnet-0${c.rng.hex(16)}`,
        },
        response: {
          requestId: c.rng.uuid(),
          reservationId: `r-0${c.rng.hex(16)}`,
          ownerId: c.account,
          groupSet: {},
          instancesSet: items([{
            instanceId: id,
            instanceState: { code: 0, name: 'pending' },
            instanceType: 't3.micro',
            placement: { availabilityZone: `${c.region}a`, tenancy: 'default' },
          }]),
        },
      };
    },
  },
  {
    source: 'ec2.amazonaws.com',
    name: 'CreateTags',
    weight: 2,
    who: ['AssumedRole', 'IAMUser'],
    readOnly: false,
    make: (c) => ({
      request: {
        resourcesSet: items([{ resourceId: c.rng.pick(c.res.instances) }]),
        tagSet: items([{ key: 'Owner', value: c.rng.pick(['platform', 'data', 'payments']) }]),
      },
      response: { requestId: c.rng.uuid(), _return: true },
    }),
  },
  {
    source: 'ec2.amazonaws.com',
    name: 'AuthorizeSecurityGroupIngress',
    weight: 1,
    who: ['AssumedRole', 'IAMUser'],
    readOnly: false,
    make: (c) => ({
      request: {
        groupId: c.rng.pick(c.res.groups),
        ipPermissions: items([{ ipProtocol: 'tcp', fromPort: 443, toPort: 443, ipRanges: items([{ cidrIp: '203.0.113.0/24' }]) }]),
      },
      response: { requestId: c.rng.uuid(), _return: true },
      error: c.rng.chance(0.3)
        ? ['Client.InvalidPermission.Duplicate', 'the specified rule "peer: 203.0.113.0/24, TCP, from port: 443, to port: 443, ALLOW" already exists']
        : undefined,
    }),
  },
  {
    source: 's3.amazonaws.com',
    name: 'ListBuckets',
    weight: 4,
    who: STAFF,
    readOnly: true,
    make: (c) => ({ request: { Host: 's3.amazonaws.com' }, additional: s3Extra(c.rng, 2048), requestID: s3RequestId(c.rng) }),
  },
  {
    source: 's3.amazonaws.com',
    name: 'GetBucketAcl',
    weight: 5,
    who: [...STAFF, 'AWSService'],
    readOnly: true,
    make: (c) => {
      const b = c.rng.pick(c.res.buckets);
      return {
        request: { bucketName: b, Host: `${b}.s3.${c.region}.amazonaws.com`, acl: '' },
        additional: s3Extra(c.rng, 560),
        requestID: s3RequestId(c.rng),
        resources: [{ accountId: c.account, type: 'AWS::S3::Bucket', ARN: `arn:aws:s3:::${b}` }],
      };
    },
  },
  {
    source: 's3.amazonaws.com',
    name: 'GetBucketPolicy',
    weight: 3,
    who: STAFF,
    readOnly: true,
    make: (c) => {
      const b = c.rng.pick(c.res.buckets);
      return {
        request: { bucketName: b, Host: `${b}.s3.${c.region}.amazonaws.com`, policy: '' },
        additional: s3Extra(c.rng, 0),
        requestID: s3RequestId(c.rng),
        resources: [{ accountId: c.account, type: 'AWS::S3::Bucket', ARN: `arn:aws:s3:::${b}` }],
        error: c.rng.chance(0.4) ? ['NoSuchBucketPolicy', 'The bucket policy does not exist'] : undefined,
      };
    },
  },
  {
    source: 's3.amazonaws.com',
    name: 'GetObject',
    weight: 6,
    who: ['AssumedRole', 'AssumedRole', 'AWSAccount'],
    readOnly: true,
    make: (c) => {
      const b = c.rng.pick(c.res.buckets), key = `exports/${c.rng.hex(8)}.parquet`;
      return {
        request: { bucketName: b, Host: `${b}.s3.${c.region}.amazonaws.com`, key },
        additional: s3Extra(c.rng, c.rng.range(1000, 900000)),
        requestID: s3RequestId(c.rng),
        category: 'Data',
        resources: [{ type: 'AWS::S3::Object', ARN: `arn:aws:s3:::${b}/${key}` }, { accountId: c.account, type: 'AWS::S3::Bucket', ARN: `arn:aws:s3:::${b}` }],
      };
    },
  },
  {
    source: 's3.amazonaws.com',
    name: 'PutObject',
    weight: 3,
    who: ['AssumedRole'],
    readOnly: false,
    make: (c) => {
      const b = c.rng.pick(c.res.buckets), key = `uploads/${c.rng.uuid()}.json`;
      return {
        request: { bucketName: b, Host: `${b}.s3.${c.region}.amazonaws.com`, key },
        response: { 'x-amz-server-side-encryption': 'AES256' },
        additional: s3Extra(c.rng, 0),
        requestID: s3RequestId(c.rng),
        category: 'Data',
        resources: [{ type: 'AWS::S3::Object', ARN: `arn:aws:s3:::${b}/${key}` }, { accountId: c.account, type: 'AWS::S3::Bucket', ARN: `arn:aws:s3:::${b}` }],
      };
    },
  },
  {
    source: 'kms.amazonaws.com',
    name: 'Decrypt',
    weight: 10,
    who: ['AWSService', 'AssumedRole'],
    readOnly: true,
    make: (c) => {
      const key = `arn:aws:kms:${c.region}:${c.account}:key/${c.rng.pick(c.res.keys)}`;
      return { request: { encryptionAlgorithm: 'SYMMETRIC_DEFAULT' }, resources: [{ accountId: c.account, type: 'AWS::KMS::Key', ARN: key }] };
    },
  },
  {
    source: 'kms.amazonaws.com',
    name: 'GenerateDataKey',
    weight: 4,
    who: ['AWSService', 'AssumedRole'],
    readOnly: true,
    make: (c) => {
      const key = `arn:aws:kms:${c.region}:${c.account}:key/${c.rng.pick(c.res.keys)}`;
      return { request: { keyId: key, keySpec: 'AES_256' }, resources: [{ accountId: c.account, type: 'AWS::KMS::Key', ARN: key }] };
    },
  },
  {
    source: 'kms.amazonaws.com',
    name: 'RotateKey',
    weight: 0.3,
    who: ['none'],
    readOnly: false,
    make: () => ({ request: null }),
    service: (c, res) =>
      serviceEvent(c, {
        source: 'kms.amazonaws.com',
        name: 'RotateKey',
        resources: [{ accountId: c.account, type: 'AWS::KMS::Key', ARN: `arn:aws:kms:${c.region}:${c.account}:key/${c.rng.pick(res.keys)}` }],
        details: { keyId: c.rng.pick(res.keys) },
      }),
  },
  {
    source: 'ec2.amazonaws.com',
    name: 'SharedSnapshotVolumeCreated',
    weight: 0.3,
    who: ['none'],
    readOnly: false,
    make: () => ({ request: null }),
    service: (c) => serviceEvent(c, { source: 'ec2.amazonaws.com', name: 'SharedSnapshotVolumeCreated', details: { snapshotId: `snap-0${c.rng.hex(16)}` } }),
  },
  {
    source: 'lambda.amazonaws.com',
    name: 'ListFunctions20150331',
    weight: 2,
    who: STAFF,
    readOnly: true,
    make: () => ({ request: null }),
  },
  {
    source: 'lambda.amazonaws.com',
    name: 'GetFunction20150331v2',
    weight: 2,
    who: ['AssumedRole', 'AWSService'],
    readOnly: true,
    make: (c) => ({ request: { functionName: c.rng.pick(c.res.functions) } }),
  },
  {
    source: 'lambda.amazonaws.com',
    name: 'UpdateFunctionCode20150331v2',
    weight: 0.5,
    who: ['AssumedRole'],
    readOnly: false,
    make: (c) => {
      const fn = c.rng.pick(c.res.functions);
      return {
        request: { functionName: fn, s3Bucket: c.res.buckets[0], s3Key: `lambda/${fn}-${c.rng.hex(7)}.zip`, publish: true },
        response: {
          functionName: fn,
          functionArn: `arn:aws:lambda:${c.region}:${c.account}:function:${fn}`,
          runtime: 'python3.12',
          codeSize: c.rng.range(4000, 90000),
          version: String(c.rng.range(2, 40)),
          state: 'Active',
        },
      };
    },
  },
  {
    source: 'logs.amazonaws.com',
    name: 'CreateLogStream',
    weight: 2,
    who: ['AssumedRole'],
    readOnly: false,
    make: (c) => ({ request: { logGroupName: `/aws/lambda/${c.rng.pick(c.res.functions)}`, logStreamName: `2026/01/01/[$LATEST]${c.rng.hex(32)}` } }),
  },
  {
    source: 'ssm.amazonaws.com',
    name: 'GetParameter',
    weight: 4,
    who: ['AssumedRole', 'IAMUser'],
    readOnly: true,
    make: (c) => ({ request: { name: c.rng.pick(c.res.parameters), withDecryption: c.rng.chance(0.5) } }),
  },
  {
    source: 'cloudformation.amazonaws.com',
    name: 'CreateStack',
    weight: 0.3,
    who: ['AssumedRole'],
    readOnly: false,
    make: (c) => {
      const name = `app-${c.rng.pick(['network', 'queue', 'api'])}-${c.rng.hex(4)}`;
      return {
        request: { stackName: name, templateURL: `https://s3.amazonaws.com/${c.res.buckets[0]}/cfn/${name}.yaml`, capabilities: ['CAPABILITY_IAM'] },
        response: { stackId: `arn:aws:cloudformation:${c.region}:${c.account}:stack/${name}/${c.rng.uuid()}` },
        error: c.rng.chance(0.1) ? accessDenied(c, 'cloudformation:CreateStack', `arn:aws:cloudformation:${c.region}:${c.account}:stack/${name}/*`) : undefined,
      };
    },
  },
];
