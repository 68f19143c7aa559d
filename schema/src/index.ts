export { contractSdl, contractTypeDefs, CONTRACT_SUBGRAPH_NAME } from './sdl.js';
export { isPartnerId, startupGlobalId, parseStartupId, ownerOf, namesOwner } from './ids.js';
export { PHASES, ACTIVE_PHASES, REACHED_CONSTRUCTION, phaseFromSource, phaseRank } from './phases.js';
export { daysBetween, factsOf, tallyOf, tallyProblem, type StartupFacts, type History, type TallyRowRead } from './tally.js';
export { DateScalar, URLScalar, isIsoDate, isHttpUrl } from './scalars.js';
export { ERROR_CODES, USER_FACING_CODES, isErrorCode, type ErrorCode } from './errors.js';
export { codedError, codedFormattedError, type ErrorExtrasArg, type LimitName } from './error-factories.js';
export type * from './generated/types.js';
export { organisationKindFromSource, eventKindFromSource, accessibilityFromSource, foldText } from './vocabulary.js';
export { encodeCursor, decodeCursor, afterProblem, compareCursorPositions, compareBytewise, type CursorPosition } from './cursor.js';
export { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, pageSizeProblem } from './paging.js';
export { VIOLATIONS, isViolation, type Violation, type ViolationFound } from './violations.js';
export { TEXT_LIMITS, LIST_LIMITS, URL_LIMIT, ID_LIMIT, textLimit, largestLegalPageBytes } from './limits.js';
export {
  checkSubgraph,
  compareWithContract,
  matchContract,
  missingSince,
  formatReport,
  type Check,
  type CheckOptions,
  type ConformanceReport,
  type ContractMatch,
} from './conformance/index.js';
export { CONTRACT_VERSION, CONTRACT_VERSIONS, FROZEN_CONTRACTS, contractVersion, contractHash, type ContractVersion } from './versions.js';
