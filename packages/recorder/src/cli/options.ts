import { readFileSync } from 'node:fs';
import { RecorderError } from '../errors';
import type { RedactionOptions } from '../redact/redactor';
import { cookieRule, headerRule, jsonPathRule, patternRule, queryRule, type RedactionRule } from '../redact/rules';
import type { KnownSecret } from '../redact/secrets';
import { usageError, type ParsedArgs } from './args';

function patternOf(source: string): RegExp {
  try {
    return new RegExp(source, 'g');
  } catch (cause) {
    throw usageError(`--redact-pattern ${JSON.stringify(source)} is not a valid regular expression: ${(cause as Error).message}`);
  }
}

function secretsFromFile(path: string): KnownSecret[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    throw new RecorderError('USAGE', `Cannot read --secret-file ${path}: ${(cause as Error).message}`, { cause });
  }
  return text
    .split(/\r?\n/)
    .map((line, i) => ({ label: `--secret-file ${path} line ${i + 1}`, value: line.trim() }))
    .filter((s) => s.value !== '' && !s.value.startsWith('#'));
}

/** The redaction options given on the command line, added to the default rules. */
export function redactionFromArgs(args: ParsedArgs, env: Readonly<Record<string, string | undefined>>): RedactionOptions {
  const list = (name: string): readonly string[] => args.lists[name] ?? [];
  const extraRules: RedactionRule[] = [
    ...list('redact-header').map((name) => headerRule(name)),
    ...list('redact-cookie').map((name) => cookieRule(name)),
    ...list('redact-query').map((name) => queryRule(name)),
    ...list('redact-json').map((path) => jsonPathRule(path)),
    ...list('redact-pattern').map((source, i) => patternRule(`cli-${i + 1}`, patternOf(source), 'custom')),
  ];
  const secretEnv = list('secret-env');
  for (const name of secretEnv) {
    if (env[name] === undefined) throw usageError(`--secret-env ${name}: that variable is not set.`);
  }
  return { extraRules, secrets: list('secret-file').flatMap(secretsFromFile), env, secretEnv };
}
