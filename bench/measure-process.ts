import { spawn } from 'node:child_process';
import * as fs from 'node:fs';

export interface Measured {
  wallMs: number;
  code: number | null;
  stdout: string;
  stderr: string;
  /** Peak resident memory (VmHWM) of the process itself, and of its largest child, in MB. */
  managerPeakRssMb: number;
  workerPeakRssMb: number;
}

const SAMPLE_EVERY_MS = 50;

function peakRssKb(pid: number): number {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

function childPids(pid: number): number[] {
  try {
    return fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/**
 * Runs a command to its end and times it. Peak memory is read from /proc while it runs
 * (VmHWM never decreases, so the last reading of each process is its peak, give or take
 * the final 50 ms).
 */
export function measureProcess(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<Measured> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let manager = 0;
    const workers = new Map<number, number>();
    const sample = () => {
      if (!child.pid) return;
      manager = Math.max(manager, peakRssKb(child.pid));
      for (const pid of childPids(child.pid)) workers.set(pid, Math.max(workers.get(pid) ?? 0, peakRssKb(pid)));
    };
    const timer = setInterval(sample, SAMPLE_EVERY_MS);
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('exit', () => sample());
    child.on('close', (code) => {
      clearInterval(timer);
      resolve({
        wallMs: Number(process.hrtime.bigint() - started) / 1e6,
        code,
        stdout,
        stderr,
        managerPeakRssMb: Math.round(manager / 1024),
        workerPeakRssMb: Math.round(Math.max(0, ...workers.values()) / 1024),
      });
    });
  });
}
