declare module 'virtual:operation-ids' {
  /** Each operation's SHA-256, by name (build/persisted-operations.ts). */
  const ids: Record<import('./operations.js').OperationName, string>;
  export default ids;
}
