export { readCorpus, ORDERS, type CorpusQuery } from './corpus.js';
