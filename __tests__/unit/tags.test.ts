import { describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { cleanedRefEnv, cleanTag, computeTags, splitVersion, versionFromRef, versionTags, type RefContext } from '../../src/config/tags.js'

const sha = 'abcdef0123456789abcdef0123456789abcdef01'
const at = (ref: string, eventName = 'push'): RefContext => ({ eventName, ref, sha, defaultBranch: 'main' })

describe("computeTags: flocken's rule, for both publishers", () => {
  it.each<[string, string[]]>([
    ['refs/tags/v1.2.3', ['1.2.3', '1.2', '1']],
    ['refs/tags/1.2.3', ['1.2.3', '1.2', '1']],
    ['refs/tags/v2.0.0-rc.1', ['2.0.0-rc.1']],
    ['refs/tags/nightly', ['nightly']],
    ['refs/tags/2024.01.15', ['2024.01.15', '2024.01', '2024']],
    ['refs/heads/main', ['main', 'latest']],
    ['refs/heads/feature/new-thing', ['feature-new-thing']],
    ['refs/heads/renovate/@types+node', ['renovate-types-node']],
    ['refs/pull/133/merge', ['pr-133']],
  ])('%s → %j', (ref, tags) => {
    expect(computeTags(at(ref))).toEqual(tags)
  })

  it('never moves latest from a version tag', () => {
    for (const ref of ['refs/tags/v1.2.3', 'refs/tags/v9.9.9', 'refs/tags/latest-ish']) expect(computeTags(at(ref))).not.toContain('latest')
  })

  it('adds the version input, with its major.minor and major, to a branch build', () => {
    expect(computeTags(at('refs/heads/dev'), '0.9.0')).toEqual(['dev', '0.9.0', '0.9', '0'])
    expect(computeTags(at('refs/heads/main'), 'v3.1.0-beta.2')).toEqual(['main', 'latest', '3.1.0-beta.2'])
  })
})

describe('splitVersion, as Nix splits a version (flocken takes major.minor and major from it)', () => {
  const versions = ['1.2.3', '2024.01.15', '10.0', 'nightly', '1.2.3a', 'r2', '1.2.3_4', '7']
  it.each(versions)('%s', (v) => {
    const nix = execFileSync('nix-instantiate', ['--eval', '--json', '--expr', `builtins.splitVersion ${JSON.stringify(v)}`], { encoding: 'utf8' })
    expect(splitVersion(v)).toEqual(JSON.parse(nix))
  })
  it('takes tags from it', () => expect(versionTags('v1.2.3a')).toEqual(['1.2.3a', '1.2', '1']))
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

  it('reads a version from any git tag, as flocken reads $VERSION (leading v removed)', () => {
    expect(versionFromRef('refs/tags/v1.2.3')).toBe('1.2.3')
    expect(versionFromRef('refs/tags/nightly')).toBe('nightly')
    expect(versionFromRef('refs/tags/release/2024')).toBe('release-2024')
    expect(versionFromRef('refs/heads/v1.2.3')).toBeUndefined()
  })

  it('cleans names into valid tags', () => {
    expect(cleanTag('-/weird//name')).toBe('weird-name')
    expect(cleanTag('x'.repeat(200))).toHaveLength(128)
  })
})
