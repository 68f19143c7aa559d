// Generated from contract.graphql by scripts/generate-types.ts: do not edit.
/* eslint-disable */
export type Maybe<T> = T | null;
export type InputMaybe<T> = T | null | undefined;
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** A calendar date in ISO 8601 form, `YYYY-MM-DD`, of a day that exists (never `2025-02-30`, never `31/12/2020`). */
  Date: { input: string; output: string; }
  /** An absolute `http` or `https` URL of at most 2,048 characters (never `javascript:`, `data:` or a relative path). */
  URL: { input: string; output: string; }
};

export type Query = {
  __typename?: 'Query';
  /** Every incubator of the government graph, one per partner, ordered by id. */
  incubators: Array<Incubator>;
  /** One incubator by id (its partner id), or null when no partner has that id. */
  incubator: Maybe<Incubator>;
  /** The startups of the whole government (or of one incubator with `filter.incubator`). */
  startups: StartupConnection;
  /** One startup by its global id (`<partner id>/<slug>`), or null when it does not exist. */
  startup: Maybe<Startup>;
  /** One public organisation by its beta.gouv.fr id (e.g. `dinum`), with what every partner knows of it. */
  organisation: Maybe<Organisation>;
};


export type QueryIncubatorArgs = {
  id: Scalars['ID']['input'];
};


export type QueryStartupsArgs = {
  filter?: InputMaybe<StartupFilter>;
  orderBy?: InputMaybe<StartupOrder>;
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
};


export type QueryStartupArgs = {
  id: Scalars['ID']['input'];
};


export type QueryOrganisationArgs = {
  id: Scalars['ID']['input'];
};

/**
 * Writes, each applied by the partner that owns what it writes, in one transaction.
 *
 * Each takes an optional `idempotencyKey` (since contract 1.2): 1 to 255 characters without control
 * characters (a UUID is a good one), new for each write. The partner applies a write and stores its
 * key in one transaction, so a write whose answer was lost (`PARTNER_WRITE_UNCERTAIN`) can be sent
 * again: with the same key within 24 hours it writes nothing and returns the startup as the first
 * call left it. The same key with another write (another mutation or other arguments) is refused,
 * `IDEMPOTENCY_KEY_REUSED`.
 */
export type Mutation = {
  __typename?: 'Mutation';
  /** Create a startup in an incubator. It starts with one phase period. */
  createStartup: Startup;
  /** Change a startup's descriptive fields. Fields left out are unchanged; `null` clears an optional one. */
  updateStartup: Startup;
  /** Record that a startup entered a new phase on a date: closes the current period, opens the next. */
  recordPhaseChange: Startup;
  /** Record a committee review (the six-month review, an end-of-investigation committee…). */
  recordCommitteeReview: Startup;
};


/**
 * Writes, each applied by the partner that owns what it writes, in one transaction.
 *
 * Each takes an optional `idempotencyKey` (since contract 1.2): 1 to 255 characters without control
 * characters (a UUID is a good one), new for each write. The partner applies a write and stores its
 * key in one transaction, so a write whose answer was lost (`PARTNER_WRITE_UNCERTAIN`) can be sent
 * again: with the same key within 24 hours it writes nothing and returns the startup as the first
 * call left it. The same key with another write (another mutation or other arguments) is refused,
 * `IDEMPOTENCY_KEY_REUSED`.
 */
export type MutationCreateStartupArgs = {
  input: CreateStartupInput;
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
};


/**
 * Writes, each applied by the partner that owns what it writes, in one transaction.
 *
 * Each takes an optional `idempotencyKey` (since contract 1.2): 1 to 255 characters without control
 * characters (a UUID is a good one), new for each write. The partner applies a write and stores its
 * key in one transaction, so a write whose answer was lost (`PARTNER_WRITE_UNCERTAIN`) can be sent
 * again: with the same key within 24 hours it writes nothing and returns the startup as the first
 * call left it. The same key with another write (another mutation or other arguments) is refused,
 * `IDEMPOTENCY_KEY_REUSED`.
 */
export type MutationUpdateStartupArgs = {
  id: Scalars['ID']['input'];
  input: UpdateStartupInput;
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
};


/**
 * Writes, each applied by the partner that owns what it writes, in one transaction.
 *
 * Each takes an optional `idempotencyKey` (since contract 1.2): 1 to 255 characters without control
 * characters (a UUID is a good one), new for each write. The partner applies a write and stores its
 * key in one transaction, so a write whose answer was lost (`PARTNER_WRITE_UNCERTAIN`) can be sent
 * again: with the same key within 24 hours it writes nothing and returns the startup as the first
 * call left it. The same key with another write (another mutation or other arguments) is refused,
 * `IDEMPOTENCY_KEY_REUSED`.
 */
export type MutationRecordPhaseChangeArgs = {
  startupId: Scalars['ID']['input'];
  phase: Phase;
  start: Scalars['Date']['input'];
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
};


/**
 * Writes, each applied by the partner that owns what it writes, in one transaction.
 *
 * Each takes an optional `idempotencyKey` (since contract 1.2): 1 to 255 characters without control
 * characters (a UUID is a good one), new for each write. The partner applies a write and stores its
 * key in one transaction, so a write whose answer was lost (`PARTNER_WRITE_UNCERTAIN`) can be sent
 * again: with the same key within 24 hours it writes nothing and returns the startup as the first
 * call left it. The same key with another write (another mutation or other arguments) is refused,
 * `IDEMPOTENCY_KEY_REUSED`.
 */
export type MutationRecordCommitteeReviewArgs = {
  startupId: Scalars['ID']['input'];
  date: Scalars['Date']['input'];
  comment?: InputMaybe<Scalars['String']['input']>;
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
};

/** An incubator: a team hosted by a ministry, an operator or a local authority that runs State Startups. */
export type Incubator = {
  __typename?: 'Incubator';
  /** The partner id, e.g. `mtes` or `francetravail`. */
  id: Scalars['ID']['output'];
  /** At most 200 characters. */
  name: Scalars['String']['output'];
  /** At most 2,000 characters. */
  shortDescription: Maybe<Scalars['String']['output']>;
  /** The first paragraphs of the incubator's presentation (plain markdown; the contract allows at most 20,000 characters). */
  description: Maybe<Scalars['String']['output']>;
  /** The organisation that hosts the incubator (null when the source does not say). */
  owner: Maybe<Organisation>;
  website: Maybe<Scalars['URL']['output']>;
  /** Where the incubator publishes its source code (a GitHub or GitLab organisation, or a listing page). */
  sourceCode: Maybe<Scalars['URL']['output']>;
  /** Postal address as published (may be empty; at most 500 characters). */
  address: Maybe<Scalars['String']['output']>;
  /** At most 200 characters. */
  city: Maybe<Scalars['String']['output']>;
  /** The startups this incubator owns. A co-incubated startup is listed by its owning incubator only. */
  startups: StartupConnection;
  /**
   * Its startups counted in groups, for measures over the whole government: one row per year of
   * entry, current phase and whether construction was reached, in that order (since contract 1.3;
   * null from a partner on an earlier version). The rows add up to every startup it owns: their
   * `startups` sum to `startups { totalCount }`. At most 1,000 rows.
   */
  startupTally: Maybe<Array<StartupTally>>;
  /** The thematics of its startups, each with how many have it, by name (since contract 1.3; at most 1,000). */
  thematics: Maybe<Array<ThematicCount>>;
};


/** An incubator: a team hosted by a ministry, an operator or a local authority that runs State Startups. */
export type IncubatorStartupsArgs = {
  filter?: InputMaybe<StartupFilter>;
  orderBy?: InputMaybe<StartupOrder>;
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
};

/**
 * Startups of one incubator that share a year of entry, a current phase and whether they reached
 * construction, with what measures add up over them. Each is a fact of the startups' histories
 * (`Startup.phases` and `Startup.events`), never a judgement: the six-month rule is the impact
 * subgraph's.
 */
export type StartupTally = {
  __typename?: 'StartupTally';
  /** The year their first phase started. */
  entryYear: Scalars['Int']['output'];
  /** Their current phase. */
  phase: Phase;
  /** Whether their history reaches construction or any later phase (acceleration, consolidation, transferred, operated). */
  reachedConstruction: Scalars['Boolean']['output'];
  /** How many startups the row counts (at least 1). */
  startups: Scalars['Int']['output'];
  /** Their committee reviews (events of kind `COMMITTEE`), all together. */
  committeeReviews: Scalars['Int']['output'];
  /** For each of them that reached acceleration, the days from the start of its first phase to the start of its first acceleration period, ascending (at most `startups` values, and at most 10,000). */
  daysToAcceleration: Array<Scalars['Int']['output']>;
};

/** A thematic and how many startups have it. */
export type ThematicCount = {
  __typename?: 'ThematicCount';
  /** As the startups write it (at most 100 characters). */
  name: Scalars['String']['output'];
  startups: Scalars['Int']['output'];
};

/**
 * A public organisation: a sponsor of startups, the owner of incubators, a producer of APIs. No
 * partner owns it: every partner holds the reference data; central subgraphs add what they know
 * (the catalogue: the incubators it hosts and the APIs it publishes).
 */
export type Organisation = {
  __typename?: 'Organisation';
  /** The beta.gouv.fr organisation id, e.g. `dinum`. */
  id: Scalars['ID']['output'];
  /** At most 300 characters. */
  name: Scalars['String']['output'];
  /** At most 50 characters. */
  acronym: Maybe<Scalars['String']['output']>;
  kind: OrganisationKind;
  /** The ministerial area (`environnement`, `interieur`, `bercy`…), as beta.gouv.fr records it (at most 100 characters). */
  ministry: Maybe<Scalars['String']['output']>;
};

export type OrganisationKind =
  | 'CENTRAL_ADMINISTRATION'
  | 'OPERATOR'
  | 'DECENTRALISED_SERVICE'
  | 'LOCAL_AUTHORITY'
  | 'SOCIAL_SECURITY'
  | 'OTHER';

/** A State Startup: a small product team building one public digital service. */
export type Startup = {
  __typename?: 'Startup';
  /** Global id: `<partner id>/<slug>`. */
  id: Scalars['ID']['output'];
  /** The beta.gouv.fr startup id, unique across the government (at most 128 characters). */
  slug: Scalars['String']['output'];
  /** At most 200 characters. */
  name: Scalars['String']['output'];
  /** The mission, in one or two sentences (at most 2,000 characters). */
  pitch: Scalars['String']['output'];
  /** The first paragraphs of the startup's presentation (plain markdown; the contract allows at most 20,000 characters). */
  description: Maybe<Scalars['String']['output']>;
  /** The incubator that owns this startup. */
  incubator: Incubator;
  /** Other incubators that co-incubate it (their ids; each is queryable with `incubator(id:)`) (at most 50). */
  coIncubatorIds: Array<Scalars['ID']['output']>;
  /** At most 50 organisations. */
  sponsors: Array<Organisation>;
  /** The current phase: the one that started last. */
  phase: Phase;
  /** When the current phase started. */
  phaseStart: Scalars['Date']['output'];
  /** Whether the current phase is an active one (investigation to consolidation, or operated). */
  active: Scalars['Boolean']['output'];
  /** The whole phase history, oldest first (at most 50). */
  phases: Array<PhasePeriod>;
  /** Committee reviews, launches and other dated events, oldest first (at most 50). */
  events: Array<StartupEvent>;
  /** At most 50, each at most 100 characters. */
  thematics: Array<Scalars['String']['output']>;
  /** At most 50, each at most 100 characters. */
  userTypes: Array<Scalars['String']['output']>;
  /** At most 50, each at most 100 characters. */
  technologies: Array<Scalars['String']['output']>;
  website: Maybe<Scalars['URL']['output']>;
  repository: Maybe<Scalars['URL']['output']>;
  accessibility: Maybe<AccessibilityStatus>;
  /** Funding from the FAST fund, when the startup received some. */
  fastFunding: Maybe<FastFunding>;
  /** Its public usage statistics page (every State Startup publishes one). Since contract 1.1. */
  statsUrl: Maybe<Scalars['URL']['output']>;
  /** Where it publishes its budget. Since contract 1.1. */
  budgetUrl: Maybe<Scalars['URL']['output']>;
  /** Where it reports its impact. Since contract 1.1. */
  impactUrl: Maybe<Scalars['URL']['output']>;
};

/** The lifecycle of a State Startup (beta.gouv.fr vocabulary since May 2026). */
export type Phase =
  | 'INVESTIGATION'
  | 'CONSTRUCTION'
  | 'ACCELERATION'
  | 'CONSOLIDATION'
  /** Handed over to an administration that runs it. */
  | 'TRANSFERRED'
  /** Mature, run within the beta.gouv.fr network. */
  | 'OPERATED'
  /** Stopped after construction or later. */
  | 'ABANDONED'
  /** Investigation did not conclude: stopped before construction. */
  | 'ABANDONED_IN_INVESTIGATION';

/** A period in one phase. Shareable: the impact subgraph reads phase histories to measure them. */
export type PhasePeriod = {
  __typename?: 'PhasePeriod';
  phase: Phase;
  start: Scalars['Date']['output'];
  /** When the next phase started (or the recorded end); null for the current phase. */
  end: Maybe<Scalars['Date']['output']>;
};

/** A dated event in a startup's life. Shareable, as PhasePeriod. */
export type StartupEvent = {
  __typename?: 'StartupEvent';
  kind: StartupEventKind;
  date: Scalars['Date']['output'];
  /** At most 1,000 characters. */
  comment: Maybe<Scalars['String']['output']>;
};

export type StartupEventKind =
  | 'COMMITTEE'
  | 'PRODUCT_LAUNCH'
  | 'NATIONAL_IMPACT'
  | 'FAST'
  | 'EIG'
  | 'END'
  | 'OTHER';

export type AccessibilityStatus =
  | 'NON_COMPLIANT'
  | 'PARTIALLY_COMPLIANT'
  | 'FULLY_COMPLIANT';

export type FastFunding = {
  __typename?: 'FastFunding';
  /** The FAST round (promotion) number. */
  round: Maybe<Scalars['Int']['output']>;
  amountEuros: Maybe<Scalars['Int']['output']>;
};

export type StartupConnection = {
  __typename?: 'StartupConnection';
  /** How many startups match, across every page (of the partners that answered: see missingPartners). */
  totalCount: Scalars['Int']['output'];
  edges: Array<StartupEdge>;
  pageInfo: PageInfo;
  /**
   * The partners whose startups are missing from this answer because they did not answer
   * (down, too slow, or answering nonsense). Empty when the answer is complete. When it is not,
   * totalCount, edges and pageInfo cover only the partners that answered, and an error names
   * each missing partner.
   */
  missingPartners: Array<Scalars['ID']['output']>;
};

export type StartupEdge = {
  __typename?: 'StartupEdge';
  cursor: Scalars['String']['output'];
  node: Startup;
};

/** Relay page information, shared by every subgraph's connections. */
export type PageInfo = {
  __typename?: 'PageInfo';
  hasNextPage: Scalars['Boolean']['output'];
  hasPreviousPage: Scalars['Boolean']['output'];
  startCursor: Maybe<Scalars['String']['output']>;
  endCursor: Maybe<Scalars['String']['output']>;
};

export type StartupFilter = {
  /** Current phase is this one. */
  phase?: InputMaybe<Phase>;
  /** Current phase is one of these. */
  phaseIn?: InputMaybe<Array<Phase>>;
  /** Current phase is active (true) or ended (false). */
  active?: InputMaybe<Scalars['Boolean']['input']>;
  /** Has this thematic (exact, case-insensitive), e.g. `Environnement`. */
  thematic?: InputMaybe<Scalars['String']['input']>;
  /** Words found in the name or the pitch (case and accents ignored). */
  search?: InputMaybe<Scalars['String']['input']>;
  /** Owned by this incubator. */
  incubator?: InputMaybe<Scalars['ID']['input']>;
  /** Its first phase started in this year, e.g. `2021` (since contract 1.3). */
  startedIn?: InputMaybe<Scalars['Int']['input']>;
};

export type StartupOrder = {
  field?: StartupOrderField;
  direction?: OrderDirection;
};

export type StartupOrderField =
  /** Name, case and accents ignored. */
  | 'NAME'
  /** Start of the current phase. */
  | 'PHASE_START'
  /** Start of the first phase: when the startup began. */
  | 'STARTED';

export type OrderDirection =
  | 'ASC'
  | 'DESC';

export type CreateStartupInput = {
  /** The owning incubator (the partner that will hold the data). */
  incubatorId: Scalars['ID']['input'];
  /** Lower-case letters, digits and dashes, unique across the government, e.g. `mon-service`. */
  slug: Scalars['String']['input'];
  name: Scalars['String']['input'];
  pitch: Scalars['String']['input'];
  phase?: Phase;
  phaseStart: Scalars['Date']['input'];
  sponsorIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  thematics?: InputMaybe<Array<Scalars['String']['input']>>;
  userTypes?: InputMaybe<Array<Scalars['String']['input']>>;
  website?: InputMaybe<Scalars['URL']['input']>;
  repository?: InputMaybe<Scalars['URL']['input']>;
  /** Since contract 1.1. */
  statsUrl?: InputMaybe<Scalars['URL']['input']>;
  /** Since contract 1.1. */
  budgetUrl?: InputMaybe<Scalars['URL']['input']>;
  /** Since contract 1.1. */
  impactUrl?: InputMaybe<Scalars['URL']['input']>;
};

export type UpdateStartupInput = {
  name?: InputMaybe<Scalars['String']['input']>;
  pitch?: InputMaybe<Scalars['String']['input']>;
  description?: InputMaybe<Scalars['String']['input']>;
  thematics?: InputMaybe<Array<Scalars['String']['input']>>;
  userTypes?: InputMaybe<Array<Scalars['String']['input']>>;
  technologies?: InputMaybe<Array<Scalars['String']['input']>>;
  website?: InputMaybe<Scalars['URL']['input']>;
  repository?: InputMaybe<Scalars['URL']['input']>;
  accessibility?: InputMaybe<AccessibilityStatus>;
  /** Since contract 1.1. */
  statsUrl?: InputMaybe<Scalars['URL']['input']>;
  /** Since contract 1.1. */
  budgetUrl?: InputMaybe<Scalars['URL']['input']>;
  /** Since contract 1.1. */
  impactUrl?: InputMaybe<Scalars['URL']['input']>;
};
