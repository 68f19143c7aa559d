/**
 * Health in the conventions Kubernetes uses: `GET /healthz` says the process is alive (it
 * answers at all); `GET /readyz` says whether it can serve (200) or not (503), with each check
 * and why, as JSON. Information that does not make a server unready (a partner down: the gateway
 * still answers, naming it) is reported beside the checks.
 */
import { createRoutes, type Routes } from './routes.js';

export interface Check {
  name: string;
  ok: boolean;
  /** Why it failed, or what it saw. */
  detail?: string;
}

export interface Readiness {
  checks: Check[];
  /** Anything else worth knowing, e.g. `{ partnersDown: ['anct'] }`. */
  info?: Record<string, unknown>;
}

/** Runs a check, turning an exception (or a hang past `timeoutMs`) into a failed check. */
export async function check(name: string, probe: () => Promise<unknown>, timeoutMs = 2_000): Promise<Check> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      probe(),
      new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs))),
    ]);
    return { name, ok: true };
  } catch (error) {
    // drizzle wraps the driver's error ("Failed query: select 1…"): its cause says what happened.
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
    return { name, ok: false, detail: cause instanceof Error ? cause.message : String(cause) };
  } finally {
    clearTimeout(timer);
  }
}

const JSON_NO_STORE = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' };

/** `GET /healthz` and `GET /readyz` (HEAD too). */
export function healthRoutes(readiness: () => Promise<Readiness>): Routes {
  return createRoutes()
    .get('/healthz', (c) => c.body('{"status":"alive"}', 200, JSON_NO_STORE))
    .get('/readyz', async (c) => {
      const { checks, info } = await readiness();
      const ready = checks.every((check) => check.ok);
      return c.body(
        JSON.stringify({ status: ready ? 'ready' : 'unready', checks, ...(info ? { info } : {}) }),
        ready ? 200 : 503,
        JSON_NO_STORE,
      );
    });
}
