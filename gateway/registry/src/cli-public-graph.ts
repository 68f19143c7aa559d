/** The graph `gouvgraph export` reads: the gateway's, over HTTP. */
import { GraphUnavailable, type Ask } from '@gouvgraph/open-data';

/**
 * The gateway's public graph over HTTP, as any client reads it (what is published is what anyone
 * may query), waiting out its rate limit (a large export sends thousands of pages).
 */
export function publicGraph(gateway: string): Ask {
  return async (query, variables) => {
    for (let attempt = 1; ; attempt++) {
      let response: Response;
      try {
        response = await fetch(`${gateway}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query, variables }),
        });
      } catch {
        throw new GraphUnavailable('GRAPH_UNAVAILABLE', `the gateway at ${gateway} does not answer`);
      }
      if (response.status === 429 && attempt < 10) {
        await new Promise((resolve) => setTimeout(resolve, Number(response.headers.get('retry-after') ?? 1) * 1000));
        continue;
      }
      try {
        return (await response.json()) as Awaited<ReturnType<Ask>>;
      } catch {
        throw new GraphUnavailable('GRAPH_UNAVAILABLE', `the gateway at ${gateway} answered HTTP ${response.status}, not GraphQL`);
      }
    }
  };
}
