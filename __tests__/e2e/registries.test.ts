// Registries as companies run them, for real: distribution speaking TLS with a certificate from a CA
// of the test's own, installed in the system store as on a self-hosted runner (the action's process
// gets no NODE_EXTRA_CA_CERTS, as runners set none), reached by name, directly and through tinyproxy.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { copyFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { runAction } from '../helpers/action.js'
import { fixtureOnStack } from '../helpers/fixture.js'
import { loopbackName } from '../helpers/hosts.js'
import type { Index } from '../helpers/registry.js'
import { type RegistryServer, registryGet, startRegistry } from '../helpers/registry-server.js'
import { CountingProxy, anyOf, firstTimes } from '../helpers/proxy.js'
import { startTokenServer } from '../helpers/token-server.js'
import { Tinyproxy } from '../helpers/tinyproxy.js'
import { issue, makeAuthority } from '../helpers/tls.js'
import { tempDir } from '../helpers/tmp.js'

const NAME = 'registry.nca.test'
const unique = `${process.pid}-${Date.now().toString(36)}`
const installedCa = `/usr/local/share/ca-certificates/nca-e2e-registries-${process.pid}.crt`

let flake: string
let env: Record<string, string>
let registry: RegistryServer
let address: string
let proxy: Tinyproxy
let removeName: () => void

beforeAll(async () => {
  ;({ env, flake } = await fixtureOnStack())
  const dir = tempDir('registries')
  const ca = makeAuthority(dir, 'nca-e2e-company-ca')
  copyFileSync(ca.certFile, installedCa)
  execFileSync('update-ca-certificates', { stdio: 'ignore' })
  removeName = loopbackName(NAME)
  // The stack registry's users (htpasswd), so the inputs are the stack's login.
  registry = await startRegistry({ tls: issue(ca, dir, [NAME]), htpasswd: join(env.STACK_DIR, 'registry', 'htpasswd') })
  const port = Number(registry.address.split(':')[1])
  address = `${NAME}:${port}`
  proxy = await Tinyproxy.start(dir, [port])
}, 120_000)

afterAll(async () => {
  proxy?.stop()
  await registry?.stop()
  removeName?.()
  rmSync(installedCa, { force: true })
  execFileSync('update-ca-certificates', ['--fresh'], { stdio: 'ignore' })
}, 120_000)

const login = () => ({ username: env.NCA_REGISTRY_USER, password: env.NCA_REGISTRY_PASSWORD })

/** The index under a tag, as skopeo (which trusts the system store, as podman does) reads it. */
function platformsOf(repository: string, tag: string): string[] {
  const raw = execFileSync('skopeo', ['inspect', '--raw', '--creds', `${login().username}:${login().password}`, `docker://${address}/${repository}:${tag}`], {
    encoding: 'utf8',
  })
  return (JSON.parse(raw) as Index).manifests.map((m) => `${m.platform.os}/${m.platform.architecture}`).sort()
}

function pushBuiltin(repository: string, extraEnv: Record<string, string> = {}) {
  return runAction({
    cwd: flake,
    inputs: { container: 'greetStoreContainer', publisher: 'builtin', registry: address, ...login(), repository },
    env: { GITHUB_EVENT_NAME: 'push', GITHUB_REF: 'refs/heads/main', ...extraEnv },
  })
}

describe('a registry whose certificate comes from a CA in the system store', () => {
  it('the builtin publisher pushes a two-platform index and reads it back', async () => {
    const repository = `acme/private-ca-${unique}`
    const run = await pushBuiltin(repository)
    expect(run.errors).toEqual([])
    expect(run.outputs.digest).toMatch(/^sha256:/)
    expect(platformsOf(repository, 'latest')).toEqual(['linux/amd64', 'linux/arm64'])
  })

  it("through HTTPS_PROXY: the registry's and GitHub's requests go through the proxy (its log shows the tunnels)", async () => {
    const repository = `acme/private-ca-proxied-${unique}`
    const before = proxy.requests().length
    const run = await pushBuiltin(repository, { HTTPS_PROXY: proxy.url })
    expect(run.errors).toEqual([])
    expect(platformsOf(repository, 'latest')).toEqual(['linux/amd64', 'linux/arm64'])
    const tunnels = proxy.requests().slice(before)
    expect(tunnels.length).toBeGreaterThan(0)
    // GitHub's API too (the source annotations' request, which cannot get out from here): every
    // request of the action's own goes through the proxy.
    expect(new Set(tunnels)).toEqual(new Set([`CONNECT ${address}`, 'CONNECT api.github.com:443']))
  })

  it.each([
    ['directly', {}],
    ['through HTTPS_PROXY', { proxied: true }],
  ])("flocken's push there (podman trusts the store too), and the action's read-back of it, %s", async (how, { proxied }: { proxied?: boolean }) => {
    const id = `ca-${how === 'directly' ? '' : 'proxied-'}${unique}`
    const before = proxy.requests().length
    const run = await runAction({
      cwd: flake,
      inputs: { container: 'greetContainer', 'manifest-app': 'greetEnvRegistryManifest', registry: address, ...login() },
      env: {
        GITHUB_EVENT_NAME: 'push',
        GITHUB_REF: 'refs/heads/main',
        NCA_E2E_ID: id,
        NCA_E2E_REGISTRY: address,
        ...(proxied ? { HTTPS_PROXY: proxy.url } : {}),
      },
    })
    expect(run.errors).toEqual([])
    expect(run.log).toContain(`pushes to ${address}/flocken-e2e/env-${id}`)
    expect(platformsOf(`flocken-e2e/env-${id}`, 'env-registry')).toEqual(['linux/amd64', 'linux/arm64'])
    expect(run.outputs.digest).toMatch(/^sha256:/)
    // podman's tunnels and the read-back's, or none at all.
    const tunnels = proxy.requests().slice(before)
    if (proxied) expect(tunnels.filter((t) => t === `CONNECT ${address}`).length).toBeGreaterThan(1)
    else expect(tunnels).toEqual([])
  })
})

const BUSY = { status: 503, body: { errors: [{ code: 'UNAVAILABLE', message: 'busy' }] } }
/** A blob upload's closing PUT, counted by the blob's digest. */
const closing = (req: { method?: string; url?: string }) =>
  req.method === 'PUT' && req.url!.includes('/blobs/uploads/') ? (new URL(req.url!, 'http://x').searchParams.get('digest') ?? undefined) : undefined

/**
 * distribution with 3-second tokens behind a fault proxy that holds the first PATCH past its
 * token's life and answers 503 to each blob upload's closing PUT `times` times. `address` is the proxy's.
 */
async function faultyTokenRegistry(times: number) {
  const tokens = await startTokenServer({ lifetimeMs: 3000, users: { pusher: 'secret' } })
  const registry = await startRegistry({ token: tokens.auth })
  const faults = new CountingProxy(
    anyOf(
      firstTimes(times, closing, BUSY),
      firstTimes(1, (req) => (req.method === 'PATCH' ? 'patch' : undefined), { delayMs: 3500 }),
    ),
  )
  await faults.start(registry.address)
  /** The index under a tag, as the registry itself serves it (not through the faults). */
  const index = async (repository: string, tag: string) => {
    const token = (await (
      await fetch(`${tokens.auth.realm}?service=${tokens.auth.service}&scope=repository:${repository}:pull`, {
        headers: { authorization: `Basic ${Buffer.from('pusher:secret').toString('base64')}` },
      })
    ).json()) as { token: string }
    const answer = await registryGet(registry.address, `/v2/${repository}/manifests/${tag}`, `Bearer ${token.token}`)
    return {
      status: answer.status,
      architectures: answer.status === 200 ? (JSON.parse(answer.body.toString()) as Index).manifests.map((m) => m.platform.architecture).sort() : [],
    }
  }
  const stop = async () => {
    await faults.stop()
    await registry.stop()
    await tokens.stop()
  }
  return { address: faults.address, faults, index, stop }
}

/** flocken's app (greetEnvRegistryManifest) pushing to `address`, podman speaking plain HTTP to it. */
function flockenTo(address: string, id: string) {
  const conf = join(tempDir('registries-conf'), 'registries.conf')
  writeFileSync(conf, `[[registry]]\nlocation = "${address}"\ninsecure = true\n`)
  return runAction({
    cwd: flake,
    inputs: { container: 'greetContainer', 'manifest-app': 'greetEnvRegistryManifest', registry: address, username: 'pusher', password: 'secret' },
    env: { GITHUB_EVENT_NAME: 'push', GITHUB_REF: 'refs/heads/main', NCA_E2E_ID: id, NCA_E2E_REGISTRY: address, NCA_E2E_REGISTRIES_CONF: conf },
  })
}

describe('a registry with 3-second tokens that answers 503 twice to every blob upload', () => {
  it('the builtin publisher pushes the two-platform index, each blob retried, the token renewed, and reads it back', async () => {
    const flaky = await faultyTokenRegistry(2)
    const repository = `acme/flaky-${unique}`
    try {
      const run = await runAction({
        cwd: flake,
        inputs: { container: 'greetStoreContainer', publisher: 'builtin', registry: flaky.address, username: 'pusher', password: 'secret', repository },
        env: { GITHUB_EVENT_NAME: 'push', GITHUB_REF: 'refs/heads/main' },
      })
      expect(run.errors).toEqual([])
      expect(run.outputs.digest).toMatch(/^sha256:/)
      expect(run.log).toMatch(/failed \(attempt 1 of 5\), retrying in/)
      expect(flaky.faults.seen.filter((r) => r.status === 503).length).toBeGreaterThanOrEqual(2 * 4)
      expect(flaky.faults.seen.some((r) => r.method === 'PATCH' && r.status === 401)).toBe(true)
      expect(await flaky.index(repository, 'latest')).toEqual({ status: 200, architectures: ['amd64', 'arm64'] })
    } finally {
      await flaky.stop()
    }
  }, 180_000)

  it("flocken's push there: podman's manifest push retries nothing, so the action runs the app again (five runs at most), also when podman's token ran out mid-upload; then the read-back", async () => {
    const flaky = await faultyTokenRegistry(2)
    const id = `flaky-${unique}`
    try {
      const run = await flockenTo(flaky.address, id)
      expect(run.errors).toEqual([])
      expect(run.outputs.digest).toMatch(/^sha256:/)
      expect(run.log).toMatch(/The manifest app greetEnvRegistryManifest failed \(attempt 1 of 5\), retrying in 2s/)
      expect(flaky.faults.seen.some((r) => r.method === 'PATCH' && r.status === 401)).toBe(true)
      const blobPuts = flaky.faults.seen.filter((r) => r.method === 'PUT' && r.path.includes('/blobs/uploads/'))
      expect(blobPuts.filter((r) => r.status === 503).length).toBeGreaterThanOrEqual(2 * 4)
      expect(await flaky.index(`flocken-e2e/env-${id}`, 'env-registry')).toEqual({ status: 200, architectures: ['amd64', 'arm64'] })
    } finally {
      await flaky.stop()
    }
  }, 300_000)
})
