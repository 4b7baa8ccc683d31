import { describe, expect, it } from '@jest/globals'
import { type Target, checkTargets } from '../../src/publish/publish.js'

describe('checkTargets: refused before anything is pushed', () => {
  const target = (over: Partial<Target>): Target => ({
    registry: 'ghcr.io',
    repository: 'acme/fd',
    tags: ['1.0.0'],
    credentials: { username: 'u', password: 'p' },
    source: "flocken's script /nix/store/x",
    ...over,
  })
  it('accepts valid destinations', () => expect(() => checkTargets([target({}), target({ tags: ['latest', 'main'] })], 'fdManifest')).not.toThrow())
  it.each<[Partial<Target>, RegExp]>([
    [{ tags: ['1.0.0', 'feature/x'] }, /would push ghcr\.io\/acme\/fd:feature\/x, and 'feature\/x' is not a valid tag.*nothing was pushed/],
    [{ tags: ['.hidden'] }, /'\.hidden' is not a valid tag/],
    [{ repository: 'Acme/FD' }, /ghcr\.io\/Acme\/FD, which is not a valid repository name/],
  ])('%j', (over, message) => expect(() => checkTargets([target({}), target(over)], 'fdManifest')).toThrow(message))
})
