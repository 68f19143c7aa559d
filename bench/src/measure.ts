/** Load and resource measurements: autocannon for requests, /proc for a child's CPU and memory. */
import autocannon from 'autocannon';
import { readFileSync } from 'node:fs';

export interface Sample {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
  /** Share of one core the contender's process used during the run. */
  cpu: number;
}

const TICKS_PER_SECOND = 100; // Linux USER_HZ

/** User + system CPU seconds a process has used so far. */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  // After "pid (comm) ", utime and stime are fields 12 and 13 (0-based).
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

/** The highest resident memory a process has had, in MiB. */
export function peakRssMiB(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmHWM:'));
  return Math.round(Number(line?.replace(/\D+/g, '') ?? 0) / 1024);
}

/** Percentile of sorted values (nearest rank). */
function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;
}

/**
 * One client, one request at a time, timed to the microsecond (autocannon's latencies are
 * whole milliseconds, too coarse for a gateway answering in one or two).
 */
async function sequential(url: string, body: string, seconds: number, pid: number): Promise<Sample> {
  const cpuBefore = cpuSeconds(pid);
  const durations: number[] = [];
  let errors = 0;
  const started = performance.now();
  const end = started + seconds * 1000;
  while (performance.now() < end) {
    const t = performance.now();
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    await response.arrayBuffer();
    durations.push(performance.now() - t);
    if (!response.ok) errors++;
  }
  const wall = (performance.now() - started) / 1000;
  durations.sort((a, b) => a - b);
  return {
    requestsPerSecond: durations.length / wall,
    p50: percentile(durations, 50),
    p99: percentile(durations, 99),
    errors,
    cpu: (cpuSeconds(pid) - cpuBefore) / wall,
  };
}

/**
 * `body` is sent over and over; a list of bodies is sent in turn by each connection (the mixed
 * workload: nine reads, then a write).
 */
export async function load(
  url: string,
  body: string | readonly string[],
  connections: number,
  seconds: number,
  pid: number,
  /** Sent with every request (an agent's `authorization`). */
  headers: Record<string, string> = {},
): Promise<Sample> {
  if (connections === 1 && typeof body === 'string' && Object.keys(headers).length === 0) return sequential(url, body, seconds, pid);
  const cpuBefore = cpuSeconds(pid);
  const started = performance.now();
  const result = await autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    ...(typeof body === 'string' ? { body } : { requests: body.map((b) => ({ method: 'POST' as const, body: b })) }),
    connections,
    duration: seconds,
  });
  const wall = (performance.now() - started) / 1000;
  return {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
    cpu: (cpuSeconds(pid) - cpuBefore) / wall,
  };
}

export const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};
