export { checkSubgraph, formatReport, type Check, type CheckOptions, type ConformanceReport } from './checks.js';
export { compareWithContract } from './compare.js';
