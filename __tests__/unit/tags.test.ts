import { describe, expect, it } from '@jest/globals'
import { cleanedRefEnv, cleanTag, computeTags, versionFromRef, type RefContext } from '../../src/config/tags.js'

const sha = 'abcdef0123456789abcdef0123456789abcdef01'
const at = (ref: string, eventName = 'push'): RefContext => ({ eventName, ref, sha, defaultBranch: 'main' })

describe('computeTags, as docker/metadata-action derives them', () => {
  it.each<[string, string[]]>([
    ['refs/tags/v1.2.3', ['1.2.3', '1.2', '1', 'latest', 'sha-abcdef0']],
    ['refs/tags/1.2.3', ['1.2.3', '1.2', '1', 'latest', 'sha-abcdef0']],
    ['refs/tags/v2.0.0-rc.1', ['2.0.0-rc.1', 'sha-abcdef0']],
    ['refs/tags/nightly', ['nightly', 'sha-abcdef0']],
    ['refs/heads/main', ['latest', 'main', 'sha-abcdef0']],
    ['refs/heads/feature/new-thing', ['feature-new-thing', 'sha-abcdef0']],
    ['refs/heads/renovate/@types+node', ['renovate-types-node', 'sha-abcdef0']],
    ['refs/pull/133/merge', ['pr-133', 'sha-abcdef0']],
  ])('%s → %j', (ref, tags) => {
    expect(computeTags(at(ref))).toEqual(tags)
  })

  it('adds the version input to a branch build', () => {
    expect(computeTags(at('refs/heads/dev'), '0.9.0')).toEqual(['dev', '0.9.0', 'sha-abcdef0'])
  })
})

describe('flocken environment', () => {
  it.each<[string, string, string]>([
    ['refs/heads/main', 'main', 'branch'],
    ['refs/heads/feature/x', 'feature-x', 'branch'],
    ['refs/tags/v1.0.0', 'v1.0.0', 'tag'],
    ['refs/pull/133/merge', 'pr-133', 'pull_request'],
  ])('%s → GITHUB_REF_NAME=%s GITHUB_REF_TYPE=%s', (ref, name, type) => {
    expect(cleanedRefEnv(at(ref))).toEqual({ GITHUB_REF_NAME: name, GITHUB_REF_TYPE: type })
  })

  it('reads a version only from semver tags', () => {
    expect(versionFromRef('refs/tags/v1.2.3')).toBe('1.2.3')
    expect(versionFromRef('refs/tags/nightly')).toBeUndefined()
    expect(versionFromRef('refs/heads/v1.2.3')).toBeUndefined()
  })

  it('cleans names into valid tags', () => {
    expect(cleanTag('-/weird//name')).toBe('weird-name')
    expect(cleanTag('x'.repeat(200))).toHaveLength(128)
  })
})
