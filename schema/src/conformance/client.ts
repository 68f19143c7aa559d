/**
 * How the conformance checker asks a subgraph: one POST per question, a deadline each, every
 * request counted (a re-check must stay cheap for the partner it checks). A subgraph that does
 * not answer, or answers something that is not JSON, is a `Failure` marked unreachable: that is
 * a matter of availability (the gateway's circuit breaker), not of conformance to the contract.
 */

export interface Answer {
  // biome-ignore lint/suspicious/noExplicitAny: a foreign subgraph's data, checked field by field.
  data?: Record<string, any> | null;
  errors?: { message: string; extensions?: { code?: unknown } }[];
}

/** A question the check could not get answered, or whose answer was an error. */
export class Failure extends Error {
  constructor(
    message: string,
    /** The subgraph did not answer at all (no connection, no answer in time, no JSON). */
    readonly unreachable = false,
  ) {
    super(message);
  }
}

/** Asks the subgraph one GraphQL question. */
export type Ask = (query: string, variables?: Record<string, unknown>) => Promise<Answer>;

/** A counted asker of the subgraph at `url`. */
export function asker(url: string, timeoutMs: number): { ask: Ask; readonly requests: number } {
  let requests = 0;
  const ask: Ask = async (query, variables = {}) => {
    requests++;
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query, variables }),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      const reason = (error as Error).name === 'TimeoutError' ? `no answer in ${timeoutMs} ms` : (error as Error).message;
      throw new Failure(`${url} does not answer (${reason})`, true);
    }
    try {
      return (await response.json()) as Answer;
    } catch {
      throw new Failure(`${url} answered HTTP ${response.status} without a JSON body`, true);
    }
  };
  return {
    ask,
    get requests() {
      return requests;
    },
  };
}

/** The data of an answer without errors, or a Failure saying what failed. */
// biome-ignore lint/suspicious/noExplicitAny: see Answer.
export function dataOf(answer: Answer, what: string): Record<string, any> {
  if (!answer.data || answer.errors?.length) {
    throw new Failure(`${what} failed: ${answer.errors?.map((e) => e.message).join('; ') ?? 'no data'}`);
  }
  return answer.data;
}
