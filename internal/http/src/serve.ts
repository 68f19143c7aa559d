import { listen, type Listening } from './listen.js';
import type { RequestHandler } from './graphql-handler.js';

/** A built subgraph (or gateway), ready to be served. */
export interface Servable {
  handler: RequestHandler;
  stop(): Promise<void>;
}

export type Served<T extends Servable> = T & {
  /** The GraphQL endpoint, `http://host:port/graphql`. */
  url: string;
  http: Listening;
};

/** Listens for `built` (port 0 = any free port); the result's `stop()` closes the socket, then `built`. */
export async function serve<T extends Servable>(built: T, port = 0, host?: string): Promise<Served<T>> {
  const http = await listen(built.handler, port, host);
  return {
    ...built,
    url: `${http.origin}/graphql`,
    http,
    stop: async () => {
      await http.close();
      await built.stop();
    },
  };
}
