/** The `{name}` parameter names of a path template, as a string union. */
export type PathParamNames<T extends string> = T extends `${string}{${infer P}}${infer Rest}`
  ? P | PathParamNames<Rest>
  : never;

/** Values for the parameters of a path template. */
export type PathParams<T extends string> = string extends T
  ? Readonly<Record<string, string | number>>
  : { readonly [K in PathParamNames<T>]: string | number };

/** The parameters `matchPath` reads from a path, decoded. */
export type MatchedParams<T extends string> = string extends T
  ? Record<string, string>
  : { [K in PathParamNames<T>]: string };

const PARAM_SEGMENT = /^\{([A-Za-z_][A-Za-z0-9_]*)\}$/;

/** The parameter names of a path template, in order of appearance. */
export function pathParamNames(template: string): string[] {
  return template
    .split('/')
    .map((segment) => PARAM_SEGMENT.exec(segment)?.[1])
    .filter((name): name is string => name !== undefined);
}

/**
 * Fills a path template: each `{name}` segment becomes `encodeURIComponent(params[name])`.
 * @throws {Error} naming the parameter when one is missing or empty.
 */
export function buildPath<T extends string>(template: T, params: PathParams<T>): string {
  const values = params as Readonly<Record<string, string | number | undefined>>;
  return template
    .split('/')
    .map((segment) => {
      const name = PARAM_SEGMENT.exec(segment)?.[1];
      if (name === undefined) return segment;
      const value = values[name];
      if (value === undefined || value === '') {
        throw new Error(`buildPath: missing path parameter "${name}" for ${template}; pass it in params.`);
      }
      return encodeURIComponent(String(value));
    })
    .join('/');
}

/**
 * Matches a URL pathname (no query string) against a path template. Returns the decoded
 * parameters, or `undefined` when the literal segments differ, the segment counts differ, or a
 * parameter segment is empty or badly percent-encoded. A trailing slash does not match.
 */
export function matchPath<T extends string>(template: T, pathname: string): MatchedParams<T> | undefined {
  const want = template.split('/');
  const got = pathname.split('/');
  if (want.length !== got.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const segment = want[i] ?? '';
    const actual = got[i] ?? '';
    const name = PARAM_SEGMENT.exec(segment)?.[1];
    if (name === undefined) {
      if (segment !== actual) return undefined;
      continue;
    }
    if (actual === '') return undefined;
    try {
      params[name] = decodeURIComponent(actual);
    } catch {
      return undefined;
    }
  }
  return params as MatchedParams<T>;
}

/** How many literal (non-parameter) segments a template has; more means more specific. */
export function literalSegmentCount(template: string): number {
  return template.split('/').filter((segment) => segment !== '' && !PARAM_SEGMENT.test(segment)).length;
}
