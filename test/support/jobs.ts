import { bearer, TestApp } from './test-app';

export interface JobBody {
  id: string;
  type: string;
  status: 'queued' | 'running' | 'done' | 'failed';
  progress: { done: number; total: number };
  attempts: number;
  error?: string;
  result?: Record<string, unknown>;
  createdAt: string;
  finishedAt?: string;
}

/**
 * Polls GET /api/jobs/:id until the app's own job runner has finished the job (done or failed).
 * The timeout counts elapsed time (performance.now(), monotonic), never the wall clock's date or hour.
 */
export async function waitForJob(t: TestApp, token: string, id: string, timeoutMs = 30_000): Promise<JobBody> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const res = await t.http().get(`/api/jobs/${id}`).set(bearer(token));
    if (res.status !== 200) throw new Error(`GET /api/jobs/${id}: ${res.status} ${JSON.stringify(res.body)}`);
    const job = res.body as JobBody;
    if (job.status === 'done' || job.status === 'failed') return job;
    if (performance.now() > deadline) throw new Error(`job ${id} still ${job.status} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Polls `probe` until it answers true, for at most `timeoutMs` of elapsed time. */
export async function eventually(probe: () => Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!(await probe())) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
