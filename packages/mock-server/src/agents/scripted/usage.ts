import type { FakeUsage } from '../../fake-model/stream';

/** US dollars per million tokens. */
interface Price {
  readonly input: number;
  readonly output: number;
  readonly cacheWrite: number;
  readonly cacheRead: number;
}

const PRICES: readonly (readonly [RegExp, Price])[] = [
  [/opus-4-[01]|opus-4(?!-)|claude-3-opus/, { input: 15, output: 75, cacheWrite: 18.75, cacheRead: 1.5 }],
  [/opus/, { input: 5, output: 25, cacheWrite: 6.25, cacheRead: 0.5 }],
  [/haiku/, { input: 1, output: 5, cacheWrite: 1.25, cacheRead: 0.1 }],
];
const DEFAULT_PRICE: Price = { input: 3, output: 15, cacheWrite: 3.75, cacheRead: 0.3 };

function priceOf(model: string): Price {
  return PRICES.find(([pattern]) => pattern.test(model))?.[1] ?? DEFAULT_PRICE;
}

/** What one model answer cost, in dollars, at list prices for its model. */
export function costOf(model: string, usage: FakeUsage): number {
  const p = priceOf(model);
  const dollars =
    usage.input_tokens * p.input +
    usage.output_tokens * p.output +
    usage.cache_creation_input_tokens * p.cacheWrite +
    usage.cache_read_input_tokens * p.cacheRead;
  return dollars / 1_000_000;
}

interface ModelTotals {
  inputTokens: number;
  outputTokens: number;
  cacheReadInputTokens: number;
  cacheCreationInputTokens: number;
  costUSD: number;
}

/** Adds up the answers of one turn into the `usage`, `modelUsage` and `total_cost_usd` of its `result`. */
export class TurnUsage {
  readonly #models = new Map<string, ModelTotals>();
  #apiMs = 0;
  #answers = 0;

  /** Counts one completed model answer that took `apiMs` to stream. */
  add(model: string, usage: FakeUsage, apiMs: number): void {
    const totals = this.#models.get(model) ?? {
      inputTokens: 0,
      outputTokens: 0,
      cacheReadInputTokens: 0,
      cacheCreationInputTokens: 0,
      costUSD: 0,
    };
    totals.inputTokens += usage.input_tokens;
    totals.outputTokens += usage.output_tokens;
    totals.cacheReadInputTokens += usage.cache_read_input_tokens;
    totals.cacheCreationInputTokens += usage.cache_creation_input_tokens;
    totals.costUSD += costOf(model, usage);
    this.#models.set(model, totals);
    this.#apiMs += apiMs;
    this.#answers += 1;
  }

  /** Adds API time that produced no counted answer (failed requests, interrupted streams). */
  addApiTime(ms: number): void {
    this.#apiMs += ms;
  }

  /** Completed model answers so far (the `num_turns` of the result). */
  get answers(): number {
    return this.#answers;
  }

  /** Milliseconds spent waiting on the model. */
  get apiMs(): number {
    return this.#apiMs;
  }

  /** Total cost in dollars. */
  get costUsd(): number {
    let sum = 0;
    for (const totals of this.#models.values()) sum += totals.costUSD;
    return sum;
  }

  /** The `usage` object of a `result`, with every count present. */
  usage(): Record<string, unknown> {
    let input = 0;
    let output = 0;
    let cacheRead = 0;
    let cacheWrite = 0;
    for (const t of this.#models.values()) {
      input += t.inputTokens;
      output += t.outputTokens;
      cacheRead += t.cacheReadInputTokens;
      cacheWrite += t.cacheCreationInputTokens;
    }
    return {
      input_tokens: input,
      cache_creation_input_tokens: cacheWrite,
      cache_read_input_tokens: cacheRead,
      output_tokens: output,
      server_tool_use: { web_search_requests: 0, web_fetch_requests: 0 },
      service_tier: 'standard',
      cache_creation: { ephemeral_1h_input_tokens: 0, ephemeral_5m_input_tokens: cacheWrite },
    };
  }

  /** The `modelUsage` record of a `result`, keyed by model id. */
  modelUsage(): Record<string, Record<string, number>> {
    const out: Record<string, Record<string, number>> = {};
    for (const [model, t] of this.#models) {
      out[model] = { ...t, webSearchRequests: 0, contextWindow: 200_000, maxOutputTokens: 32_000 };
    }
    return out;
  }
}
