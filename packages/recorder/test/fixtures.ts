import { parseTape, type ParsedTape, type TapeEvent } from '@ccr-kit/protocol-types';
import { MemoryTapeSink, TapeRecorder, type RedactionOptions } from '../src/index';

/** Fake credentials, built at runtime so no tracked file holds anything credential-shaped. */
export const fake = {
  apiKey: (tag = 'a'): string => ['sk', 'ant', 'api03', tag.repeat(40)].join('-'),
  sessionKey: (tag = 's'): string => ['sk', 'ant', 'sid01', tag.repeat(40)].join('-'),
  oauth: (tag = 'o'): string => ['sk', 'ant', 'oat01', tag.repeat(40)].join('-'),
  jwt: (sub = 'worker'): string =>
    [{ alg: 'HS256', typ: 'JWT' }, { sub, exp: 1_900_000_000 }]
      .map((part) => Buffer.from(JSON.stringify(part)).toString('base64url'))
      .concat('c2lnbmF0dXJlLXBhcnQ')
      .join('.'),
  uuid: (n: number): string => `5e1f${String(n).padStart(4, '0')}-aaaa-4bbb-8ccc-${String(n).padStart(12, '7')}`,
};

/** Parses tape text and fails loudly on any bad line. */
export function parseTapeText(text: string): ParsedTape {
  const tape = parseTape(text);
  if (tape.errors.length > 0) throw new Error(`The tape has bad lines: ${tape.errors.map((e) => e.message).join('; ')}`);
  return tape;
}

/** A recorder writing to memory with environment secrets off (tests pass secrets explicitly). */
export function memoryRecorder(redaction: RedactionOptions = {}, capture: 'proxy' | 'browser' | 'har' | 'stdio' = 'proxy') {
  const sink = new MemoryTapeSink();
  const recorder = new TapeRecorder({ capture, sink, redaction: { env: false, ...redaction } });
  return { sink, recorder, events: (): TapeEvent[] => parseTapeText(sink.text()).events };
}
