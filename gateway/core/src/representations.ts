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
  /** The request's body, each representation in it once. */
  body: string;
  /** The answer as if every representation had been sent. */
  spread<T extends Answer>(answer: T): T;
}

/**
 * The body of an entity request with each repeated representation once, and how to spread the
 * answer back; null when nothing repeats (or there are no representations). Each representation
 * is serialized once, and that text is both its identity and its part of the body, so collapsing
 * costs little beyond the serialization the request needs anyway (a separate key per
 * representation profiled at 7% of the gateway's time). Two representations are the same when
 * their JSON is: the executor builds every representation of a fetch in the same key order.
 */
export function collapseRepresentations(
  query: string,
  variables: Variables | undefined,
  operationName: string | undefined,
): Collapsed | null {
  const representations = variables?.representations;
  if (!Array.isArray(representations) || representations.length < 2) return null;
  const indexOf = new Map<string, number>();
  const unique: string[] = [];
  const positions: number[] = [];
  for (const representation of representations) {
    const text = JSON.stringify(representation) ?? 'null';
    let index = indexOf.get(text);
    if (index === undefined) {
      index = unique.length;
      indexOf.set(text, index);
      unique.push(text);
    }
    positions.push(index);
  }
  if (unique.length === representations.length) return null;
  const { representations: _, ...others } = variables ?? {};
  const othersText = JSON.stringify(others);
  const variablesText = `${othersText === '{}' ? '{' : `${othersText.slice(0, -1)},`}"representations":[${unique.join(',')}]}`;
  const name = operationName === undefined ? '' : `,"operationName":${JSON.stringify(operationName)}`;
  return {
    body: `{"query":${JSON.stringify(query)},"variables":${variablesText}${name}}`,
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
