// Publishing for real: the fixture's flocken-compatible manifest app (podman) and the builtin
// publisher push to the local registry (distribution 2.8 with htpasswd on 127.0.0.1), and the
// registry is read back with skopeo, a tool independent of the action.
import { beforeAll, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { images, runAction, type ActionRun } from '../helpers/action.js'
import { FIXTURE_DIR, fixtureOnStack, makeFixtureRepo } from '../helpers/fixture.js'
import { registryTags } from '../helpers/registry.js'

let flake: string
let env: Record<string, string>
const unique = `${process.pid}-${Date.now().toString(36)}`

beforeAll(async () => {
  ;({ env, flake } = await fixtureOnStack())
})

const sha = '0123456789abcdef0123456789abcdef01234567'

function publish(repository: string, ref: string, inputs: Record<string, string> = {}, eventName = 'push'): Promise<ActionRun> {
  return runAction({
    cwd: flake,
    inputs: { container: 'greetContainer', registry: env.NCA_REGISTRY, repository, username: env.NCA_REGISTRY_USER, token: env.NCA_REGISTRY_PASSWORD, ...inputs },
    env: { GITHUB_EVENT_NAME: eventName, GITHUB_REF: ref, GITHUB_SHA: sha },
  })
}

function skopeoRaw(repository: string, tag: string): string {
  return execFileSync('skopeo', ['inspect', '--raw', '--tls-verify=false', '--creds', `${env.NCA_REGISTRY_USER}:${env.NCA_REGISTRY_PASSWORD}`, `docker://${env.NCA_REGISTRY}/${repository}:${tag}`], { encoding: 'utf8' })
}

interface Index {
  manifests: { digest: string; platform: { os: string; architecture: string } }[]
}

function expectIndexOfBuiltImages(run: ActionRun, repository: string, tag: string): void {
  const raw = skopeoRaw(repository, tag)
  expect(`sha256:${createHash('sha256').update(raw).digest('hex')}`).toBe(run.outputs.digest)
  const index = JSON.parse(raw) as Index
  expect(index.manifests.map((m) => `${m.platform.os}/${m.platform.architecture}`).sort()).toEqual(['linux/amd64', 'linux/arm64'])
  for (const image of images(run)) {
    const child = index.manifests.find((m) => `${m.platform.os}/${m.platform.architecture}` === image.platform)!
    const manifest = JSON.parse(skopeoDigest(repository, child.digest)) as { config: { digest: string } }
    expect(manifest.config.digest).toMatch(/^sha256:/)
    // The pushed image holds the very layers of the image that was loaded and tested.
    const config = JSON.parse(execFileSync('skopeo', ['inspect', '--config', '--raw', '--tls-verify=false', '--creds', `${env.NCA_REGISTRY_USER}:${env.NCA_REGISTRY_PASSWORD}`, `docker://${env.NCA_REGISTRY}/${repository}@${child.digest}`], { encoding: 'utf8' })) as { rootfs: { diff_ids: string[] } }
    const tested = execFileSync('docker', ['image', 'inspect', '--format', '{{json .RootFS.Layers}}', image.imageId], { encoding: 'utf8' })
    expect(config.rootfs.diff_ids).toEqual(JSON.parse(tested))
  }
}

function skopeoDigest(repository: string, digest: string): string {
  return execFileSync('skopeo', ['inspect', '--raw', '--tls-verify=false', '--creds', `${env.NCA_REGISTRY_USER}:${env.NCA_REGISTRY_PASSWORD}`, `docker://${env.NCA_REGISTRY}/${repository}@${digest}`], { encoding: 'utf8' })
}

describe('publishing with the flake manifest app', () => {
  it('a v1.2.3 tag pushes one two-platform index under 1.2.3, 1.2, 1, latest and sha-<commit>', async () => {
    const repository = `acme/tag-${unique}`
    const run = await publish(repository, 'refs/tags/v1.2.3')
    expect(run.errors).toEqual([])
    expect(run.outputs.tags).toBe('1.2.3,1.2,1,latest,sha-0123456')
    expect(run.outputs.digest).toMatch(/^sha256:[0-9a-f]{64}$/)
    expect(await registryTags(repository)).toEqual(['1', '1.2', '1.2.3', 'latest', 'sha-0123456'])
    for (const tag of ['1.2.3', 'latest', 'sha-0123456']) expectIndexOfBuiltImages(run, repository, tag)
    expect((JSON.parse(run.outputs.manifest) as Index).manifests).toHaveLength(2)
    expect(run.summary).toContain('### Published')
    expect(run.summary).toContain(run.outputs.digest)
    expect(run.visibleLog).not.toContain(env.NCA_REGISTRY_PASSWORD)
  })

  it('the manifest app pushes the very store paths that were built (the publish step builds no image)', async () => {
    const run = await publish(`acme/reuse-${unique}`, 'refs/heads/main')
    expect(run.errors).toEqual([])
    const app = JSON.parse(execFileSync('nix', ['build', '--json', '--no-link', '.#greetManifest'], { cwd: flake, encoding: 'utf8', env: { ...process.env, NIX_CONFIG: `${env.NIX_CONFIG}\nextra-platforms = aarch64-linux` } })) as { outputs: { out: string } }[]
    const closure = execFileSync('nix-store', ['--query', '--requisites', app[0].outputs.out], { encoding: 'utf8' }).split('\n')
    for (const image of images(run)) expect(closure).toContain(image.storePath)
    expect(run.outputs.tags).toBe('latest,main,sha-0123456')
  })

  it('on a cold store, the one nix build builds the images and the manifest app: the publish step builds nothing', async () => {
    const greet = readFileSync(join(FIXTURE_DIR, 'greet.sh'), 'utf8')
    const cold = await makeFixtureRepo({ 'greet.sh': `${greet}\n# cold ${unique}\n` })
    const run = await runAction({
      cwd: cold,
      inputs: { container: 'greetContainer', registry: env.NCA_REGISTRY, repository: `acme/cold-${unique}`, username: env.NCA_REGISTRY_USER, token: env.NCA_REGISTRY_PASSWORD },
      env: { GITHUB_EVENT_NAME: 'push', GITHUB_REF: 'refs/heads/main', GITHUB_SHA: sha },
    })
    expect(run.errors).toEqual([])
    const publishing = run.log.indexOf('::group::Publish to')
    const built = [...run.log.matchAll(/^building '([^']+)'/gm)]
    expect(built.map((m) => m[1].replace(/^.*?-/, '')).sort()).toEqual(['greet-manifest.drv', 'greet.tar.drv', 'greet.tar.drv'])
    expect(built.every((m) => m.index! < publishing)).toBe(true)
    expect(run.log).toMatch(/::group::Build 2 image\(s\) and 1 manifest app\(s\) with one nix build/)
    expect(run.summary).toContain('**3 derivation(s) built**')
  })

  it('a branch with a slash becomes a valid tag', async () => {
    const repository = `acme/branch-${unique}`
    const run = await publish(repository, 'refs/heads/feature/new-thing')
    expect(run.errors).toEqual([])
    expect(await registryTags(repository)).toEqual(['feature-new-thing', 'sha-0123456'])
  })

  it('a pull request builds and tests both architectures, then pushes nothing and logs in nowhere', async () => {
    const repository = `acme/pr-${unique}`
    const run = await publish(repository, 'refs/pull/9/merge', {}, 'pull_request')
    expect(run.errors).toEqual([])
    expect(images(run).map((i) => i.test)).toEqual(['passed', 'passed'])
    expect(run.outputs.digest).toBeUndefined()
    expect(run.log).not.toMatch(/login|nix run/)
    expect(await registryTags(repository)).toBeUndefined()
  })

  it('a wrong password fails clearly and pushes nothing', async () => {
    const repository = `acme/badpass-${unique}`
    const run = await publish(repository, 'refs/heads/main', { token: 'not-the-password' })
    expect(run.errors.join('\n')).toMatch(/127\.0\.0\.1:5000 refused the credentials of user 'nca' \(inputs username and token/)
    expect(run.visibleLog).not.toContain('not-the-password')
    expect(await registryTags(repository)).toBeUndefined()
  })

  it('a registry that is down fails after bounded retries', async () => {
    const run = await publish(`acme/down-${unique}`, 'refs/heads/main', { registry: '127.0.0.1:5999' })
    expect(run.log.match(/failed \(attempt \d of 3\), retrying/g)).toHaveLength(2)
    expect(run.errors.join('\n')).toMatch(/127\.0\.0\.1:5999 could not be reached after retries/)
  })

  it('refuses, before pushing, a manifest app that would push another set of images', async () => {
    const repository = `acme/wrong-${unique}`
    const run = await publish(repository, 'refs/heads/main', { manifest: 'greetWrongManifest' })
    expect(run.errors.join('\n')).toMatch(/The manifest app greetWrongManifest does not push the images that were built and tested \(packages\.aarch64-linux\.greetContainer/)
    expect(await registryTags(repository)).toBeUndefined()
  })

  it('names the missing manifest app and shows the Nix to add, before building', async () => {
    const run = await publish(`acme/none-${unique}`, 'refs/heads/main', { container: 'greetContainerGz' })
    const error = run.errors.join('\n')
    expect(error).toMatch(/Input 'manifest': the flake \. has no manifest app greetContainerGzManifest/)
    expect(error).toContain('mkDockerManifest {')
    expect(error).toContain('registries."127.0.0.1:5000" = {')
    expect(error).toContain('publisher: builtin')
    expect(run.log).not.toMatch(/\[command\]\S*nix build/)
  })
})

describe('publisher: builtin', () => {
  it('pushes the same two-platform index by digest, without a manifest app', async () => {
    const repository = `acme/builtin-${unique}`
    const run = await publish(repository, 'refs/tags/v2.0.0', { container: 'greetContainerGz', publisher: 'builtin' })
    expect(run.errors).toEqual([])
    expect(await registryTags(repository)).toEqual(['2', '2.0', '2.0.0', 'latest', 'sha-0123456'])
    expectIndexOfBuiltImages(run, repository, '2.0.0')
  })

  it('publishes stream-shaped images too', async () => {
    const repository = `acme/stream-${unique}`
    const run = await publish(repository, 'refs/heads/main', { container: 'greetStream', publisher: 'builtin' })
    expect(run.errors).toEqual([])
    expectIndexOfBuiltImages(run, repository, 'latest')
  })
})
