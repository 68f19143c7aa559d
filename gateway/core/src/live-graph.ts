/**
 * What a running gateway serves, as it changes without a restart: the partners behind the
 * contract subgraph (partners given at start, and those a registry adds, suspends or removes),
 * and the live supergraph with the authorisation policies read from it (a deployment or a
 * rollback made on any replica). Each request reads it as it is then; the planner is told of
 * each new supergraph through `onSupergraph`.
 */
import type { Partner } from './partners.js';
import { policiesOf } from './authorization/policies.js';
import type { Policies } from './authorization/policies.js';

const byId = (a: Partner, b: Partner) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export class LiveGraph {
  private partnersNow: readonly Partner[];
  private sdlNow: string;
  private policiesNow: Policies;
  private readonly listeners = new Set<(sdl: string) => void>();

  /** `fixed`: partners given at start, kept whatever a registry says. */
  constructor(
    private readonly fixed: readonly Partner[],
    supergraphSdl: string,
  ) {
    this.partnersNow = [...fixed].sort(byId);
    this.sdlNow = supergraphSdl;
    this.policiesNow = policiesOf(supergraphSdl);
  }

  /** Every partner routed to now, by id. */
  get partners(): readonly Partner[] {
    return this.partnersNow;
  }

  /** The live supergraph's SDL. */
  get supergraphSdl(): string {
    return this.sdlNow;
  }

  /** The authorisation directives of the live supergraph (read before @apollo/gateway sees it). */
  get policies(): Policies {
    return this.policiesNow;
  }

  /** The registry's partners now: the fixed ones first (a registered partner of the same id does not replace one). */
  registeredPartners(registered: readonly Partner[]): void {
    const ids = new Set(this.fixed.map((p) => p.id));
    this.partnersNow = [...this.fixed, ...registered.filter((p) => !ids.has(p.id))].sort(byId);
  }

  /** Another supergraph is live: its policies apply from the next request, and the planners swap it in. */
  swapSupergraph(sdl: string): void {
    this.sdlNow = sdl;
    this.policiesNow = policiesOf(sdl);
    for (const listener of this.listeners) listener(sdl);
  }

  /** Told each new live supergraph; returns the unsubscription. */
  onSupergraph(listener: (sdl: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
