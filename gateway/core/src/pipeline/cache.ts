/**
 * Stage 4, the response cache: an anonymous read of the public graph answered from memory when
 * an identical one was answered less than its time-to-live ago (response-cache.ts). It answers
 * at the door, before parsing — an identical request already went through every stage above
 * with the same result — and learns from inside Apollo Server whether an answer may be kept.
 */
import type { ResponseCache } from '../response-cache.js';
import type { Stage } from './stage.js';

/** `answers`: whether this endpoint answers from memory (only the public one does). */
export function cacheStage(cache: ResponseCache | null, options: { answers: boolean }): Stage {
  if (!cache) return { name: 'cache' };
  return {
    name: 'cache',
    ...(options.answers ? { answers: cache } : {}),
    context: (req, context) => {
      context.cacheTicket = cache.ticketOf(req);
      context.reads = context.cacheTicket?.reads;
    },
    plugins: [cache.plugin()],
  };
}
