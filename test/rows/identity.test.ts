import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { callerAccountOf, credentialClassOf, invokedByOf, roleSessionOf, sourceIdentityOf } from '../../src/rows/identity.ts';
import { record } from '../_support/helpers.ts';

const as = (userIdentity: unknown, extra: Record<string, unknown> = {}) => record({ userIdentity, ...extra });

test('credentialClassOf() answers the three questions for every userIdentity.type', () => {
  const cases: [unknown, string][] = [
    [{ type: 'Root', accountId: '1' }, 'root-or-iam-user'],
    [{ type: 'IAMUser', userName: 'jane' }, 'root-or-iam-user'],
    [{ type: 'AssumedRole', principalId: 'AROA:s' }, 'temporary-credentials'],
    [{ type: 'FederatedUser', principalId: '1:carol' }, 'temporary-credentials'],
    [{ type: 'SAMLUser', userName: 'bob@example.com' }, 'temporary-credentials'],
    [{ type: 'WebIdentityUser', userName: 'sub' }, 'temporary-credentials'],
    [{ type: 'IdentityCenterUser', onBehalfOf: { userId: 'u' } }, 'temporary-credentials'],
    [{ type: 'AWSService', invokedBy: 'config.amazonaws.com' }, 'aws-service'],
    [{ type: 'AWSAccount', accountId: '444455556666' }, 'other-account'],
    [{ type: 'Unknown', principalId: 'x' }, 'unknown'],
    // supportauthz service events: no type, the service in invokedBy
    [{ accountId: '1', invokedBy: 'supportauthz.amazonaws.com' }, 'aws-service'],
  ];
  for (const [identity, expected] of cases) assert.is(credentialClassOf(as(identity)), expected, JSON.stringify(identity));
  assert.is(credentialClassOf(as(undefined, { eventType: 'AwsServiceEvent' })), 'aws-service');
  assert.is(credentialClassOf(as(undefined)), 'unknown');
});

test('roleSessionOf() reads the role from sessionIssuer and the session from principalId, else the ARN', () => {
  const issuer = { sessionIssuer: { type: 'Role', userName: 'Admin' } };
  assert.equal(
    roleSessionOf(
      as({ type: 'AssumedRole', principalId: 'AROA1:alice@example.com', arn: 'arn:aws:sts::1:assumed-role/Admin/alice@example.com', sessionContext: issuer }),
    ),
    { role: 'Admin', session: 'alice@example.com' },
  );
  assert.equal(roleSessionOf(as({ type: 'AssumedRole', principalId: 'AROA1', arn: 'arn:aws:sts::1:user/janedoe', sessionContext: issuer })), {
    role: 'Admin',
    session: 'janedoe',
  });
  assert.equal(
    roleSessionOf(
      as({
        type: 'FederatedUser',
        principalId: '1:carol',
        arn: 'arn:aws:sts::1:federated-user/carol',
        sessionContext: { sessionIssuer: { type: 'IAMUser', userName: 'broker' } },
      }),
    ),
    { role: null, session: 'carol' },
  );
  assert.equal(roleSessionOf(as({ type: 'IAMUser', userName: 'jane' })), { role: null, session: null });
});

test('invokedByOf(), sourceIdentityOf() and callerAccountOf() read userIdentity, null when absent', () => {
  const r = as({ type: 'AssumedRole', accountId: '444455556666', invokedBy: 'repostspace.amazonaws.com', sessionContext: { sourceIdentity: 'maria' } });
  assert.equal([invokedByOf(r), sourceIdentityOf(r), callerAccountOf(r)], ['repostspace.amazonaws.com', 'maria', '444455556666']);
  const bare = as(undefined);
  assert.equal([invokedByOf(bare), sourceIdentityOf(bare), callerAccountOf(bare)], [null, null, null]);
  // a field of the wrong type reads as absent, it never throws
  assert.is(sourceIdentityOf(as({ type: 'AssumedRole', sessionContext: { sourceIdentity: 42 } })), null);
});

test.run();
