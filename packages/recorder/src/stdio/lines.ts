import { StringDecoder } from 'node:string_decoder';

/** Splits a byte stream into lines (LF or CRLF endings), also when characters and lines span chunks. */
export class LineSplitter {
  readonly #decoder = new StringDecoder('utf8');
  #pending = '';

  /** The lines a chunk completes, without their line endings. */
  push(chunk: Buffer | string): string[] {
    const text = this.#pending + (typeof chunk === 'string' ? chunk : this.#decoder.write(chunk));
    const lines = text.split('\n');
    this.#pending = lines.pop() ?? '';
    return lines.map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));
  }

  /** The unfinished last line, if the stream ended without a newline. */
  end(): string[] {
    const rest = this.#pending + this.#decoder.end();
    this.#pending = '';
    return rest === '' ? [] : [rest];
  }
}
