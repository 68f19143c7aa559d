/**
 * Warming up: each trusted document that needs no variable (the dashboard's landing page among
 * them) is sent once to the gateway's own public endpoint when it starts, as a visitor would send
 * it. The first visitor then finds its operations planned, the partners' connections open and the
 * code compiled, instead of paying for all three (on this machine: a first overview at 1.2 s,
 * the next at 0.4 s). The answers are not kept: the response cache is emptied after, so no visitor
 * is served an answer older than any other.
 */
import { Kind, parse, type OperationDefinitionNode } from 'graphql';
import type { Logger } from '@gouvgraph/http';

/** Whether an operation can be run without any variable (each has a default or may be null). */
function needsNoVariable(body: string): boolean {
  try {
    return parse(body).definitions.every(
      (d) =>
        d.kind !== Kind.OPERATION_DEFINITION ||
        ((d as OperationDefinitionNode).operation === 'query' &&
          (d.variableDefinitions ?? []).every((v) => v.defaultValue !== undefined || v.type.kind !== Kind.NON_NULL_TYPE)),
    );
  } catch {
    return false;
  }
}

/** Sends each runnable trusted document to `url`, a few at a time; returns how many and how long. */
export async function warmUp(
  url: string,
  documents: ReadonlyMap<string, string>,
  logger?: Logger,
): Promise<{ operations: number; ms: number }> {
  const started = performance.now();
  const bodies = [...documents.values()].filter(needsNoVariable);
  let failed = 0;
  // As a page does: its questions together, not one after another.
  await Promise.all(
    bodies.map(async (query) => {
      try {
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'apollo-require-preflight': 'true' },
          body: JSON.stringify({ query }),
          signal: AbortSignal.timeout(30_000),
        });
        await response.arrayBuffer();
      } catch {
        failed++;
      }
    }),
  );
  const ms = Math.round(performance.now() - started);
  logger?.info({ operations: bodies.length, failed, ms }, 'warmed up: trusted documents run once');
  return { operations: bodies.length, ms };
}
