/**
 * Builds what serves one list of stages (pipeline.ts): an Apollo Server configured with every
 * stage's part inside it, in the list's order, and the door of the HTTP endpoint in front of it.
 */
import { ApolloServer } from '@apollo/server';
import { maskUnexpectedErrors, requestIdOf, type AnsweringCache } from '@gouvgraph/http';
import type { ApolloServerPlugin } from '@apollo/server';
import type { IncomingMessage } from 'node:http';
import { createGatewayContext, type GatewayContext } from '../context.js';
import type { Door, Planner, Stage } from './stage.js';

export interface PipelineServerOptions {
  /** Plugins that see every request, before any stage's (metrics, logs): they change no answer. */
  observers: readonly ApolloServerPlugin<GatewayContext>[];
  /** Answer introspection (and say "Did you mean…" in validation errors). */
  introspection: boolean;
}

/** What the HTTP endpoint in front of the pipeline's Apollo Server needs (@gouvgraph/http's handler options). */
export interface EndpointDoor {
  /** Tried in order before Apollo Server: one that answers returns true. */
  handlers: Door[];
  cache?: AnsweringCache;
  maxBodyBytes?: number;
  maxBatch: number;
  context: (req: IncomingMessage) => Promise<GatewayContext>;
}

/** The one stage that fills `key`, or a bug in the list. */
function single<K extends keyof Stage>(stages: readonly Stage[], key: K): NonNullable<Stage[K]> {
  const found = stages.flatMap((s) => (s[key] === undefined ? [] : [s[key]]));
  const [only] = found;
  if (found.length !== 1 || only === undefined) throw new Error(`the pipeline needs exactly one stage with ${key}, it has ${found.length}`);
  return only as NonNullable<Stage[K]>;
}

/** Every stage's part of one kind, in the pipeline's order (lists flattened). */
function contributions<T>(stages: readonly Stage[], pick: (stage: Stage) => readonly T[] | T | undefined): T[] {
  return stages.flatMap((stage) => {
    const part = pick(stage);
    return part === undefined ? [] : Array.isArray(part) ? (part as T[]) : [part as T];
  });
}

/** Starts an Apollo Server over the stages' parts inside it (parsing, validation, plugins, planning). */
export async function startPipelineServer(stages: readonly Stage[], options: PipelineServerOptions): Promise<ApolloServer<GatewayContext>> {
  // The planner over the data sources, then each stage's wrapper: the earliest stage outermost.
  const planned = single(stages, 'planner')(single(stages, 'services'));
  const planner = contributions(stages, (s) => s.around).reduceRight<Planner>((inner, around) => around(inner), planned);
  const mask = maskUnexpectedErrors();
  const formatters = contributions(stages, (s) => s.formatError);
  const maxTokens = single(stages, 'maxTokens');
  const maxBatch = single(stages, 'maxBatch');
  const server = new ApolloServer<GatewayContext>({
    gateway: planner,
    plugins: [...options.observers, ...contributions(stages, (s) => s.plugins)],
    persistedQueries: single(stages, 'persistedQueries'),
    validationRules: contributions(stages, (s) => s.validationRules),
    parseOptions: { maxTokens },
    allowBatchedHttpRequests: maxBatch > 1,
    includeStacktraceInErrorResponses: false,
    // The process owns its lifecycle (several servers can share one process).
    stopOnTerminationSignals: false,
    formatError: (formatted, error) => formatters.reduce((f, format) => format(f, error), mask(formatted, error)),
    introspection: options.introspection,
    // Without introspection, no "Did you mean…" either: it leaks the schema.
    hideSchemaDetailsFromClientErrors: !options.introspection,
  });
  await server.start();
  return server;
}

/** What the endpoint does before Apollo Server, from the stages' door parts. */
export function pipelineDoor(stages: readonly Stage[]): EndpointDoor {
  const fillers = contributions(stages, (s) => s.context);
  const answers = contributions(stages, (s) => s.answers);
  const maxBodyBytes = contributions(stages, (s) => s.maxBodyBytes)[0];
  return {
    handlers: contributions(stages, (s) => s.door),
    ...(answers[0] ? { cache: answers[0] } : {}),
    ...(maxBodyBytes ? { maxBodyBytes } : {}),
    maxBatch: single(stages, 'maxBatch'),
    context: async (req) => {
      const context = createGatewayContext();
      context.requestId = requestIdOf(req);
      for (const fill of fillers) await fill(req, context);
      return context;
    },
  };
}
