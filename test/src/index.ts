export { readCorpus, ORDERS, type CorpusQuery } from './corpus.js';
export { hostileRequests, random, type HostileRequest } from './hostile.js';
