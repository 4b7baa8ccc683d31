// When a registry request is worth another try, and how long to wait first. Each idempotent step of
// a push (one blob's upload, one manifest, one tag) has its own tries; all of them share one budget,
// so a registry that keeps failing ends the push in bounded time. What counts against the budget is
// time lost to failures (failed tries and the waits after them): a push that is slow but working is
// never cut short by it.
import { messageOf } from '../errors.js'
import { retry } from '../retry.js'
import { RegistryError } from './client.js'

export interface RetryOptions {
  /** Tries of one step, the first included. */
  attempts: number
  /** The wait after a step's first failure; each further wait doubles. */
  firstDelayMs: number
  /** The longest wait, whatever a Retry-After asks. */
  maxDelayMs: number
  /** The time the whole push may lose to failed tries and the waits after them. */
  budgetMs: number
}

/** 2, 4, 8 and 16 s between five tries, a Retry-After honoured up to a minute, five minutes in all. */
export const PUSH_RETRIES: Readonly<RetryOptions> = { attempts: 5, firstDelayMs: 2000, maxDelayMs: 60_000, budgetMs: 5 * 60_000 }

/** The answers that say the registry is briefly unable (timeout, too many requests, overloaded, a proxy's upstream gone). */
export const RETRYABLE_STATUSES: readonly number[] = [408, 429, 500, 502, 503, 504]

/** A Retry-After header (seconds, or an HTTP date) as a wait from `now`; undefined when absent or not understood. */
export function retryAfterMs(value: string | undefined, now: number): number | undefined {
  const text = value?.trim()
  if (!text) return undefined
  if (/^\d+$/.test(text)) return Number(text) * 1000
  const at = Date.parse(text)
  // Only a date in HTTP's own form: Date.parse also takes many things a registry would never send.
  if (Number.isNaN(at) || !/^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/.test(text)) return undefined
  return Math.max(0, at - now)
}

/**
 * Whether a failure may pass if tried again: an answer that says so, a connection that failed or
 * broke, or a token renewed for a streamed upload. Never a refused login, another 4xx, a
 * certificate, or anything that is not the registry's (a damaged archive, a digest that does not match).
 */
export function isRetryable(e: unknown): boolean {
  if (!(e instanceof RegistryError)) return false
  if (e.answer.tokenRenewed) return true
  if (e.status !== undefined) return RETRYABLE_STATUSES.includes(e.status)
  return e.answer.unanswered === 'unreachable'
}

export type GiveUp = 'final' | 'attempts' | 'budget'

/** The wait before a step's next try after `failures` failures, the last `error`, with `leftMs` of the budget left; or why there is none. */
export function nextTry(failures: number, error: unknown, options: RetryOptions, leftMs: number, now: number): { delayMs: number } | { giveUp: GiveUp } {
  if (!isRetryable(error)) return { giveUp: 'final' }
  if (failures >= options.attempts) return { giveUp: 'attempts' }
  const answer = error instanceof RegistryError ? error.answer : {}
  // A renewed token is all the next try needed: no wait.
  const asked = answer.tokenRenewed ? 0 : retryAfterMs(answer.retryAfter, now)
  const delayMs = Math.min(options.maxDelayMs, asked ?? options.firstDelayMs * 2 ** (failures - 1))
  return leftMs <= 0 || delayMs > leftMs ? { giveUp: 'budget' } : { delayMs }
}

const seconds = (ms: number) => `${Number((ms / 1000).toFixed(2))} s`

/** A step that was tried until its tries or the push's budget ran out; it keeps the last answer's status and codes. */
export class RetriesSpent extends RegistryError {
  constructor(
    readonly last: RegistryError,
    readonly tries: number,
    readonly why: Exclude<GiveUp, 'final'>,
    budgetMs: number,
  ) {
    super(
      why === 'budget'
        ? `${last.message} (${tries} tries; the push's retry budget of ${seconds(budgetMs)}, for failed tries and the waits after them, is spent)`
        : `${last.message} (${tries} tries)`,
      last.status,
      last.answer,
    )
    this.name = 'RetriesSpent'
  }
}

/** The steps of one push, each tried again as the policy allows, against the push's one budget. */
export class PushRetries {
  private lostMs = 0

  constructor(
    private readonly options: RetryOptions,
    private readonly log: (m: string) => void,
  ) {}

  /** Runs `fn`, an idempotent step (attempt 2 and on must start it over), until it succeeds or gives up. */
  async step<T>(what: string, fn: (attempt: number) => Promise<T>): Promise<T> {
    let started = 0
    let gaveUp: GiveUp = 'final'
    let tries = 0
    try {
      return await retry(
        (attempt) => {
          started = Date.now()
          tries = attempt
          return fn(attempt)
        },
        {
          delayMs: (failures, error) => {
            this.lostMs += Date.now() - started
            const next = nextTry(failures, error, this.options, this.options.budgetMs - this.lostMs, Date.now())
            if ('giveUp' in next) {
              gaveUp = next.giveUp
              return undefined
            }
            this.lostMs += next.delayMs
            return next.delayMs
          },
          onRetry: (e, failures, delayMs) =>
            this.log(`  ${what} failed (attempt ${failures} of ${this.options.attempts}), retrying in ${seconds(delayMs)}: ${messageOf(e)}`),
        },
      )
    } catch (e) {
      if (gaveUp === 'final' || !(e instanceof RegistryError)) throw e
      throw new RetriesSpent(e, tries, gaveUp, this.options.budgetMs)
    }
  }
}
