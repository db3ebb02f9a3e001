/**
 * Turns Support slots (an account, region and time chosen by the planner) into Support events
 * that tell coherent stories: a case is created, discussed, sometimes resolved, in time order.
 * Story kinds and standalone calls are taken round-robin, so even a few dozen Support events
 * cover every kind, every Support action and (with `sources: 'all'`) every Support source.
 */
import type { EventContext, Json } from './envelope.ts';
import type { Principal } from './identities.ts';
import type { Rng } from './rng.ts';
import * as api from './support-api.ts';
import { OTHER_SUPPORT_EVENTS } from './support-sources.ts';
import type { AccountWorld } from './world.ts';

/** How one story unfolds, named after what an analyst should find in it. */
export const STORY_KINDS = [
  'resolved-with-attachment',
  'never-resolved',
  'handed-between-principals',
  'resolved-by-root',
  'denied-then-created',
  'touched-by-other-account',
] as const;
export type StoryKind = (typeof STORY_KINDS)[number];

type Step = (c: EventContext) => Json;
interface OpenCase {
  readonly steps: Step[];
  nextAt: number;
  lastAt: number;
}

const MINUTE = 60_000;

/** Support event maker for one archive. Call `next` in time order. */
export class SupportStories {
  private readonly open = new Map<string, OpenCase[]>();
  private readonly cases = new Map<string, string[]>();
  private readonly standalone: readonly ((c: EventContext, a: AccountWorld) => Json)[];
  private storyTurn = 0;
  private standaloneTurn = 0;
  /** Stories started, by kind (for summaries and coverage checks). */
  readonly started = new Map<StoryKind, number>();

  constructor(
    private readonly rng: Rng,
    private readonly world: Map<string, AccountWorld>,
    sources: 'support' | 'all',
  ) {
    const apiCalls = api.SUPPORT_STANDALONE.map((s) => (c: EventContext, a: AccountWorld) => s.make(c, this.caller(a), this.cases.get(a.account) ?? []));
    const others = sources === 'all' ? OTHER_SUPPORT_EVENTS.map((e) => e.make) : [];
    // Interleave so a short archive still sees both the Support API and the other sources.
    const mixed: ((c: EventContext, a: AccountWorld) => Json)[] = [];
    for (let i = 0; i < Math.max(apiCalls.length, others.length); i++) {
      if (i < apiCalls.length) mixed.push(apiCalls[i]);
      if (i < others.length) mixed.push(others[i]);
    }
    this.standalone = mixed;
  }

  /** The Support event for a slot at `c.ms` in `c.account`/`c.region`. */
  next(c: EventContext): Json {
    const acct = this.world.get(c.account)!;
    const open = this.open.get(c.account) ?? [];
    const due = open.find((k) => k.nextAt <= c.ms && k.lastAt < c.ms);
    if (due && this.rng.chance(0.8)) return this.advance(c, due, open);
    if (this.rng.chance(0.22)) return this.startStory(c, acct);
    return this.standalone[this.standaloneTurn++ % this.standalone.length](c, acct);
  }

  private caller(a: AccountWorld): Principal {
    return a.by(this.rng.pick(['alice', 'sso-admin', 'sso-admin', 'support-ops', 'carol']));
  }

  private advance(c: EventContext, k: OpenCase, open: OpenCase[]): Json {
    const record = k.steps.shift()!(c);
    k.lastAt = c.ms;
    k.nextAt = c.ms + this.rng.range(3, 90) * MINUTE;
    if (k.steps.length === 0) open.splice(open.indexOf(k), 1);
    return record;
  }

  private startStory(c: EventContext, a: AccountWorld): Json {
    const kind = STORY_KINDS[this.storyTurn++ % STORY_KINDS.length];
    this.started.set(kind, (this.started.get(kind) ?? 0) + 1);
    const caseId = api.newCaseId(this.rng, a.account, c.ms);
    const known = this.cases.get(a.account) ?? [];
    known.push(caseId);
    this.cases.set(a.account, known);
    const [first, steps] = this.plan(kind, a, caseId);
    if (steps.length > 0) {
      const open = this.open.get(a.account) ?? [];
      open.push({ steps, lastAt: c.ms, nextAt: c.ms + this.rng.range(3, 60) * MINUTE });
      this.open.set(a.account, open);
    }
    return first(c);
  }

  /** The first event of a story and the steps that follow it. */
  private plan(kind: StoryKind, a: AccountWorld, caseId: string): [Step, Step[]] {
    const { setId, attachmentId } = api.attachmentIds(this.rng);
    const p = (label: string) => a.by(label);
    switch (kind) {
      case 'resolved-with-attachment': {
        const who = p('alice');
        return [(c) => api.createCase(c, who, caseId), [
          (c) => api.addAttachmentsToSet(c, who, setId),
          (c) => api.addCommunication(c, who, caseId, setId),
          (c) => api.describeCommunications(c, p('support-ops'), caseId),
          (c) => api.describeAttachment(c, who, attachmentId),
          (c) => api.rateCaseCommunication(c, who, caseId),
          (c) => api.resolveCase(c, who, caseId),
        ]];
      }
      case 'never-resolved': {
        const who = p('support-ops');
        return [(c) => api.createCase(c, who, caseId), [
          (c) => api.describeCases(c, who, [caseId]),
          (c) => api.addCommunication(c, who, caseId),
          (c) => api.describeCommunications(c, who, caseId),
        ]];
      }
      case 'handed-between-principals':
        return [(c) => api.createCase(c, p('carol'), caseId), [
          (c) => api.addCommunication(c, p('sso-admin'), caseId),
          (c) => api.describeCases(c, p('support-ops'), [caseId]),
          (c) => api.resolveCase(c, p('alice'), caseId),
        ]];
      case 'resolved-by-root':
        return [(c) => api.createCase(c, p('sso-admin'), caseId), [
          (c) => api.describeCommunications(c, p('sso-admin'), caseId),
          (c) => api.resolveCase(c, p('root'), caseId),
        ]];
      case 'denied-then-created':
        // deploy-bot's CreateCase is refused; an administrator then opens the case.
        return [(c) => api.createCase(c, p('deploy-bot'), caseId, true), [
          (c) => api.createCase(c, p('sso-admin'), caseId),
          (c) => api.addCommunication(c, p('sso-admin'), caseId),
          (c) => api.resolveCase(c, p('sso-admin'), caseId),
        ]];
      case 'touched-by-other-account': {
        const partner = a.ofKind('AWSAccount')[0];
        return [(c) => api.createCase(c, p('support-ops'), caseId), [
          (c) => api.describeCases(c, partner, [caseId]),
          (c) => api.addCommunication(c, partner, caseId),
          (c) => api.resolveCase(c, p('support-ops'), caseId),
        ]];
      }
    }
  }
}
