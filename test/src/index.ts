export { readCorpus, ORDERS, type CorpusQuery } from './corpus.js';
export { hostileRequests, random, type HostileRequest } from './hostile.js';
export { exited, runCli, startProcess, type CliRun, type StartedProcess } from './processes.js';
export { startOtlpReceiver, type OtlpReceiver, type ReceivedSpan } from './otlp-receiver.js';
export { loadPersonalFingerprints, personalIn } from './personal-data.js';
