// The one retry loop: what it tries, what it waits, when it gives up.
import { describe, expect, it } from '@jest/globals'
import { afterDelays, retry } from '../../src/retry.js'

describe('retry', () => {
  it('waits what the policy says for each failure, and throws the last failure once it gives up', async () => {
    const seen: [number, string][] = []
    const tries: number[] = []
    const run = retry(
      async (attempt) => {
        tries.push(attempt)
        throw new Error(`failure ${attempt}`)
      },
      {
        delayMs: (failures, error) => {
          seen.push([failures, (error as Error).message])
          return afterDelays([1, 1])(failures)
        },
      },
    )
    await expect(run).rejects.toThrow('failure 3')
    expect(tries).toEqual([1, 2, 3])
    expect(seen).toEqual([
      [1, 'failure 1'],
      [2, 'failure 2'],
      [3, 'failure 3'],
    ])
  })

  it('asks no wait for a failure that is not worth another try', async () => {
    let asked = 0
    const run = retry(() => Promise.reject(new Error('final')), { delayMs: () => ++asked, retryable: () => false })
    await expect(run).rejects.toThrow('final')
    expect(asked).toBe(0)
  })
})
