export { checkSubgraph, formatReport, type Check, type ConformanceReport } from './checks.js';
export { compareWithContract, matchContract, missingSince, type ContractMatch } from './compare.js';
