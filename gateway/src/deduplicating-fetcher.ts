/**
 * A fetcher for the ordinary subgraphs (RemoteGraphQLDataSource): identical query requests in
 * flight to the same subgraph — concurrent clients asking the same thing — share one answer.
 * Each waiter gets a Response of its own over the shared text, so no parsed object is shared
 * between requests (the executor merges into what it parses). Mutations always go.
 */
import { InFlight } from './in-flight.js';

type Fetch = typeof fetch;
type Exchange = { status: number; statusText: string; headers: [string, string][]; text: string };

const isMutation = (body: string) => /^\s*\{\s*"query"\s*:\s*"\s*mutation\b/.test(body);

export function deduplicatingFetcher(fetcher: Fetch = fetch): Fetch {
  const inFlight = new InFlight<Exchange>();
  return async (input, init) => {
    const body = init?.body;
    if (init?.method !== 'POST' || typeof body !== 'string' || isMutation(body)) return fetcher(input, init);
    const shared = await inFlight.run(`${String(input)}\u0000${body}`, async () => {
      const response = await fetcher(input, init);
      return { status: response.status, statusText: response.statusText, headers: [...response.headers], text: await response.text() };
    });
    return new Response(shared.text, { status: shared.status, statusText: shared.statusText, headers: shared.headers });
  };
}
