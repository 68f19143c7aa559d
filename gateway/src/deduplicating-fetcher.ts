/**
 * A fetcher for the ordinary subgraphs (RemoteGraphQLDataSource): identical query requests in
 * flight to the same subgraph — concurrent clients asking the same thing — share one answer.
 * Each waiter gets a Response of its own over the shared text, so no parsed object is shared
 * between requests (the executor merges into what it parses). Mutations always go.
 */
type Fetch = typeof fetch;
type Exchange = { status: number; statusText: string; headers: [string, string][]; text: string };

const isMutation = (body: string) => /^\s*\{\s*"query"\s*:\s*"\s*mutation\b/.test(body);

export function deduplicatingFetcher(fetcher: Fetch = fetch): Fetch {
  const inFlight = new Map<string, Promise<Exchange>>();
  return async (input, init) => {
    const body = init?.body;
    if (init?.method !== 'POST' || typeof body !== 'string' || isMutation(body)) return fetcher(input, init);
    const key = `${String(input)}\u0000${body}`;
    let pending = inFlight.get(key);
    if (!pending) {
      pending = fetcher(input, init).then(async (response) => ({
        status: response.status,
        statusText: response.statusText,
        headers: [...response.headers],
        text: await response.text(),
      }));
      inFlight.set(key, pending);
      const forget = () => inFlight.delete(key);
      pending.then(forget, forget);
    }
    const shared = await pending;
    return new Response(shared.text, { status: shared.status, statusText: shared.statusText, headers: shared.headers });
  };
}
