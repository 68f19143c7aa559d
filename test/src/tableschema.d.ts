// The frictionless reference implementation ships no types: what the tests use of it.
declare module 'tableschema' {
  interface Schema {
    valid: boolean;
    errors: Error[];
    descriptor: Record<string, unknown>;
    fieldNames: string[];
    castRow(row: unknown[]): unknown[];
  }
  interface Table {
    headers: string[] | null;
    read(options?: { keyed?: boolean; cast?: boolean; limit?: number }): Promise<unknown[]>;
  }
  const tableschema: {
    Schema: { load(descriptor: Record<string, unknown> | string, options?: { strict?: boolean }): Promise<Schema> };
    Table: { load(source: string, options?: { schema?: Record<string, unknown>; headers?: number; delimiter?: string }): Promise<Table> };
  };
  export default tableschema;
}
