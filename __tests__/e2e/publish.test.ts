// Publishing for real: manifest apps made by the real flocken (../shared/vendor, mkDockerManifest
// v2.5.3, see __tests__/fixture/flocken.nix for the three Debian gaps bridged by named stand-ins)
// and the builtin publisher push to the local registries (distribution 2.8 with htpasswd on
// 127.0.0.1:5000 and :5001), and each registry is read back with skopeo, independent of the action.
import { beforeAll, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PackageURL } from 'packageurl-js'
import { images, runAction, type ActionRun } from '../helpers/action.js'
import type { CycloneDx } from '../../src/image/sbom.js'
import { FIXTURE_DESCRIPTION, FIXTURE_DIR, fixtureOnStack, githubApiStandIn, makeFixtureRepo } from '../helpers/fixture.js'
import { type Index, pushInputs, type RegistryLogin, registryTags, skopeoInspect, stackRegistry } from '../helpers/registry.js'
import { imageLayers } from '../helpers/docker.js'

let flake: string
let env: Record<string, string>
let main: RegistryLogin
let mirror: RegistryLogin
const unique = `${process.pid}-${Date.now().toString(36)}`
beforeAll(async () => {
  ;({ env, flake } = await fixtureOnStack())
  main = stackRegistry(false, env)
  mirror = stackRegistry(true, env)
})

const sha = '0123456789abcdef0123456789abcdef01234567'

/** A GitHub repository, as the API stand-in describes it to flocken's GitHub mode. */
function githubRepository(name: string): string {
  githubApiStandIn(name)
  return name
}

interface PublishOptions {
  inputs?: Record<string, string>
  eventName?: string
  /** GITHUB_REPOSITORY: where flocken's GitHub mode pushes. */
  githubRepository?: string
  env?: Record<string, string>
}

function publish(
  ref: string,
  { inputs = {}, eventName = 'push', githubRepository: repo = 'acme/fixture', env: extra = {} }: PublishOptions = {},
): Promise<ActionRun> {
  return runAction({
    cwd: flake,
    inputs: { container: 'greetContainer', ...pushInputs(main), ...inputs },
    env: {
      GITHUB_EVENT_NAME: eventName,
      GITHUB_REF: ref,
      GITHUB_SHA: sha,
      GITHUB_REPOSITORY: repo,
      NCA_E2E_ID: unique,
      NCA_MIRROR_USER: env.NCA_MIRROR_USER,
      NCA_MIRROR_PASSWORD: env.NCA_MIRROR_PASSWORD,
      ...extra,
    },
  })
}

/** The tag is one two-platform index with the digest the action reported, holding the very layers it tested. */
function expectIndexOfBuiltImages(run: ActionRun, repository: string, tag: string, at: RegistryLogin = main, digest = run.outputs.digest): void {
  const raw = skopeoInspect(at, repository, tag)
  expect(`sha256:${createHash('sha256').update(raw).digest('hex')}`).toBe(digest)
  const index = JSON.parse(raw) as Index
  expect(index.manifests.map((m) => `${m.platform.os}/${m.platform.architecture}`).sort()).toEqual(['linux/amd64', 'linux/arm64'])
  for (const image of images(run)) {
    const child = index.manifests.find((m) => `${m.platform.os}/${m.platform.architecture}` === image.platform)!
    const config = JSON.parse(skopeoInspect(at, repository, child.digest, 'config')) as { rootfs: { diff_ids: string[] } }
    expect(config.rootfs.diff_ids).toEqual(imageLayers(image.imageId))
  }
}

/** What the stand-in podman, crane and friends were asked to do, one "program subcommand" per line. */
function containersLog(): { file: string; read: () => string[] } {
  const file = join(mkdtempSync(join(tmpdir(), 'nca-containers-log-')), 'calls')
  writeFileSync(file, '')
  return { file, read: () => readFileSync(file, 'utf8').split('\n').filter(Boolean) }
}

describe('publishing through the real flocken (mkDockerManifest)', () => {
  it('a v1.2.3 tag in GitHub mode pushes 1.2.3, 1.2 and 1 to ghcr-style <owner>/<repo>, each the same two-platform index', async () => {
    const repo = githubRepository(`Acme/Flocken-Tag-${unique}`)
    const repository = repo.toLowerCase()
    const run = await publish('refs/tags/v1.2.3', { githubRepository: repo })
    expect(run.errors).toEqual([])
    expect(run.log).toContain(`greetManifest pushes to 127.0.0.1:5000/${repository} (tags 1.2.3, 1.2, 1) (read from flocken's script /nix/store/`)
    expect(run.outputs.tags.split('\n')).toEqual(['1.2.3', '1.2', '1'].map((t) => `127.0.0.1:5000/${repository}:${t}`))
    expect(run.outputs.digest).toMatch(/^sha256:[0-9a-f]{64}$/)
    expect(run.outputs.pushed).toBe(`127.0.0.1:5000/${repository}@${run.outputs.digest}`)
    expect(await registryTags(repository)).toEqual(['1', '1.2', '1.2.3'])
    for (const tag of ['1.2.3', '1.2', '1']) expectIndexOfBuiltImages(run, repository, tag)
    // Each SBOM names the platform manifest flocken pushed, as read back from the registry.
    const index = JSON.parse(skopeoInspect(main, repository, '1.2.3')) as Index
    for (const [key, file] of Object.entries(JSON.parse(run.outputs.sboms) as Record<string, string>)) {
      const arch = key.endsWith('/aarch64-linux') ? 'arm64' : 'amd64'
      const purl = PackageURL.fromString((JSON.parse(readFileSync(file, 'utf8')) as CycloneDx).metadata.component.purl!)
      expect([purl.type, purl.version, purl.qualifiers?.repository_url]).toEqual([
        'oci',
        index.manifests.find((m) => m.platform.architecture === arch)!.digest,
        `127.0.0.1:5000/${repository}`,
      ])
    }
    expect(run.summary).toContain('### Published')
    expect(run.summary).toContain(`\`127.0.0.1:5000/${repository}\``)
    expect(run.visibleLog).not.toContain(env.NCA_REGISTRY_PASSWORD)
  })

  it("annotates the index: flocken's GitHub mode says what GitHub knows, the action's $ANNOTATIONS the commit and its time", async () => {
    const repo = githubRepository(`Acme/Flocken-Annotated-${unique}`)
    const repository = repo.toLowerCase()
    const run = await publish('refs/tags/v1.4.0', { githubRepository: repo })
    expect(run.errors).toEqual([])
    const index = JSON.parse(skopeoInspect(main, repository, '1.4.0')) as { annotations?: Record<string, string> }
    const [revision, seconds] = execFileSync('git', ['-C', flake, 'show', '--no-patch', '--format=%H %ct', 'HEAD'], { encoding: 'utf8' }).trim().split(' ')
    expect(index.annotations).toMatchObject({
      'org.opencontainers.image.source': `https://github.com/${repo}`,
      'org.opencontainers.image.revision': revision,
      // The commit's time, not the clock's: a re-run of the commit pushes the same index.
      'org.opencontainers.image.created': new Date(Number(seconds) * 1000).toISOString().replace('.000Z', 'Z'),
      'org.opencontainers.image.version': '1.4.0',
      'org.opencontainers.image.description': FIXTURE_DESCRIPTION,
      'org.opencontainers.image.licenses': 'MIT',
      'org.opencontainers.image.title': repository.split('/')[1],
    })
  })

  it('the default branch pushes latest and the branch; the app that runs is the one built with the images', async () => {
    const repo = githubRepository(`acme/flocken-main-${unique}`)
    const run = await publish('refs/heads/main', { githubRepository: repo })
    expect(run.errors).toEqual([])
    expect(await registryTags(repo)).toEqual(['latest', 'main'])
    expectIndexOfBuiltImages(run, repo, 'latest')
    // The program that pushed is the build's own output, whose closure holds the tested images.
    const program = /read from flocken's script (\/nix\/store\/[^/]+)\//.exec(run.log)![1]
    const closure = execFileSync('nix-store', ['--query', '--requisites', program], { encoding: 'utf8' }).split('\n')
    for (const image of images(run)) expect(closure).toContain(image.storePath)
    expect(run.log).not.toMatch(/\[command\]\S*nix run/)
  })

  it('another branch pushes only its (cleaned) name: no latest', async () => {
    const repo = githubRepository(`acme/flocken-branch-${unique}`)
    const run = await publish('refs/heads/feature/new-thing', { githubRepository: repo })
    expect(run.errors).toEqual([])
    expect(await registryTags(repo)).toEqual(['feature-new-thing'])
    expectIndexOfBuiltImages(run, repo, 'feature-new-thing')
  })

  it('a pull request builds and tests both architectures, then runs no app, pushes nothing and logs in nowhere', async () => {
    const repo = githubRepository(`acme/flocken-pr-${unique}`)
    const calls = containersLog()
    const run = await publish('refs/pull/9/merge', { eventName: 'pull_request', githubRepository: repo, env: { NCA_CONTAINERS_LOG: calls.file } })
    expect(run.errors).toEqual([])
    expect(images(run).map((i) => i.test)).toEqual(['passed', 'passed'])
    expect(run.outputs.digest).toBeUndefined()
    expect(run.outputs.pushed).toBeUndefined()
    expect(calls.read()).toEqual([])
    expect(run.log).not.toMatch(/login|docker-manifest/)
    expect(await registryTags(repo)).toBeUndefined()
  })

  it("two registries in registries, with a repo of the flake's own and the second one's own login: both pushed, both read back", async () => {
    const calls = containersLog()
    const run = await publish('refs/tags/v2.0.0', { inputs: { 'manifest-app': 'greetRegistriesManifest' }, env: { NCA_CONTAINERS_LOG: calls.file } })
    expect(run.errors).toEqual([])
    const first = `flocken-e2e/greeter-${unique}`
    const second = `mirror/greeter-${unique}`
    // podman compresses the layers again for each registry's push, and podman 5.8's gzip does not always
    // give the same bytes twice (seen here: one layer 1083782 bytes on one, 1083806 on the other), so
    // each registry may hold its own index digest: each is reported as it is, and each was read back
    // and checked by diff_ids.
    const pushed = run.outputs.pushed.split('\n')
    expect(pushed[0]).toBe(`127.0.0.1:5000/${first}@${run.outputs.digest}`)
    expect(pushed[1]).toMatch(new RegExp(`^127\\.0\\.0\\.1:5001/${second}@sha256:[0-9a-f]{64}$`))
    expect(pushed).toHaveLength(2)
    expect(await registryTags(first)).toEqual(['2', '2.0', '2.0.0'])
    expect(await registryTags(second, mirror)).toEqual(['2', '2.0', '2.0.0'])
    for (const tag of ['2.0.0', '2']) {
      expectIndexOfBuiltImages(run, first, tag)
      expectIndexOfBuiltImages(run, second, tag, mirror, pushed[1].split('@')[1])
    }
    // Nothing was looked for where the action would have guessed from its inputs (GITHUB_REPOSITORY).
    expect(run.log).not.toContain('127.0.0.1:5000/acme/fixture')
    // flocken logged out of both registries at the end; the read-back logs in by itself.
    const calls_ = calls.read()
    expect(calls_.filter((c) => c.startsWith('podman login'))).toHaveLength(2)
    expect(calls_.lastIndexOf('podman logout 127.0.0.1:5001')).toBeGreaterThan(calls_.lastIndexOf('podman manifest push'))
    expect(run.summary).toContain(`\`127.0.0.1:5001/${second}\``)
    expect(run.visibleLog).not.toContain(env.NCA_MIRROR_PASSWORD)
  })

  it("flocken's logout at the end removes the runner's own login, and the read-back still passes", async () => {
    // A login of the runner's own (as docker/login-action would leave), which flocken's logout removes.
    const authDir = mkdtempSync(join(tmpdir(), 'nca-auth-'))
    const authFile = join(authDir, 'auth.json')
    execFileSync('podman', ['login', '--tls-verify=false', '--authfile', authFile, '--username', main.user, '--password-stdin', main.registry], {
      input: main.password,
    })
    const repo = githubRepository(`acme/flocken-logout-${unique}`)
    const run = await publish('refs/tags/v3.1.4', { githubRepository: repo, env: { REGISTRY_AUTH_FILE: authFile } })
    expect(run.errors).toEqual([])
    expect(run.log).toMatch(/podman logout 127\.0\.0\.1:5000/)
    expect(JSON.parse(readFileSync(authFile, 'utf8'))).toEqual({ auths: {} })
    expectIndexOfBuiltImages(run, repo, '3.1.4')
  })

  it("stream images (imageStreams) are pushed through flocken's gzip pipe", async () => {
    const run = await publish('refs/heads/main', { inputs: { container: 'greetStream', 'manifest-app': 'greetStreamManifest' } })
    expect(run.errors).toEqual([])
    expect(await registryTags(`flocken-e2e/stream-${unique}`)).toEqual(['stream'])
    expectIndexOfBuiltImages(run, `flocken-e2e/stream-${unique}`, 'stream')
  })

  it('on a cold store, the one nix build builds the images and the manifest app: the publish step builds nothing', async () => {
    const greet = readFileSync(join(FIXTURE_DIR, 'greet.sh'), 'utf8')
    const cold = await makeFixtureRepo({ 'greet.sh': `${greet}\n# cold ${unique}\n` })
    const repo = githubRepository(`acme/flocken-cold-${unique}`)
    const run = await runAction({
      cwd: cold,
      inputs: { container: 'greetContainer', ...pushInputs(main) },
      env: { GITHUB_EVENT_NAME: 'push', GITHUB_REF: 'refs/heads/main', GITHUB_SHA: sha, GITHUB_REPOSITORY: repo },
    })
    expect(run.errors).toEqual([])
    const publishing = run.log.indexOf('::group::Publish to')
    const built = [...run.log.matchAll(/^building '([^']+)'/gm)]
    expect(built.map((m) => m[1].replace(/^.*?-/, '')).sort()).toEqual(['docker-manifest.drv', 'greet.tar.drv', 'greet.tar.drv'])
    expect(built.every((m) => m.index! < publishing)).toBe(true)
    expect(run.log).toMatch(/::group::Build 2 image\(s\) and 1 manifest app\(s\) with one nix build/)
    expect(run.summary).toContain('**3 derivation(s) built**')
  })

  it("a branch push that flocken derives no tag for fails before building, with flocken's words and the fix", async () => {
    const run = await publish('refs/heads/topic', { inputs: { 'manifest-app': 'greetVersionOnlyManifest' } })
    const error = run.errors.join('\n')
    expect(error).toMatch(/flocken derived no tag for refs\/heads\/topic from the manifest app greetVersionOnlyManifest/)
    expect(error).toMatch(/version or tags input/)
    expect(error).toContain('At least one `tag` must be set')
    expect(run.log).not.toMatch(/\[command\]\S*nix build/)
  })

  it('a wrong password fails clearly and pushes nothing', async () => {
    const repo = githubRepository(`acme/flocken-badpass-${unique}`)
    const run = await publish('refs/heads/main', { githubRepository: repo, inputs: { password: 'not-the-password' } })
    expect(run.errors.join('\n')).toMatch(
      /127\.0\.0\.1:5000 refused the credentials of user 'nca' \(inputs username and password; on ghcr\.io the workflow needs permissions: packages: write\)/,
    )
    expect(run.visibleLog).not.toContain('not-the-password')
    expect(await registryTags(repo)).toBeUndefined()
  })

  it('refuses, before pushing, a manifest app that would push another set of images', async () => {
    const run = await publish('refs/heads/main', { inputs: { 'manifest-app': 'greetWrongManifest' } })
    expect(run.errors.join('\n')).toMatch(
      /The manifest app greetWrongManifest does not push the images that were built and tested: greetContainer aarch64-linux \(\.#packages\.aarch64-linux\.greetContainer\) is not among its inputs/,
    )
    expect(await registryTags(`flocken-e2e/wrong-${unique}`)).toBeUndefined()
  })

  it('names the missing manifest app and shows the flocken Nix to add, before building', async () => {
    const run = await publish('refs/heads/main', { inputs: { container: 'greetContainerGz' } })
    const error = run.errors.join('\n')
    expect(error).toMatch(/Input 'manifest-app': the flake \. has no manifest app greetContainerGzManifest/)
    expect(error).toContain('mkDockerManifest {')
    expect(error).toContain('registries."127.0.0.1:5000" = {')
    expect(error).toContain('publisher: builtin')
    expect(run.log).not.toMatch(/\[command\]\S*nix build/)
  })
})

describe('a manifest app that is not flocken', () => {
  it('is run, and read back where the inputs say, and the log says why', async () => {
    const repository = `acme/custom-${unique}`
    const run = await publish('refs/tags/v1.0.0', { inputs: { 'manifest-app': 'greetCustomManifest', repository } })
    expect(run.errors).toEqual([])
    expect(run.log).toMatch(
      /greetCustomManifest is not a flocken script \(\/nix\/store\/\S+\), so where it pushes cannot be read before it runs: the action reads back 127\.0\.0\.1:5000\/acme\/custom-\S+ with tags 1\.0\.0, 1\.0, 1 \(inputs registry, repository and tags\)/,
    )
    expectIndexOfBuiltImages(run, repository, '1.0.0')
  })

  it('that pushed elsewhere: the read-back error names where the action looked and why', async () => {
    // The custom app pushes to REPOSITORY; TAGS names a tag it pushes, then the read-back looks under the repository input.
    const run = await publish('refs/heads/main', {
      inputs: { 'manifest-app': 'greetCustomManifest', repository: `acme/custom-nowhere-${unique}`, tags: 'only-here' },
      env: { NCA_CUSTOM_REPOSITORY_OVERRIDE: `acme/custom-elsewhere-${unique}` },
    })
    expect(run.errors.join('\n')).toMatch(
      /Reading back 127\.0\.0\.1:5000\/acme\/custom-nowhere-\S+:only-here failed: .*not found.*The action looked there because of inputs registry, repository and tags; if the app pushes elsewhere, that is where the images are/s,
    )
    expect(await registryTags(`acme/custom-elsewhere-${unique}`)).toEqual(['only-here'])
  })

  it('a registry that is down fails after bounded retries', async () => {
    const run = await publish('refs/heads/main', {
      inputs: { 'manifest-app': 'greetCustomManifest', repository: `acme/down-${unique}`, registry: '127.0.0.1:5999' },
    })
    expect(run.log.match(/failed \(attempt \d of 5\), retrying/g)).toHaveLength(4)
    expect(run.errors.join('\n')).toMatch(/127\.0\.0\.1:5999 could not be reached after retries/)
  })
})

describe('publisher: builtin', () => {
  it('pushes the same two-platform index by digest, without a manifest app', async () => {
    const repository = `acme/builtin-${unique}`
    const run = await publish('refs/tags/v2.0.0', { inputs: { repository, container: 'greetContainerGz', publisher: 'builtin' } })
    expect(run.errors).toEqual([])
    expect(await registryTags(repository)).toEqual(['2', '2.0', '2.0.0'])
    expectIndexOfBuiltImages(run, repository, '2.0.0')
  })

  it('publishes stream-shaped images too', async () => {
    const repository = `acme/stream-${unique}`
    const run = await publish('refs/heads/main', { inputs: { repository, container: 'greetStream', publisher: 'builtin' } })
    expect(run.errors).toEqual([])
    expectIndexOfBuiltImages(run, repository, 'latest')
  })
})
