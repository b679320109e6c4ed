import { readFile } from 'node:fs/promises';
import type { z } from 'zod';
import { ScenarioSchema, type Scenario } from './schema';

/** One problem in a scenario document: where it is (a JSON path) and what is wrong. */
export interface ScenarioIssue {
  /** JSON path from the document root, e.g. `$.turns[0].responses[1].blocks[0].type`. */
  readonly path: string;
  readonly message: string;
}

/** A scenario file or value that cannot be used; the message names the source, the path and the problem. */
export class ScenarioError extends Error {
  override readonly name = 'ScenarioError';
  /** The file path (or a label such as `<inline>`) the scenario came from. */
  readonly source: string;
  readonly issues: readonly ScenarioIssue[];

  constructor(source: string, issues: readonly ScenarioIssue[], options?: { cause?: unknown }) {
    const lines = issues.map((issue) => `  ${source}: ${issue.path}: ${issue.message}`);
    super(`Invalid scenario in ${source}; fix these and load it again:\n${lines.join('\n')}`, options);
    this.source = source;
    this.issues = issues;
  }
}

function jsonPath(path: readonly PropertyKey[]): string {
  let out = '$';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else if (typeof part === 'string' && /^[A-Za-z_$][\w$]*$/.test(part)) out += `.${part}`;
    else out += `[${JSON.stringify(String(part))}]`;
  }
  return out;
}

type Issue = z.core.$ZodIssue;

function depth(issues: readonly Issue[]): number {
  return Math.max(...issues.map((issue) => issue.path.length));
}

function isBetter(branch: readonly Issue[], than: readonly Issue[]): boolean {
  return branch.length < than.length || (branch.length === than.length && depth(branch) > depth(than));
}

/**
 * Picks the union branch the author most likely meant: the one with the fewest issues, and among
 * those the one whose issues lie deepest (it got furthest before failing). `undefined` on a tie.
 */
function likelyBranch(branches: readonly (readonly Issue[])[]): readonly Issue[] | undefined {
  const candidates = branches.filter((branch) => branch.length > 0);
  const best = candidates.reduce<readonly Issue[] | undefined>(
    (found, branch) => (found === undefined || isBetter(branch, found) ? branch : found),
    undefined,
  );
  if (best === undefined) return undefined;
  const tied = candidates.filter((branch) => !isBetter(best, branch) && !isBetter(branch, best));
  return tied.length > 1 ? undefined : best;
}

function describe(issue: Issue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined
        ? `missing (expected ${issue.expected})`
        : `expected ${issue.expected}, got ${Array.isArray(issue.input) ? 'array' : issue.input === null ? 'null' : typeof issue.input}`;
    case 'unrecognized_keys':
      return `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => JSON.stringify(k)).join(', ')} (check the spelling)`;
    case 'invalid_value':
      return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'invalid_union': {
      const options = (issue as { options?: unknown }).options;
      if (Array.isArray(options))
        return `expected one of ${options.map((v) => JSON.stringify(v)).join(', ')}`;
      return issue.message;
    }
    default:
      return issue.message;
  }
}

function summarize(branch: readonly Issue[]): string {
  const first = branch[0]!;
  const where = first.path.length > 0 ? `${first.path.join('.')}: ` : '';
  return `${where}${describe(first)}`;
}

function flatten(issues: readonly Issue[], prefix: readonly PropertyKey[], out: ScenarioIssue[]): void {
  for (const issue of issues) {
    const path = [...prefix, ...issue.path];
    if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      const branch = likelyBranch(issue.errors);
      if (branch !== undefined) {
        flatten(branch, path, out);
      } else {
        const forms = issue.errors.filter((b) => b.length > 0).map(summarize);
        out.push({
          path: jsonPath(path),
          message: `matches none of the allowed forms (${forms.join(' | ')})`,
        });
      }
    } else {
      out.push({ path: jsonPath(path), message: describe(issue) });
    }
  }
}

/** Turns zod issues into scenario issues with absolute JSON paths, resolving unions to one branch. */
export function toScenarioIssues(issues: readonly Issue[]): ScenarioIssue[] {
  const out: ScenarioIssue[] = [];
  flatten(issues, [], out);
  return out;
}

function checkRegexes(scenario: Scenario): ScenarioIssue[] {
  const issues: ScenarioIssue[] = [];
  scenario.turns.forEach((turn, index) => {
    const text = turn.match?.text;
    if (text === undefined || typeof text === 'string') return;
    try {
      new RegExp(text.regex, text.flags);
    } catch (error) {
      issues.push({
        path: `$.turns[${index}].match.text.regex`,
        message: `not a valid regular expression (${(error as Error).message})`,
      });
    }
  });
  return issues;
}

/**
 * Validates a decoded JSON value as a scenario.
 * @throws {ScenarioError} naming `source`, the JSON path and the problem of every issue.
 */
export function parseScenario(value: unknown, source = '<inline>'): Scenario {
  const result = ScenarioSchema.safeParse(value, { reportInput: true });
  if (!result.success) throw new ScenarioError(source, toScenarioIssues(result.error.issues));
  const regexIssues = checkRegexes(result.data);
  if (regexIssues.length > 0) throw new ScenarioError(source, regexIssues);
  return result.data;
}

/**
 * Parses scenario JSON text.
 * @throws {ScenarioError} when the text is not JSON or not a valid scenario.
 */
export function parseScenarioJson(text: string, source = '<inline>'): Scenario {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ScenarioError(
      source,
      [{ path: '$', message: `not valid JSON (${(error as Error).message})` }],
      { cause: error },
    );
  }
  return parseScenario(value, source);
}

/**
 * Reads and validates a scenario JSON file.
 * @throws {ScenarioError} when the file cannot be read, is not JSON or is not a valid scenario.
 */
export async function loadScenarioFile(path: string): Promise<Scenario> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new ScenarioError(
      path,
      [{ path: '$', message: `cannot read the file (${(error as Error).message})` }],
      { cause: error },
    );
  }
  return parseScenarioJson(text, path);
}
