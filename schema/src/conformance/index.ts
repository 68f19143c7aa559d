export { checkSubgraph, type Check, type CheckOptions, type ConformanceReport } from './checks.js';
export { compareWithContract, matchContract, missingSince, type ContractMatch } from './compare.js';
export { formatReport } from './report.js';
