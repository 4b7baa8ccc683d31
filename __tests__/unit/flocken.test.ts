import { describe, expect, it } from '@jest/globals'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { appRunEnv, checkManifestUsesBuiltImages, manifestEnv, manifestSnippet } from '../../src/publish/flocken.js'
import type { BuiltImage } from '../../src/model.js'
import { type Inputs, PUSH_TO_MAIN, onEvent, settingsOf } from '../helpers/settings.js'
import { tempDir } from '../helpers/tmp.js'

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
  it('names the images the installables input gives, as the flake names them', () => {
    const s = settings('refs/heads/main', {
      installables: 'x86_64-linux=.#packages.x86_64-linux.fdContainer-x86_64\naarch64-linux=github:acme/images#fd-arm64',
    })
    expect(manifestSnippet(s, s.containers[0])).toContain(
      'imageFiles = [ inputs.self.packages.x86_64-linux.fdContainer-x86_64 /* github:acme/images#fd-arm64 */ ];',
    )
  })
  it('names the registry otherwise', () => {
    const s = settings('refs/heads/main', { registry: 'registry.example.com' })
    const snippet = manifestSnippet(s, s.containers[0])
    expect(snippet).toContain('registries."registry.example.com" = {')
    expect(snippet).toContain('repo = "octo-org/tools";')
    expect(snippet).not.toContain('github.enable')
  })
})

describe('checkManifestUsesBuiltImages', () => {
  const dir = tempDir('manifest-drv')
  const drv = (name: string, inputs: string[]) =>
    writeFile(
      join(dir, `${name}.drv`),
      `Derive([("out","${dir}/${name}","","")],[${inputs.map((i) => `("${dir}/${i}.drv",["out"])`).join(',')}],[],"x86_64-linux","/bin/sh",[],[])`,
    )
  const image = (system: BuiltImage['system'], installable: string, name: string) =>
    ({ container: 'greetCrossContainer', system, installable, drvPath: join(dir, `${name}.drv`) }) as BuiltImage

  it('names each image the app leaves out by its installable, and what to point imageFiles at', async () => {
    await Promise.all([drv('app', ['x86']), drv('x86', []), drv('arm', [])])
    const images = [
      image('x86_64-linux', '.#packages.x86_64-linux.greetCrossContainer-x86_64', 'x86'),
      image('aarch64-linux', '.#packages.x86_64-linux.greetCrossContainer-aarch64', 'arm'),
    ]
    const nix = { path: '/nonexistent/nix', version: '2.34', env: {} }
    await expect(checkManifestUsesBuiltImages(nix, [join(dir, 'app.drv')], images.slice(0, 1), 'greetManifest')).resolves.toBeUndefined()
    await expect(checkManifestUsesBuiltImages(nix, [join(dir, 'app.drv')], images, 'greetManifest')).rejects.toThrow(
      'The manifest app greetManifest does not push the images that were built and tested: greetCrossContainer aarch64-linux (.#packages.x86_64-linux.greetCrossContainer-aarch64) is not among its inputs; nothing was pushed. ' +
        'Point its imageFiles at the image of each system, as the action builds them: .#packages.x86_64-linux.greetCrossContainer-x86_64, .#packages.x86_64-linux.greetCrossContainer-aarch64.',
    )
  })
})
