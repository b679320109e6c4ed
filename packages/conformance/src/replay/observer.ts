import { frameLabel, isRecord, type JsonObject } from '../internal/json';
import type { AgentRequest } from './answers';
import type { AgentStep } from './script';

/** A surfaced frame paired with the tape frame it stands for. */
export interface FramePair {
  readonly expected: AgentStep;
  readonly actual: unknown;
}

/**
 * What the client under test showed so far, matched against what the tape's agent sent: frames in
 * order by label (extra surfaced frames, such as echoes of the client's own messages, are skipped),
 * and requests counted per subtype.
 */
export class Observer {
  readonly surfaced: unknown[] = [];
  readonly unknown: { frame: unknown; reason: string }[] = [];
  readonly errors: Error[] = [];
  readonly asked: AgentRequest[] = [];
  readonly pairs: FramePair[] = [];
  readonly #frames: AgentStep[];
  readonly #requests: AgentStep[];
  #scan = 0;

  constructor(steps: readonly AgentStep[]) {
    this.#frames = steps.filter((s) => s.observe === 'frame');
    this.#requests = steps.filter((s) => s.observe === 'request');
  }

  /** Records a frame the client surfaced and matches it to the next expected one when the labels agree. */
  frame(frame: unknown): void {
    this.surfaced.push(frame);
    this.#advance();
  }

  #advance(): void {
    while (this.pairs.length < this.#frames.length && this.#scan < this.surfaced.length) {
      const expected = this.#frames[this.pairs.length]!;
      const actual = this.surfaced[this.#scan++];
      if (isRecord(actual) && frameLabel(actual) === frameLabel(expected.frame)) this.pairs.push({ expected, actual });
    }
  }

  /** Whether the client has shown every frame and handled every request among `before` (the agent steps preceding a client step). */
  reached(before: readonly AgentStep[]): boolean {
    const frames = before.filter((s) => s.observe === 'frame').length;
    if (this.pairs.length < frames) return false;
    const wanted = new Map<string, number>();
    for (const step of before) {
      if (step.observe !== 'request') continue;
      const subtype = String((step.frame.request as JsonObject | undefined)?.subtype);
      wanted.set(subtype, (wanted.get(subtype) ?? 0) + 1);
    }
    for (const [subtype, count] of wanted) if (this.asked.filter((a) => a.subtype === subtype).length < count) return false;
    return true;
  }

  /** Whether every agent frame and request of the tape was observed. */
  complete(): boolean {
    return this.reached([...this.#frames, ...this.#requests]);
  }

  /** The next expected frame not seen yet, for messages. */
  nextMissing(): string | undefined {
    const next = this.#frames[this.pairs.length];
    return next === undefined ? undefined : `${frameLabel(next.frame)} (tape line ${next.line})`;
  }

  /** Labels of the last surfaced frames, for messages. */
  recent(count = 5): string {
    const tail = this.surfaced.slice(-count).map((f) => (isRecord(f) ? frameLabel(f) : typeof f));
    return tail.length === 0 ? 'nothing yet' : tail.join(', ');
  }
}
