import type { IncomingMessage, ServerResponse } from 'node:http';
import { jsonPath, matchPath } from '@ccr-kit/protocol-types';
import { z } from 'zod';
import { FaultsSchema } from '../faults';
import { HttpError, errorBody } from '../http/errors';
import { readJsonBody, sendJson } from '../http/io';
import type { JournalKind } from '../journal';
import { AdminError, type MockAdmin } from './admin';

const Frame = z.looseObject({ type: z.string() });
const InjectBody = z.strictObject({ frame: Frame, as: z.enum(['agent', 'client']).optional() });
const CreateBody = z.strictObject({
  surface: z.enum(['v1', 'v2']).optional(),
  title: z.string().optional(),
  model: z.string().optional(),
  cwd: z.string().optional(),
  permissionMode: z.string().optional(),
});
const PermissionBody = z.strictObject({ toolName: z.string().optional(), input: z.record(z.string(), z.unknown()).optional(), description: z.string().optional() });
const QuestionBody = z.strictObject({
  questions: z
    .array(
      z.strictObject({
        question: z.string(),
        header: z.string().optional(),
        multiSelect: z.boolean().optional(),
        options: z.array(z.strictObject({ label: z.string(), description: z.string().optional() })).min(1),
      }),
    )
    .min(1)
    .optional(),
});
const EndTurnBody = z.strictObject({ result: z.string().optional(), isError: z.boolean().optional() });
const DisconnectBody = z.strictObject({ code: z.number().int().min(1000).max(4999).optional(), reason: z.string().max(120).optional() });
const AdvanceBody = z.strictObject({ ms: z.number().nonnegative() });
const FaultsBody = z.strictObject({ faults: FaultsSchema, session_id: z.string().optional() });

async function parse<T>(req: IncomingMessage, schema: z.ZodType<T>, maxBytes: number): Promise<T> {
  const raw = (await readJsonBody(req, maxBytes)) ?? {};
  const result = schema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new HttpError(400, `Invalid body: body${jsonPath(issue?.path ?? []).slice(1)}: ${issue?.message ?? 'invalid'}.`);
  }
  return result.data;
}

type AdminRoute = (req: IncomingMessage, params: Record<string, string>, url: URL) => Promise<unknown>;

/** The admin HTTP routes under `/__admin/`, served without faults (the server checks credentials first when auth is strict or it is bound beyond loopback). */
export function adminRoutes(admin: MockAdmin, maxBodyBytes: number): (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void> {
  const body = <T>(req: IncomingMessage, schema: z.ZodType<T>): Promise<T> => parse(req, schema, maxBodyBytes);
  const routes: [string, string, AdminRoute][] = [
    ['GET', '/__admin/sessions', async () => ({ sessions: admin.sessions() })],
    ['POST', '/__admin/sessions', async (req) => admin.createSession(await body(req, CreateBody))],
    ['GET', '/__admin/sessions/{id}', async (_req, p) => admin.session(p.id!)],
    ['GET', '/__admin/subscribers', async (_req, _p, url) => ({ subscribers: admin.subscribers(url.searchParams.get('session_id') ?? undefined) })],
    ['POST', '/__admin/sessions/{id}/frames', async (req, p) => {
      const { frame, as } = await body(req, InjectBody);
      return admin.inject(p.id!, frame, { as });
    }],
    ['POST', '/__admin/sessions/{id}/flows/permission', async (req, p) => admin.askPermission(p.id!, await body(req, PermissionBody))],
    ['POST', '/__admin/sessions/{id}/flows/question', async (req, p) => admin.askQuestion(p.id!, await body(req, QuestionBody))],
    ['POST', '/__admin/sessions/{id}/flows/end_turn', async (req, p) => admin.endTurn(p.id!, await body(req, EndTurnBody))],
    ['POST', '/__admin/sessions/{id}/disconnect', async (req, p) => ({ closed: admin.disconnect(p.id!, await body(req, DisconnectBody)) })],
    ['POST', '/__admin/sessions/{id}/worker/probe', async (_req, p) => ({ streams: admin.probeWorker(p.id!) })],
    ['POST', '/__admin/clock/advance', async (req) => ({ now: await admin.advanceClock((await body(req, AdvanceBody)).ms) })],
    ['GET', '/__admin/faults', async () => admin.faults()],
    ['PUT', '/__admin/faults', async (req) => {
      const { faults, session_id } = await body(req, FaultsBody);
      admin.setFaults(faults, session_id);
      return admin.faults();
    }],
    ['DELETE', '/__admin/faults', async (_req, _p, url) => {
      admin.clearFaults(url.searchParams.get('session_id') ?? undefined);
      return admin.faults();
    }],
    ['GET', '/__admin/journal', async (_req, _p, url) => {
      const q = url.searchParams;
      const num = (name: string): number | undefined => {
        const v = q.get(name);
        if (v === null) return undefined;
        if (!/^\d+$/.test(v)) throw new HttpError(400, `Invalid query: query.${name}: expected a non-negative integer, got ${JSON.stringify(v)}.`);
        return Number(v);
      };
      return {
        entries: admin.journal({
          since: num('since'),
          limit: num('limit'),
          sessionId: q.get('session_id') ?? undefined,
          kind: (q.get('kind') ?? undefined) as JournalKind | undefined,
        }),
      };
    }],
  ];
  return async (req, res, url) => {
    const method = (req.method ?? 'GET').toUpperCase();
    const allowed: string[] = [];
    for (const [verb, template, run] of routes) {
      const params = matchPath(template, url.pathname);
      if (params === undefined) continue;
      if (verb !== method) {
        allowed.push(verb);
        continue;
      }
      try {
        sendJson(res, 200, await run(req, params, url));
      } catch (error) {
        const status = error instanceof HttpError || error instanceof AdminError ? error.status : 500;
        sendJson(res, status, errorBody(status, (error as Error).message));
      }
      return;
    }
    req.resume();
    if (allowed.length > 0) {
      sendJson(res, 405, errorBody(405, `${method} is not allowed on ${url.pathname}; use ${allowed.join(', ')}.`), { headers: { allow: allowed.join(', ') } });
    } else {
      sendJson(res, 404, errorBody(404, `No admin route ${method} ${url.pathname}; see the README for the /__admin/ API.`));
    }
  };
}
