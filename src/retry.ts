// One retry loop for every caller: a registry push, a builder that may still be booting, a host key
// scan. The caller says which failures are worth another try and how long to wait before it (which
// may depend on the failure: a registry's Retry-After).

export interface RetryPolicy {
  /** The wait before the next try after `failures` failures, the last of them `error`, or undefined to give up. */
  delayMs: (failures: number, error: unknown) => number | undefined
  /** Whether this failure is worth another try (default: every failure is). */
  retryable?: (error: unknown) => boolean
  /** Told before each wait. */
  onRetry?: (error: unknown, failures: number, delayMs: number) => void
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** Calls `fn` until it succeeds; the last failure is thrown once the policy gives up. */
export async function retry<T>(fn: (attempt: number) => Promise<T>, policy: RetryPolicy): Promise<T> {
  for (let failures = 0; ;) {
    try {
      return await fn(failures + 1)
    } catch (e) {
      failures++
      const delay = policy.retryable && !policy.retryable(e) ? undefined : policy.delayMs(failures, e)
      if (delay === undefined) throw e
      policy.onRetry?.(e, failures, delay)
      await sleep(delay)
    }
  }
}

/** A fixed list of waits: [2000, 5000] tries three times. */
export const afterDelays =
  (delaysMs: readonly number[]) =>
  (failures: number): number | undefined =>
    delaysMs[failures - 1]

/** Waits of `stepMs` until `remaining()` runs out (the last wait is cut to what is left). */
export const untilDeadline = (remaining: () => number, stepMs: number) => (): number | undefined => {
  const left = remaining()
  return left > 0 ? Math.min(stepMs, left) : undefined
}
