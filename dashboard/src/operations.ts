/**
 * Every operation the dashboard runs, by name. The build registers them as the gateway's trusted
 * documents (build/persisted-operations.ts): the page sends only their SHA-256, never a query.
 */
export const operations = {
  ProgrammeOverview: `query ProgrammeOverview {
  incubators {
    id
    name
    owner { name }
    startupTally { phase startups }
    all: startups(first: 0) { totalCount }
  }
}`,
  IncubatorPhases: `query IncubatorPhases($id: ID!) {
  incubator(id: $id) {
    investigation: startups(first: 0, filter: { phase: INVESTIGATION }) { totalCount }
    construction: startups(first: 0, filter: { phase: CONSTRUCTION }) { totalCount }
    acceleration: startups(first: 0, filter: { phase: ACCELERATION }) { totalCount }
    consolidation: startups(first: 0, filter: { phase: CONSOLIDATION }) { totalCount }
    transferred: startups(first: 0, filter: { phase: TRANSFERRED }) { totalCount }
    operated: startups(first: 0, filter: { phase: OPERATED }) { totalCount }
    abandoned: startups(first: 0, filter: { phase: ABANDONED }) { totalCount }
    abandonedInInvestigation: startups(first: 0, filter: { phase: ABANDONED_IN_INVESTIGATION }) { totalCount }
  }
}`,
  ProgrammeImpact: `query ProgrammeImpact($incubator: ID) {
  programmeImpact(incubator: $incubator) {
    startups
    continued
    abandoned
    pending
    passedSixMonthShare
    cohorts { year startups continued abandoned pending }
    missingPartners
  }
}`,
  ApiCount: `query ApiCount { apis(first: 0) { totalCount } }`,
  ApiProducers: `query ApiProducers($after: String) {
  apis(first: 100, after: $after) {
    totalCount
    edges { node { id producer { id name acronym } } }
    pageInfo { hasNextPage endCursor }
  }
}`,
  ApiSearch: `query ApiSearch($search: String, $filter: ApiFilter, $after: String) {
  apis(search: $search, filter: $filter, first: 20, after: $after) {
    totalCount
    edges {
      node {
        id
        title
        tagline
        access
        themes
        producer { id name acronym }
        eligibility { who eligible }
      }
    }
    pageInfo { hasNextPage endCursor }
  }
}`,
  ApiThemes: `query ApiThemes { apiThemes { name apiCount } }`,
  ApiPage: `query ApiPage($id: ID!) {
  api(id: $id) {
    id
    title
    tagline
    description
    access
    themes
    keywords
    producer { name acronym website }
    eligibility { who eligible description }
    website
    documentation
    openApi
    accessRequest
    franceConnect
    lastUpdate
    page
    builtBy { id name pitch phase incubator { id name } }
  }
}`,
  IncubatorPage: `query IncubatorPage($id: ID!, $after: String) {
  incubator(id: $id) {
    id
    name
    shortDescription
    description
    owner { name }
    website
    sourceCode
    address
    city
    active: startups(first: 0, filter: { active: true }) { totalCount }
    startups(first: 100, after: $after, orderBy: { field: PHASE_START, direction: DESC }) {
      totalCount
      missingPartners
      edges { node { id name pitch phase phaseStart active } }
      pageInfo { hasNextPage endCursor }
    }
  }
}`,
  StartupPage: `query StartupPage($id: ID!) {
  startup(id: $id) {
    id
    slug
    name
    pitch
    description
    phase
    phaseStart
    active
    incubator { id name }
    sponsors { id name }
    phases { phase start end }
    events { kind date comment }
    thematics
    website
    repository
    accessibility
    fastFunding { round amountEuros }
    statsUrl
    budgetUrl
    impactUrl
    impact { outcome sixMonthReviewDue committeeReviews daysToAcceleration }
    apis { id title tagline access }
  }
}`,
  // The startup finder (pages/startups.ts): a page of startups, and the choices of its filters.
  StartupFinder: `query StartupFinder($filter: StartupFilter, $orderBy: StartupOrder, $after: String) {
  startups(filter: $filter, orderBy: $orderBy, first: 20, after: $after) {
    totalCount
    missingPartners
    edges { node { id name pitch phase incubator { id name } phases { start } } }
    pageInfo { hasNextPage endCursor }
  }
}`,
  StartupFinderChoices: `query StartupFinderChoices {
  incubators {
    id
    name
    thematics { name startups }
    startupTally { entryYear startups }
  }
}`,
  PartnerHealth: `query PartnerHealth {
  partnerHealth {
    partner
    incubator { name }
    state
    calls
    failures
    latencyP50Ms
    latencyP99Ms
    lastError { code message at }
    lastSuccessAt
    contractVersion
    conformance { status rule checkedAt }
  }
}`,
} as const;

export type OperationName = keyof typeof operations;
