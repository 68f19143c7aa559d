/**
 * The shape every stage of the gateway's request pipeline has (pipeline.ts lists them in order).
 *
 * A request meets the stages at four moments, and a stage acts at those it needs, by the fields
 * it fills: at the door, before Apollo Server reads the request (`door`, the body and batch
 * limits, an answer from memory); in the request's context (`context`); inside Apollo Server
 * (parse and validation options, persisted queries, plugins, error formatting); and around or as
 * the planner (`around`, `planner`, `services`). Like an Apollo Server plugin, a stage is a plain
 * object: what it leaves out it does not take part in.
 */
import type { ApolloGateway, GraphQLDataSource, ServiceEndpointDefinition } from '@apollo/gateway';
import type { ApolloServerOptions, ApolloServerPlugin } from '@apollo/server';
import type { AnsweringCache } from '@gouvgraph/http';
import type { GraphQLFormattedError, ValidationRule } from 'graphql';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { GatewayContext } from '../context.js';

/** The stages, in the order a request goes through them. */
export type StageName = 'admission' | 'limits' | 'trusted documents' | 'cache' | 'authorisation' | 'plan' | 'execute';

/** Answers a request at the door (a refusal), returning true; false lets it in. */
export type Door = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

/** What plans and runs operations for Apollo Server: @apollo/gateway, or a stage around it. */
export type Planner = Pick<ApolloGateway, 'load' | 'onSchemaLoadOrUpdate' | 'stop'>;

/** Builds the data source of one subgraph of the supergraph. */
type ServiceBuilder = (definition: ServiceEndpointDefinition) => GraphQLDataSource;

export interface Stage {
  readonly name: StageName;

  /** At the door: may answer the request itself (a 401, a 429…). */
  readonly door?: Door;
  /** At the door: the largest request body, in bytes. */
  readonly maxBodyBytes?: number;
  /** At the door: operations accepted in one batched request (0: no batches). */
  readonly maxBatch?: number;
  /** At the door: identical requests answered from memory, without running them. */
  readonly answers?: AnsweringCache;

  /** Fills in what the stage knows of the request in its context (who calls, its cache ticket…). */
  readonly context?: (req: IncomingMessage, context: GatewayContext) => void | Promise<void>;

  /** In Apollo Server: the most tokens a document may have (parsing stops past it). */
  readonly maxTokens?: number;
  /** In Apollo Server: validation rules beside GraphQL's own. */
  readonly validationRules?: readonly ValidationRule[];
  /** In Apollo Server: where persisted queries are looked up (trusted documents, APQ). */
  readonly persistedQueries?: NonNullable<ApolloServerOptions<GatewayContext>['persistedQueries']>;
  /** In Apollo Server: plugins, called in the pipeline's order. */
  readonly plugins?: readonly ApolloServerPlugin<GatewayContext>[];
  /** In Apollo Server: rewrites an error on its way out (after unexpected ones are masked). */
  readonly formatError?: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;

  /** Around the planner: sees each operation before it is planned, and its result. */
  readonly around?: (planner: Planner) => Planner;
  /** The planner itself, over the data sources the `services` stage builds. */
  readonly planner?: (services: ServiceBuilder) => Planner;
  /** The data sources the plan's fetches go to. */
  readonly services?: ServiceBuilder;
}
