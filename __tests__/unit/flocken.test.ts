import { describe, expect, it } from '@jest/globals'
import { appRunEnv, manifestEnv, manifestSnippet } from '../../src/publish/flocken.js'
import { type Inputs, PUSH_TO_MAIN, onEvent, settingsOf } from '../helpers/settings.js'

const settings = (ref: string, inputs: Inputs = {}) =>
  settingsOf(
    { container: 'fdContainer', password: 'tok', ...inputs },
    onEvent('push', ref, { ...PUSH_TO_MAIN, actor: 'octocat', repository: 'Octo-Org/Tools' }),
  )

describe('manifestEnv: what the manifest app is evaluated, built and run with', () => {
  it.each<[string, Record<string, string>]>([
    ['refs/tags/v1.2.3', { VERSION: '1.2.3', GITHUB_REF_TYPE: 'tag', GITHUB_REF_NAME: 'v1.2.3' }],
    ['refs/heads/feature/x', { GITHUB_REF_TYPE: 'branch', GITHUB_REF_NAME: 'feature-x' }],
    ['refs/pull/7/merge', { GITHUB_REF_TYPE: 'pull_request', GITHUB_REF_NAME: 'pr-7' }],
  ])('%s', (ref, expected) => {
    const env = manifestEnv(settings(ref))
    expect(env).toMatchObject({ ...expected, GITHUB_TOKEN: 'tok', GITHUB_ACTOR: 'octocat', GITHUB_REPOSITORY: 'octo-org/tools', REGISTRY: 'ghcr.io' })
    if (!expected.VERSION) expect(env.VERSION).toBeUndefined()
  })

  it('the version input wins over the ref', () => {
    expect(manifestEnv(settings('refs/heads/main', { version: 'v2.0.0' })).VERSION).toBe('2.0.0')
  })
})

describe("appRunEnv: the login a manifest app's registries read at run time", () => {
  const app = { env: { GITHUB_ACTOR: 'octocat', GITHUB_TOKEN: 'tok', VERSION: '1.2.3' } }
  it.each<[string, Inputs, { username: string; password: string } | undefined, Record<string, string>]>([
    [
      'the inputs login stays',
      { registry: 'registry.example.com', username: 'octocat' },
      { username: 'octocat', password: 'tok' },
      { GITHUB_ACTOR: 'octocat', GITHUB_TOKEN: 'tok' },
    ],
    [
      "the runner's stored login replaces the workflow token",
      { registry: 'registry.example.com', password: '' },
      { username: 'robot', password: 'stored-secret' },
      { GITHUB_ACTOR: 'robot', GITHUB_TOKEN: 'stored-secret' },
    ],
    ['no login given: as evaluated', { registry: 'registry.example.com' }, undefined, { GITHUB_ACTOR: 'octocat', GITHUB_TOKEN: 'tok' }],
  ])('%s', (_, inputs, login, expected) => {
    const s = settings('refs/heads/main', inputs)
    expect(appRunEnv(app, s, s.containers[0], login)).toMatchObject({ ...expected, VERSION: '1.2.3', REPOSITORY: s.containers[0].repository })
  })
})

describe('manifestSnippet', () => {
  it("shows flocken's GitHub mode for ghcr.io", () => {
    const snippet = manifestSnippet(settings('refs/heads/main'), settings('refs/heads/main').containers[0])
    expect(snippet).toContain('github.enable = true;')
    expect(snippet).toContain('imageFiles = map (sys: inputs.self.packages.${sys}.fdContainer) [ "x86_64-linux" "aarch64-linux" ];')
  })
  it('names the registry otherwise', () => {
    const s = settings('refs/heads/main', { registry: 'registry.example.com' })
    const snippet = manifestSnippet(s, s.containers[0])
    expect(snippet).toContain('registries."registry.example.com" = {')
    expect(snippet).toContain('repo = "octo-org/tools";')
    expect(snippet).not.toContain('github.enable')
  })
})
