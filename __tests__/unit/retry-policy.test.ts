// When a registry request is tried again, after how long, and how a push's budget ends the tries.
import { describe, expect, it } from '@jest/globals'
import { RegistryError, registryFailure } from '../../src/registry/client.js'
import { PushRetries, RetriesSpent, isRetryable, nextTry, retryAfterMs } from '../../src/registry/retry-policy.js'

const NOW = Date.parse('Wed, 21 Oct 2026 07:28:00 GMT')

describe('Retry-After', () => {
  it.each<[string | undefined, number | undefined]>([
    ['1', 1000],
    [' 120 ', 120_000],
    ['0', 0],
    ['Wed, 21 Oct 2026 07:28:30 GMT', 30_000],
    ['Wed, 21 Oct 2026 07:27:00 GMT', 0],
    [undefined, undefined],
    ['', undefined],
    ['-1', undefined],
    ['1.5', undefined],
    ['soon', undefined],
    ['2026-10-21T07:28:30Z', undefined],
  ])('%j → %j ms', (value, ms) => expect(retryAfterMs(value, NOW)).toBe(ms))
})

describe('what is worth another try', () => {
  const answered = (status: number) => registryFailure(status, '{"errors":[{"code":"X","message":"y"}]}', 'x')
  it.each<[string, unknown, boolean]>([
    ...[408, 429, 500, 502, 503, 504].map((s): [string, unknown, boolean] => [`HTTP ${s}`, answered(s), true]),
    ...[400, 401, 403, 404, 405, 413, 501].map((s): [string, unknown, boolean] => [`HTTP ${s}`, answered(s), false]),
    ['nothing answered', new RegistryError('cannot reach r: connect ECONNREFUSED', undefined, { unanswered: 'unreachable' }), true],
    ['a certificate not trusted', new RegistryError('r presented a certificate…', undefined, { unanswered: 'certificate' }), false],
    ['a 401 to a streamed upload, its token renewed', new RegistryError('r: the token ran out', 401, { tokenRenewed: true }), true],
    ['an error of the archive', new Error('Reading the image archive of x failed'), false],
    ['a string', 'HTTP 503', false],
  ])('%s: %s', (_, error, retryable) => expect(isRetryable(error)).toBe(retryable))
})

describe('the next try', () => {
  const options = { attempts: 4, firstDelayMs: 100, maxDelayMs: 5000, budgetMs: 60_000 }
  const busy = (retryAfter?: string) => registryFailure(503, '', 'x', retryAfter)
  it.each<[string, number, unknown, number, ReturnType<typeof nextTry>]>([
    ['first failure: the first wait', 1, busy(), 60_000, { delayMs: 100 }],
    ['each wait doubles', 3, busy(), 60_000, { delayMs: 400 }],
    ['Retry-After in seconds, instead of the backoff', 1, busy('2'), 60_000, { delayMs: 2000 }],
    ['Retry-After as a date', 1, busy('Wed, 21 Oct 2026 07:28:03 GMT'), 60_000, { delayMs: 3000 }],
    ['Retry-After capped', 1, busy('3600'), 60_000, { delayMs: 5000 }],
    ['a renewed token: at once', 1, new RegistryError('t', 401, { tokenRenewed: true }), 60_000, { delayMs: 0 }],
    ['the last try', 4, busy(), 60_000, { giveUp: 'attempts' }],
    ['a wait longer than the budget left', 1, busy('10'), 4000, { giveUp: 'budget' }],
    ['no budget left', 1, busy(), 0, { giveUp: 'budget' }],
    ['not retryable', 1, registryFailure(404, '', 'x'), 60_000, { giveUp: 'final' }],
  ])('%s', (_, failures, error, leftMs, expected) => expect(nextTry(failures, error, options, leftMs, NOW)).toEqual(expected))
})

describe('the steps of a push', () => {
  const failing = (status: number, then?: string) => {
    let calls = 0
    return async (attempt: number) => {
      calls++
      if (then !== undefined && attempt > 2) return then
      throw registryFailure(status, '{"errors":[{"code":"UNAVAILABLE","message":"down"}]}', `step ${calls}`)
    }
  }

  it('a step that fails twice, then passes: two retries logged, its value returned', async () => {
    const log: string[] = []
    const retries = new PushRetries({ attempts: 4, firstDelayMs: 1, maxDelayMs: 10, budgetMs: 10_000 }, (m) => log.push(m))
    await expect(retries.step('uploading config sha256:c', failing(503, 'done'))).resolves.toBe('done')
    expect(log).toEqual([
      '  uploading config sha256:c failed (attempt 1 of 4), retrying in 0 s: step 1: HTTP 503: UNAVAILABLE down',
      '  uploading config sha256:c failed (attempt 2 of 4), retrying in 0 s: step 2: HTTP 503: UNAVAILABLE down',
    ])
  })

  it('out of tries: the last answer, and how many tries', async () => {
    const retries = new PushRetries({ attempts: 3, firstDelayMs: 1, maxDelayMs: 10, budgetMs: 10_000 }, () => undefined)
    const error = await retries.step('x', failing(500)).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(RetriesSpent)
    expect(error).toMatchObject({ status: 500, tries: 3, why: 'attempts', message: 'step 3: HTTP 500: UNAVAILABLE down (3 tries)' })
  })

  it('one budget for all steps: a later step has what the earlier ones left', async () => {
    // Two waits of 200 ms leave 100 ms: less than the second step's first wait.
    const retries = new PushRetries({ attempts: 10, firstDelayMs: 200, maxDelayMs: 200, budgetMs: 500 }, () => undefined)
    await expect(retries.step('first', failing(503, 'ok'))).resolves.toBe('ok')
    const error = await retries.step('second', failing(503)).catch((e: unknown) => e)
    expect(error).toMatchObject({ why: 'budget', tries: 1 })
    expect((error as Error).message).toMatch(/\(1 tries; the push's retry budget of 0\.5 s, for failed tries and the waits after them, is spent\)$/)
  })

  it('a failure that is not worth another try is thrown as it is, at once', async () => {
    const retries = new PushRetries({ attempts: 5, firstDelayMs: 1, maxDelayMs: 10, budgetMs: 10_000 }, () => undefined)
    const refused = registryFailure(403, '', 'x')
    let calls = 0
    await expect(
      retries.step('x', () => {
        calls++
        return Promise.reject(refused)
      }),
    ).rejects.toBe(refused)
    expect(calls).toBe(1)
  })
})
