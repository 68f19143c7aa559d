/**
 * @apollo/gateway asks a subgraph for an entity once per place it appears in the answer: the
 * classic benchmark's deepest fetch sends 8 products 20 times over. Collapsing the repeated
 * representations before sending, and spreading the answers back after, makes the request, the
 * subgraph's work and the answer to parse that much smaller.
 *
 * A spread answer puts the same parsed entity at several places: the executor only reads it and
 * merges it into its own result objects, and the places share a fetch, hence a selection.
 */
type Variables = Record<string, unknown>;

interface Answer {
  data?: Record<string, unknown> | null;
  errors?: ReadonlyArray<{ readonly path?: ReadonlyArray<string | number> | undefined }>;
}

export interface Collapsed {
  /** The variables with each representation once. */
  variables: Variables;
  /** The answer as if every representation had been sent. */
  spread<T extends Answer>(answer: T): T;
}

/**
 * A representation's identity. Most are flat (a type name and key fields): their key is built
 * without JSON.stringify, which profiled as the larger part of collapsing; nested ones are
 * stringified. Key order is part of the key: the executor builds every representation of a fetch
 * in the same order.
 */
function keyOf(representation: unknown): string {
  if (typeof representation !== 'object' || representation === null) return JSON.stringify(representation) ?? '';
  let key = '';
  for (const [name, value] of Object.entries(representation)) {
    if (typeof value === 'object' && value !== null) return JSON.stringify(representation);
    // The type tag tells 1 from "1" and null from "null".
    key += `${name}\u0001${typeof value}${String(value)}\u0002`;
  }
  return key;
}

/** The variables with repeated representations collapsed, or null when none repeats. */
export function collapseRepresentations(variables: Variables | undefined): Collapsed | null {
  const representations = variables?.representations;
  if (!Array.isArray(representations) || representations.length < 2) return null;
  const indexOf = new Map<string, number>();
  const unique: unknown[] = [];
  const positions: number[] = [];
  for (const representation of representations) {
    const key = keyOf(representation);
    let index = indexOf.get(key);
    if (index === undefined) {
      index = unique.length;
      indexOf.set(key, index);
      unique.push(representation);
    }
    positions.push(index);
  }
  if (unique.length === representations.length) return null;
  return {
    variables: { ...variables, representations: unique },
    spread(answer) {
      const entities = answer.data?._entities;
      // An answer of the wrong length is left as is: the executor reports it as it would have.
      if (!Array.isArray(entities) || entities.length !== unique.length) return answer;
      const placesOf = new Map<number, number[]>();
      positions.forEach((index, place) => placesOf.set(index, [...(placesOf.get(index) ?? []), place]));
      const errors = answer.errors?.flatMap((error) => {
        const [head, index, ...rest] = error.path ?? [];
        if (head !== '_entities' || typeof index !== 'number') return [error];
        // An error about a collapsed entity is an error at each place it stood for.
        return (placesOf.get(index) ?? [index]).map((place) => ({ ...error, path: [head, place, ...rest] }));
      });
      return {
        ...answer,
        data: { ...answer.data, _entities: positions.map((index) => entities[index]) },
        ...(errors ? { errors } : {}),
      };
    },
  };
}
