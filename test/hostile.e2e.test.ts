/**
 * Nothing a hostile client sends hurts the graph: thousands of generated garbage bodies,
 * malformed, deep, wide, aliased and fragment-bomb documents, type-confused variables and odd
 * methods, thrown at the gateway (both variants) and straight at every subgraph. Every answer is
 * a well-formed GraphQL response whose errors all carry a code, never a 5xx, none hangs, memory
 * stays bounded, and everything still answers afterwards.
 */
import { startStack, type Stack } from '@gouvgraph/stack';
import { graphql } from '@gouvgraph/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostileRequests, type HostileRequest } from './src/index.js';

const REQUESTS = hostileRequests(2_500);
const MB = 1024 * 1024;
let stack: Stack;

beforeAll(async () => {
  stack = await startStack({
    database: { kind: 'pglite' },
    partners: ['mtes', 'anct', 'francetravail'],
    registry: { adminToken: 'hostile-suite-admin' },
  });
});
afterAll(async () => {
  await stack?.stop();
});

interface Outcome {
  kind: string;
  problem: string | null;
}

/** Sends one request; what is wrong with the answer, or null. */
async function send(url: string, request: HostileRequest): Promise<Outcome> {
  let response: Response;
  try {
    response = await fetch(`${url}${request.search ?? ''}`, {
      method: request.method,
      headers: request.headers,
      ...(request.body === undefined ? {} : { body: request.body }),
      signal: AbortSignal.timeout(15_000),
    });
  } catch (error) {
    return { kind: request.kind, problem: `no answer (${(error as Error).name})` };
  }
  const text = await response.text();
  if (response.status >= 500) return { kind: request.kind, problem: `HTTP ${response.status}: ${text.slice(0, 200)}` };
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { kind: request.kind, problem: `HTTP ${response.status} with a body that is not JSON: ${text.slice(0, 100)}` };
  }
  const answers = Array.isArray(body) ? body : [body];
  for (const answer of answers) {
    if (typeof answer !== 'object' || answer === null || (!('data' in answer) && !('errors' in answer))) {
      return { kind: request.kind, problem: `not a GraphQL response: ${text.slice(0, 100)}` };
    }
    const errors = (answer as { errors?: { message?: unknown; extensions?: { code?: unknown }; stack?: unknown }[] }).errors ?? [];
    for (const error of errors) {
      if (typeof error.extensions?.code !== 'string')
        return { kind: request.kind, problem: `an error without a code: ${JSON.stringify(error).slice(0, 200)}` };
      if ('stacktrace' in (error.extensions ?? {}) || /\n\s+at /.test(String(error.message)))
        return { kind: request.kind, problem: 'a stack trace reached the client' };
    }
  }
  if (response.status >= 400 && !answers.some((a) => (a as { errors?: unknown[] }).errors?.length)) {
    return { kind: request.kind, problem: `HTTP ${response.status} without an error` };
  }
  return { kind: request.kind, problem: null };
}

/** Sends every request, 16 at a time; the problems, by kind. */
async function throwAll(url: string): Promise<Record<string, string[]>> {
  const problems: Record<string, string[]> = {};
  let next = 0;
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (next < REQUESTS.length) {
        const request = REQUESTS[next++] as HostileRequest;
        const outcome = await send(url, request);
        if (outcome.problem) (problems[outcome.kind] ??= []).push(outcome.problem);
      }
    }),
  );
  return problems;
}

describe('hostile input', () => {
  it('is answered with coded errors by the gateway, public and agents’ variants, within bounded memory', async () => {
    global.gc?.();
    const before = process.memoryUsage().rss;
    expect(await throwAll(stack.gateway.url)).toEqual({});
    expect(await throwAll(stack.gateway.agentsUrl)).toEqual({});
    expect(process.memoryUsage().rss - before).toBeLessThan(600 * MB);
    const after = await graphql(stack.gateway.url, '{ incubators { id } }');
    expect(after.data?.incubators.map((i: { id: string }) => i.id)).toEqual(['anct', 'francetravail', 'mtes']);
  });

  it('is answered with coded errors by every subgraph called directly', async () => {
    const kit = stack.partners[0];
    for (const url of [kit?.url, stack.catalog?.url, stack.impact?.url]) {
      expect(url).toBeDefined();
      expect(await throwAll(url as string), url).toEqual({});
      expect((await graphql(url as string, '{ __typename }')).data).toEqual({ __typename: 'Query' });
    }
  });
});
