// @actions/cache is replaced by the kind of stub @github/local-action installs (no
// isFeatureAvailable), to show the module copes with it.
import { describe, expect, it, jest } from '@jest/globals'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { tempDir } from '../helpers/tmp.js'

jest.unstable_mockModule('@actions/cache', () => ({
  restoreCache: jest.fn(async () => undefined),
  saveCache: jest.fn(async () => -1),
}))

const { actionsCacheAvailable, flakeLockText } = await import('../../src/cache/actions-cache.js')

describe('flakeLockText: what the cache key hashes', () => {
  it('reads flake.lock of a local flake; a remote flake stands for itself', async () => {
    const dir = tempDir('lock')
    await writeFile(join(dir, 'flake.lock'), 'LOCK')
    expect(await flakeLockText('.', dir)).toBe('LOCK')
    expect(await flakeLockText(`path:${dir}`)).toBe('LOCK')
    expect(await flakeLockText('./missing', dir)).toBe('')
    expect(await flakeLockText('github:acme/flake')).toBe('github:acme/flake')
  })
})

describe("actionsCacheAvailable with @github/local-action's stub (no isFeatureAvailable)", () => {
  it.each<[string, NodeJS.ProcessEnv, boolean]>([
    ['outside a runner', {}, false],
    ['cache service v1', { ACTIONS_CACHE_URL: 'https://example/' }, true],
    ['cache service v2', { ACTIONS_RESULTS_URL: 'https://results.example/' }, true],
  ])('%s', async (_, env, available) => {
    expect(await actionsCacheAvailable(env)).toBe(available)
  })
})
