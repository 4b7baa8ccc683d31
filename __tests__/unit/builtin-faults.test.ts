// The builtin publisher against a real registry (Debian's docker-registry) behind a proxy that
// injects faults: answers of its own (503, 429, 500), connections cut mid-upload, requests held
// until their token has expired. What ends up in the registry is read from it directly.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { createHash } from 'node:crypto'
import { statSync } from 'node:fs'
import type { IncomingMessage } from 'node:http'
import { createServer } from 'node:net'
import type { BuiltImage, Compression } from '../../src/model.js'
import type { BuiltinPush } from '../../src/publish/builtin.js'
import { type Target, pushBuiltin } from '../../src/publish/publish.js'
import { verifyPublished } from '../../src/publish/verify.js'
import type { RetryOptions } from '../../src/registry/retry-policy.js'
import { makeImageArchive } from '../helpers/image-archive.js'
import { CountingProxy, type FaultRule, anyOf, firstTimes } from '../helpers/proxy.js'
import { type RegistryServer, registryGet, startRegistry } from '../helpers/registry-server.js'
import { type TokenServer, startTokenServer } from '../helpers/token-server.js'
import { RegistryClient } from '../../src/registry/client.js'

const LAYERS = 3
const LAYER_BYTES = 256 * 1024
let image: BuiltImage
let diffIds: string[]

beforeAll(async () => {
  const made = await makeImageArchive(LAYERS, LAYER_BYTES)
  diffIds = made.diffIds
  image = {
    container: 'app',
    system: 'x86_64-linux',
    platform: 'linux/amd64',
    installable: '.#packages.x86_64-linux.app',
    build: 'native',
    run: 'native',
    storePath: made.archive,
    drvPath: '/nix/store/x-app.drv',
    kind: 'archive',
    size: statSync(made.archive).size,
  }
})

const TAGS = ['1.0', 'latest']
/** Small waits, so that a test of several retries takes a second, not minutes. */
const FAST: RetryOptions = { attempts: 4, firstDelayMs: 20, maxDelayMs: 5000, budgetMs: 60_000 }

interface Outcome {
  pushed?: BuiltinPush
  error?: Error
  log: string[]
  seen: CountingProxy['seen']
  durationMs: number
}

/** One push of the image through a proxy with `rule` in front of `registry`, as the action makes it. */
async function pushThrough(
  registry: string,
  rule: FaultRule,
  repository: string,
  over: { compression?: Compression; options?: Partial<RetryOptions>; username?: string; password?: string } = {},
): Promise<Outcome> {
  const proxy = new CountingProxy(rule)
  await proxy.start(registry)
  const log: string[] = []
  const target: Target = {
    registry: proxy.address,
    repository,
    tags: TAGS,
    credentials: { username: over.username ?? 'pusher', password: over.password ?? 'secret' },
    source: 'test',
  }
  const started = Date.now()
  try {
    const pushed = await pushBuiltin(
      target,
      [{ built: image }],
      { annotations: { index: {}, manifest: {} }, labels: {}, compression: over.compression ?? 'none' },
      (m) => log.push(m),
      { ...FAST, ...over.options },
    )
    return { pushed, log, seen: proxy.seen, durationMs: Date.now() - started }
  } catch (e) {
    return { error: e as Error, log, seen: proxy.seen, durationMs: Date.now() - started }
  } finally {
    await proxy.stop()
  }
}

const sha256 = (bytes: Buffer) => `sha256:${createHash('sha256').update(bytes).digest('hex')}`

/** Reads the index under `tag` back from the registry itself, and every manifest and blob it names: each must hash to its digest. */
async function expectInRegistry(registry: string, repository: string, outcome: Outcome, authorization?: string): Promise<void> {
  expect(outcome.error).toBeUndefined()
  for (const tag of TAGS) {
    const index = await registryGet(registry, `/v2/${repository}/manifests/${tag}`, authorization)
    expect(index.status).toBe(200)
    expect(sha256(index.body)).toBe(outcome.pushed!.index)
    const { manifests } = JSON.parse(index.body.toString()) as { manifests: { digest: string }[] }
    expect(manifests.map((m) => m.digest)).toEqual(outcome.pushed!.images.map((i) => i.digest))
    for (const { digest } of manifests) {
      const manifest = await registryGet(registry, `/v2/${repository}/manifests/${digest}`, authorization)
      expect(sha256(manifest.body)).toBe(digest)
      const { config, layers } = JSON.parse(manifest.body.toString()) as { config: { digest: string }; layers: { digest: string }[] }
      expect(layers).toHaveLength(LAYERS)
      for (const blob of [config, ...layers])
        expect(sha256((await registryGet(registry, `/v2/${repository}/blobs/${blob.digest}`, authorization)).body)).toBe(blob.digest)
    }
  }
}

/** No tag of the repository moved: the registry knows none of them. */
async function expectNoTag(registry: string, repository: string, authorization?: string): Promise<void> {
  for (const tag of TAGS) expect((await registryGet(registry, `/v2/${repository}/manifests/${tag}`, authorization)).status).toBe(404)
}

const retries = (log: string[]) => log.filter((l) => /failed \(attempt \d+ of \d+\), retrying/.test(l))
const unavailable = { errors: [{ code: 'UNAVAILABLE', message: 'service unavailable' }] }
const isTagPut = (req: IncomingMessage) => req.method === 'PUT' && /\/manifests\/(?!sha256:)/.test(req.url!)
const isPatch = (req: IncomingMessage) => req.method === 'PATCH' && req.url!.includes('/blobs/uploads/')
/** The digest an upload is closed under (PUT …/blobs/uploads/<id>?digest=…). */
const closedDigest = (req: IncomingMessage) =>
  req.method === 'PUT' && req.url!.includes('/blobs/uploads/') ? (new URL(req.url!, 'http://x').searchParams.get('digest') ?? undefined) : undefined

describe('the builtin publisher through faults, to a real registry', () => {
  let registry: RegistryServer
  beforeAll(async () => {
    registry = await startRegistry()
  })
  afterAll(() => registry.stop())
  const repo = (name: string) => `acme/${name}-${process.pid}`

  it('503 twice to every blob upload: each blob is retried on its own and the push succeeds', async () => {
    const repository = repo('busy')
    const outcome = await pushThrough(registry.address, firstTimes(2, closedDigest, { status: 503, body: unavailable }), repository)
    await expectInRegistry(registry.address, repository, outcome)
    const blobs = [outcome.pushed!.images[0].config.digest, ...diffIds]
    for (const digest of blobs) expect(retries(outcome.log).filter((l) => l.includes(digest))).toHaveLength(2)
    expect(retries(outcome.log)).toHaveLength(2 * blobs.length)
  })

  it('429 with Retry-After: 1 is waited out for a second before the next try', async () => {
    const repository = repo('slow-down')
    const opened = (req: IncomingMessage) => (req.method === 'POST' && req.url!.includes('/blobs/uploads/') ? 'upload' : undefined)
    const outcome = await pushThrough(
      registry.address,
      firstTimes(1, opened, { status: 429, headers: { 'retry-after': '1' }, body: { errors: [{ code: 'TOOMANYREQUESTS', message: 'slow down' }] } }),
      repository,
    )
    await expectInRegistry(registry.address, repository, outcome)
    const refused = outcome.seen.find((s) => s.status === 429)!
    const next = Math.min(...outcome.seen.filter((s) => s.at > refused.at).map((s) => s.at))
    expect(next - refused.at).toBeGreaterThanOrEqual(1000)
    expect(retries(outcome.log)).toEqual([expect.stringMatching(/HTTP 429.*TOOMANYREQUESTS slow down/)])
  })

  it.each<Compression>(['none', 'gzip'])(
    'a connection cut in the middle of each layer’s first upload (compression %s): that layer is sent again from a new read of the archive',
    async (compression) => {
      const repository = repo(`cut-${compression}`)
      let patches = 0
      // Every other PATCH is cut after 64 KiB: each layer's first try, as each is retried once. Two
      // tries each suffice only when every layer has its own.
      const cut: FaultRule = (req) => (isPatch(req) && patches++ % 2 === 0 ? { resetAfterBytes: 64 * 1024 } : undefined)
      const outcome = await pushThrough(registry.address, cut, repository, { compression, options: { attempts: 2 } })
      await expectInRegistry(registry.address, repository, outcome)
      expect(outcome.seen.filter((s) => s.method === 'PATCH' && s.status === 0)).toHaveLength(LAYERS)
      expect(retries(outcome.log)).toHaveLength(LAYERS)
    },
  )

  it('500 to every tag: the push fails naming the status and the registry’s error, and no tag moves', async () => {
    const repository = repo('broken-index')
    const refuse: FaultRule = (req) => (isTagPut(req) ? { status: 500, body: { errors: [{ code: 'UNKNOWN', message: 'unknown error' }] } } : undefined)
    const outcome = await pushThrough(registry.address, refuse, repository)
    expect(outcome.error?.message).toMatch(
      /^Pushing \S+: \S+ answered HTTP 500 \(UNKNOWN\) after retries \(4 tries\); re-run once it is healthy \(pushing again is safe\)/,
    )
    expect(outcome.error?.message).toMatch(/:1\.0: pushing the manifest: HTTP 500: UNKNOWN unknown error/)
    expect(outcome.error?.message).not.toMatch(/could not be reached/)
    expect(retries(outcome.log)).toHaveLength(FAST.attempts - 1)
    await expectNoTag(registry.address, repository)
  })

  it('503 until the budget is spent: the push stops, saying so and what the registry last answered', async () => {
    const repository = repo('budget')
    const always: FaultRule = (req) => (closedDigest(req) ? { status: 503, body: unavailable } : undefined)
    const outcome = await pushThrough(registry.address, always, repository, { options: { attempts: 20, firstDelayMs: 100, budgetMs: 500 } })
    expect(outcome.error?.message).toMatch(/answered HTTP 503 \(UNAVAILABLE\) after retries \(\d+ tries; the push's retry budget was spent\)/)
    expect(outcome.error?.message).toMatch(
      /HTTP 503: UNAVAILABLE service unavailable \(\d+ tries; the push's retry budget of 0\.5 s, for failed tries and the waits after them, is spent\)/,
    )
    expect(outcome.durationMs).toBeLessThan(5000)
    await expectNoTag(registry.address, repository)
  })

  it('503 twice to every manifest read after the push: the read-back retries each read and verifies the index', async () => {
    const repository = repo('read-back')
    const outcome = await pushThrough(registry.address, () => undefined, repository)
    expect(outcome.error).toBeUndefined()
    const isManifestRead = (req: IncomingMessage) => (req.method === 'GET' && req.url!.includes('/manifests/') ? req.url : undefined)
    const proxy = new CountingProxy(firstTimes(2, isManifestRead, { status: 503, body: unavailable }))
    await proxy.start(registry.address)
    const log: string[] = []
    try {
      const target: Target = { registry: proxy.address, repository, tags: TAGS, credentials: { username: 'pusher', password: 'secret' }, source: 'test' }
      const published = await verifyPublished(target, 'app', [{ ...image, layers: diffIds }], (m) => log.push(m), FAST)
      expect(published.digest).toBe(outcome.pushed!.index)
      expect(published.tags).toEqual(TAGS)
    } finally {
      await proxy.stop()
    }
    // Both tags and the one platform manifest, each answered 503 twice before it was read.
    expect(retries(log)).toHaveLength(6)
  })

  it('nothing listening: retried, then "could not be reached"', async () => {
    const closed = await freePort()
    const outcome = await pushThrough(`127.0.0.1:${closed}`, () => undefined, repo('down'))
    expect(outcome.error?.message).toMatch(/could not be reached after retries \(4 tries\); check that it is up/)
    expect(retries(outcome.log)).toHaveLength(FAST.attempts - 1)
  })
})

/** A loopback port nothing listens on (bound once by the kernel's choice, then closed). */
async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  const port = (server.address() as { port: number }).port
  await new Promise((done) => server.close(done))
  return port
}

describe('the builtin publisher with short-lived tokens', () => {
  let tokens: TokenServer
  let registry: RegistryServer
  const users = { pusher: 'secret', reader: 'secret' }
  beforeAll(async () => {
    tokens = await startTokenServer({ lifetimeMs: 3000, users })
    registry = await startRegistry({ token: tokens.auth })
  })
  afterAll(async () => {
    await registry.stop()
    await tokens.stop()
  })
  const repo = (name: string) => `acme/${name}-${process.pid}`
  const pullToken = async (repository: string) => {
    const url = `${tokens.auth.realm}?service=${tokens.auth.service}&scope=repository:${repository}:pull`
    const res = await fetch(url, { headers: { authorization: `Basic ${Buffer.from('reader:secret').toString('base64')}` } })
    return `Bearer ${((await res.json()) as { token: string }).token}`
  }

  it('a streamed upload held past its 3-second token meets a 401: a new token, the blob again, and the push succeeds', async () => {
    const repository = repo('expiring')
    const held = anyOf(firstTimes(1, (req) => (isPatch(req) ? 'patch' : undefined), { delayMs: 3500 }))
    const outcome = await pushThrough(registry.address, held, repository, { compression: 'gzip' })
    expect(outcome.seen.filter((s) => s.method === 'PATCH' && s.status === 401)).toHaveLength(1)
    await expectInRegistry(registry.address, repository, outcome, await pullToken(repository))
    expect(tokens.requests.filter((r) => r.user === 'pusher').length).toBeGreaterThanOrEqual(2)
  }, 30_000)

  it('a 401 a new token does not fix (a login that may only pull): asked once more, not retried, and named', async () => {
    const repository = repo('read-only')
    const outcome = await pushThrough(registry.address, () => undefined, repository, { username: 'reader' })
    expect(outcome.error?.message).toMatch(/refused the credentials of user 'reader'/)
    expect(outcome.error?.message).toMatch(/HTTP 401/)
    expect(retries(outcome.log)).toEqual([])
    expect(outcome.seen.filter((s) => s.method === 'POST')).toHaveLength(2)
    await expectNoTag(registry.address, repository, await pullToken(repository))
  })

  // What tells a manifest app's token that ran out mid-push from a login that may not push.
  it.each([
    ['pusher', 'secret', true],
    ['reader', 'secret', false],
    ['pusher', 'wrong', false],
  ])('canPush for %s with password %s: %s, and no upload is left open', async (username, password, expected) => {
    const repository = repo(`can-push-${username}`)
    const proxy = new CountingProxy()
    await proxy.start(registry.address)
    try {
      const answer = await new RegistryClient(proxy.address, repository, { username, password }, 'pull,push').canPush().catch(() => false)
      expect(answer).toBe(expected)
      const opened = proxy.seen.filter((r) => r.method === 'POST' && r.status === 202).length
      expect(proxy.seen.filter((r) => r.method === 'DELETE' && r.status === 204)).toHaveLength(opened)
    } finally {
      await proxy.stop()
    }
  })
})
