declare module 'virtual:operation-ids' {
  /** Each operation's SHA-256, by name (build/persisted-operations.ts). */
  const ids: Record<import('./operations.js').OperationName, string>;
  export default ids;
}

/** Who runs this instance, set when the dashboard is built (src/instance.ts, docs/dashboard.md). */
interface ImportMetaEnv {
  readonly GOUVGRAPH_PUBLIC_EDITEUR?: string;
  readonly GOUVGRAPH_PUBLIC_HEBERGEUR?: string;
  readonly GOUVGRAPH_PUBLIC_CONTACT?: string;
}
