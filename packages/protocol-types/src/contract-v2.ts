import { z } from 'zod';
import { defineEndpoint } from './contract-define';
import { ApiErrorBodySchema } from './schemas/rest-v1';
import {
  CreateCodeSessionBodySchema,
  CreateCodeSessionResponseSchema,
  ListClientEventsQuerySchema,
  ListClientEventsResponseSchema,
  PostClientEventsBodySchema,
  PostClientEventsResponseSchema,
} from './schemas/rest-v2';

/** Error answers of the v2 client API; 408, 429 and 5xx are transient, 401/403/404 permanent. */
export const V2_ERRORS = {
  400: ApiErrorBodySchema,
  401: ApiErrorBodySchema,
  403: ApiErrorBodySchema,
  404: ApiErrorBodySchema,
  408: ApiErrorBodySchema,
  429: ApiErrorBodySchema,
  500: ApiErrorBodySchema,
  503: ApiErrorBodySchema,
} as const;

const SessionParams = z.object({ session_id: z.string() });

/** The v2 client API endpoints (`/v1/code/sessions…`) (PROTOCOL.md#v2-rest). */
export const v2Endpoints = {
  createCodeSession: defineEndpoint({
    name: 'createCodeSession',
    surface: 'v2',
    method: 'POST',
    path: '/v1/code/sessions',
    body: CreateCodeSessionBodySchema,
    response: CreateCodeSessionResponseSchema,
    errors: V2_ERRORS,
    summary: 'Create a code session (a cse_ id); with bridge: {} it waits for a worker to attach.',
  }),
  postClientEvents: defineEndpoint({
    name: 'postClientEvents',
    surface: 'v2',
    method: 'POST',
    path: '/v1/code/sessions/{session_id}/events',
    params: SessionParams,
    body: PostClientEventsBodySchema,
    response: PostClientEventsResponseSchema,
    errors: V2_ERRORS,
    summary: 'Send client frames (initialize, user messages, control responses) as durable events.',
  }),
  listClientEvents: defineEndpoint({
    name: 'listClientEvents',
    surface: 'v2',
    method: 'GET',
    path: '/v1/code/sessions/{session_id}/events',
    params: SessionParams,
    query: ListClientEventsQuerySchema,
    response: ListClientEventsResponseSchema,
    errors: V2_ERRORS,
    summary: 'Re-fetch durable events after a sequence number, e.g. after catch_up_truncated.',
  }),
};
