/**
 * The simulated organization: for each account its principals and resources, and the picker of
 * background (non-Support) events.
 */
import { ACCESS_EVENTS } from './events-access.ts';
import { INFRA_EVENTS } from './events-infra.ts';
import type { Resources, Template } from './catalog.ts';
import { resourcesOf } from './catalog.ts';
import type { EventContext, Json } from './envelope.ts';
import { apiCall } from './envelope.ts';
import type { IdentityKind, Principal } from './identities.ts';
import { castOf } from './identities.ts';
import type { Rng } from './rng.ts';

/** One account of the simulation. */
export interface AccountWorld {
  readonly account: string;
  readonly cast: Principal[];
  readonly res: Resources;
  /** Principal by label (`root`, `alice`, `sso-admin`, …). */
  readonly by: (label: string) => Principal;
  /** Principals of one identity type, Support-only roles left out. */
  readonly ofKind: (kind: IdentityKind) => Principal[];
}

/** A foreign account for AWSAccount callers when the archive has only one account. */
const OUTSIDE_ACCOUNT = '777788889999';

/** Builds every account; each one's cast is drawn from its own fork so accounts are independent. */
export function buildWorld(accounts: readonly string[], rng: Rng): Map<string, AccountWorld> {
  const world = new Map<string, AccountWorld>();
  for (const account of accounts) {
    const own = rng.fork(`account:${account}`);
    const other = accounts.find((a) => a !== account) ?? OUTSIDE_ACCOUNT;
    const cast = castOf(account, other, own);
    const res = resourcesOf(account, own);
    const kinds = new Map<IdentityKind, Principal[]>();
    for (const p of cast) {
      if (p.label.startsWith('support-')) continue;
      const list = kinds.get(p.kind) ?? [];
      list.push(p);
      kinds.set(p.kind, list);
    }
    const labels = new Map(cast.map((p) => [p.label, p]));
    world.set(account, {
      account,
      cast,
      res,
      by: (label) => {
        const p = labels.get(label);
        if (!p) throw new Error(`no principal labelled ${JSON.stringify(label)} in account ${account}`);
        return p;
      },
      ofKind: (kind) => kinds.get(kind) ?? [],
    });
  }
  return world;
}

const TEMPLATES: Template[] = [...INFRA_EVENTS, ...ACCESS_EVENTS];
const CUMULATIVE = (() => {
  let sum = 0;
  return TEMPLATES.map((t) => (sum += t.weight));
})();
const TOTAL = CUMULATIVE[CUMULATIVE.length - 1];

function pickTemplate(rng: Rng): Template {
  const r = rng.next() * TOTAL;
  let lo = 0, hi = CUMULATIVE.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (CUMULATIVE[mid] > r) hi = mid;
    else lo = mid + 1;
  }
  return TEMPLATES[lo];
}

/**
 * Each account's first background events walk through every identity type and the common error
 * codes once (then the mix is random), so even a small sample archive shows all of them; rare
 * cases stay rare at scale. `true` asks for the call's usual error.
 */
const TOUR: readonly (readonly [string, IdentityKind, boolean?])[] = [
  ['ConsoleLogin', 'Root'],
  ['GetCallerIdentity', 'IAMUser'],
  ['DescribeInstances', 'AssumedRole'],
  ['ConsoleLogin', 'FederatedUser'],
  ['AssumeRole', 'AWSService'],
  ['GetObject', 'AWSAccount'],
  ['UserAuthentication', 'IdentityCenterUser'],
  ['AssumeRoleWithSAML', 'SAMLUser'],
  ['AssumeRoleWithWebIdentity', 'WebIdentityUser'],
  ['ConsoleLogin', 'Unknown'],
  ['RotateKey', 'none'],
  ['AttachRolePolicy', 'AssumedRole', true],
  ['LookupEvents', 'IAMUser', true],
  ['DescribeInstances', 'FederatedUser', true],
];
const BY_NAME = new Map(TEMPLATES.map((t) => [t.name, t]));

/** Makes background (non-Support) events, one account's tour first. */
export class BackgroundEvents {
  private readonly toured = new Map<string, number>();

  /** One background event of `acct` at the context's time and region. */
  next(ctx: EventContext, acct: AccountWorld): Json {
    const step = this.toured.get(acct.account) ?? 0;
    let t: Template, kind: IdentityKind, failing = false;
    if (step < TOUR.length) {
      this.toured.set(acct.account, step + 1);
      t = BY_NAME.get(TOUR[step][0])!;
      kind = TOUR[step][1];
      failing = TOUR[step][2] ?? false;
    } else {
      t = pickTemplate(ctx.rng);
      kind = ctx.rng.pick(t.who);
    }
    if (t.service) return t.service(ctx, acct.res);
    const all = acct.ofKind(kind);
    const browser = t.consoleOnly ? all.filter((p) => p.client === 'console') : all;
    const who = ctx.rng.pick(browser.length > 0 ? browser : all);
    const spec = t.make({ ...ctx, who, res: acct.res, failing });
    return apiCall(ctx, who, { source: t.source, name: t.name, readOnly: t.readOnly, ...spec });
  }
}
