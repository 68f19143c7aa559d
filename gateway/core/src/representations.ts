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

/** A step of the index of representations seen: the field read next, each value met there, and the representation ending here. */
interface Step {
  field: string | undefined;
  next: Map<unknown, Step>;
  index: number | undefined;
}

const step = (): Step => ({ field: undefined, next: new Map(), index: undefined });

/**
 * Representations seen so far, each given the index of its first occurrence. Most are a
 * typename and a few scalar keys, found by walking their fields' values in a tree of maps, with
 * no text made for the repeats (serializing each representation to know it profiled at 5% of the
 * gateway's time on the classic benchmark, the repeats outnumbering the distinct ones 15 to 1).
 * Two representations meet at one index only when they serialize alike: the same fields in the
 * same order with the same scalar values. Any other (an object inside, fields in another order)
 * is known by its JSON text, as before.
 */
class Seen {
  private readonly root = step();
  private readonly byText = new Map<string, number>();
  /** The distinct representations, in order of first occurrence. */
  readonly unique: unknown[] = [];

  indexOf(representation: unknown): number {
    const found = this.walk(representation);
    if (found === null) return this.byJson(representation);
    found.index ??= this.add(representation);
    return found.index;
  }

  /** The step a representation of scalar fields ends at, or null when it cannot be walked. */
  private walk(representation: unknown): Step | null {
    if (typeof representation !== 'object' || representation === null || Array.isArray(representation)) return null;
    let at = this.root;
    for (const field in representation) {
      const value = (representation as Record<string, unknown>)[field];
      // An object's JSON depends on its own fields' order: known by its text instead.
      if (typeof value === 'object' && value !== null) return null;
      if (at.field === undefined) at.field = field;
      else if (at.field !== field) return null;
      let next = at.next.get(value);
      if (!next) {
        next = step();
        at.next.set(value, next);
      }
      at = next;
    }
    return at;
  }

  private byJson(representation: unknown): number {
    const text = JSON.stringify(representation) ?? 'null';
    let index = this.byText.get(text);
    if (index === undefined) {
      index = this.add(representation);
      this.byText.set(text, index);
    }
    return index;
  }

  private add(representation: unknown): number {
    this.unique.push(representation);
    return this.unique.length - 1;
  }
}

/**
 * The body of an entity request with each repeated representation once, and how to spread the
 * answer back; null when nothing repeats (or there are no representations). Only the distinct
 * representations are serialized, once, into the body (Seen). Two representations are the same
 * when their JSON is: the executor builds every representation of a fetch in the same key order.
 */
export function collapseRepresentations(
  query: string,
  variables: Variables | undefined,
  operationName: string | undefined,
): Collapsed | null {
  const representations = variables?.representations;
  if (!Array.isArray(representations) || representations.length < 2) return null;
  const seen = new Seen();
  const positions = representations.map((representation) => seen.indexOf(representation));
  const { unique } = seen;
  if (unique.length === representations.length) return null;
  const { representations: _, ...others } = variables ?? {};
  const othersText = JSON.stringify(others);
  const variablesText = `${othersText === '{}' ? '{' : `${othersText.slice(0, -1)},`}"representations":${JSON.stringify(unique)}}`;
  const name = operationName === undefined ? '' : `,"operationName":${JSON.stringify(operationName)}`;
  return {
    body: `{"query":${JSON.stringify(query)},"variables":${variablesText}${name}}`,
    spread(answer) {
      const entities = answer.data?._entities;
      // An answer of the wrong length is left as is: the executor reports it as it would have.
      if (!Array.isArray(entities) || entities.length !== unique.length) return answer;
      const spreadData = { ...answer.data, _entities: positions.map((index) => entities[index]) };
      if (!answer.errors) return { ...answer, data: spreadData };
      const placesOf = new Map<number, number[]>();
      positions.forEach((index, place) => {
        const places = placesOf.get(index);
        if (places) places.push(place);
        else placesOf.set(index, [place]);
      });
      const errors = answer.errors.flatMap((error) => {
        const [head, index, ...rest] = error.path ?? [];
        if (head !== '_entities' || typeof index !== 'number') return [error];
        // An error about a collapsed entity is an error at each place it stood for.
        return (placesOf.get(index) ?? [index]).map((place) => ({ ...error, path: [head, place, ...rest] }));
      });
      return { ...answer, data: spreadData, errors };
    },
  };
}
