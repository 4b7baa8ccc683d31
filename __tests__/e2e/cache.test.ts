// Caching for real: each cache kind gets a first run that builds and pushes, then a second run on an
// EMPTY Nix store (a fresh machine) that must substitute everything and build nothing, as Nix itself
// reports it. Every run uses its own store directory (NIX_STORE_DIR, with its own state and
// XDG_CACHE_HOME), so the shared /nix/store of other tests neither helps nor is touched; a binary
// cache remembers its store directory, so the "empty store" is the same directory, wiped.
//
// Stand-ins, named as such in the test names: cachix.org and the cachix program cannot be reached
// here (a recorded-arguments stand-in for `cachix`, a stand-in for the Cachix API), and the GitHub
// Actions cache service is replaced by a local directory (the store export and import are real).
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals'
import { execFileSync, spawnSync } from 'node:child_process'
import { chmod, cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { ROOT, images, runAction, type ActionRun } from '../helpers/action.js'
import { makeFixtureRepo, stackEnv } from '../helpers/fixture.js'
import { runCli } from '../helpers/cli.js'
import { pushInputs, stackRegistry } from '../helpers/registry.js'

// A local stand-in for the Actions cache service: keys → directories, newest prefix match wins.
const actionsEntries: { key: string; dir: string }[] = []
jest.unstable_mockModule('@actions/cache', () => ({
  isFeatureAvailable: () => true,
  restoreCache: async (paths: string[], primaryKey: string, restoreKeys: string[] = []) => {
    const hit = [...actionsEntries].reverse().find((e) => e.key === primaryKey || restoreKeys.some((k) => e.key.startsWith(k)))
    if (!hit) return undefined
    await cp(hit.dir, paths[0], { recursive: true })
    return hit.key
  },
  saveCache: async (paths: string[], key: string) => {
    const dir = await mkdtemp(join(tmpdir(), 'nca-actions-entry-'))
    await cp(paths[0], dir, { recursive: true })
    actionsEntries.push({ key, dir })
    return actionsEntries.length
  },
}))
const { emptyCacheReport } = await import('../../src/cache/report.js')
const { afterBuild, beforeBuild, openCache } = await import('../../src/cache/hooks.js')
const { parseBuildLog } = await import('../../src/image/build.js')

let env: Record<string, string>
let flake: string
const figures: string[] = []

/** A fresh, empty Nix store of its own: store, state, logs and Nix's user caches. */
interface Machine {
  root: string
  env: Record<string, string>
}

async function machine(name: string): Promise<Machine> {
  const root = await mkdtemp(join(tmpdir(), `nca-store-${name}-`))
  return { root, env: storeEnv(root) }
}

function storeEnv(root: string): Record<string, string> {
  return {
    NIX_STORE_DIR: join(root, 'store'),
    NIX_STATE_DIR: join(root, 'var', 'nix'),
    NIX_LOG_DIR: join(root, 'var', 'log', 'nix'),
    // The flake fetcher and narinfo caches live here: a new machine starts without them.
    XDG_CACHE_HOME: join(root, 'xdg-cache'),
  }
}

/** The same store directory, emptied: what a fresh runner with this store prefix would have. */
async function wipe(m: Machine): Promise<void> {
  await rm(m.root, { recursive: true, force: true })
  await mkdir(m.root)
}

function secretKey(name: string): { secret: string; pub: string } {
  const secret = execFileSync('nix', ['key', 'generate-secret', '--key-name', name], {
    encoding: 'utf8',
    env: { ...process.env, NIX_CONFIG: env.NIX_CONFIG },
  }).trim()
  const pub = execFileSync('nix', ['key', 'convert-secret-to-public'], {
    input: secret,
    encoding: 'utf8',
    env: { ...process.env, NIX_CONFIG: env.NIX_CONFIG },
  }).trim()
  return { secret, pub }
}

/** A static binary cache over HTTP on 127.0.0.1: GET and HEAD read the directory, PUT (nix copy --to) writes it. */
interface HttpCache {
  url: string
  dir: string
  server: Server
  requests: string[]
  /** Extra routes (the Cachix API stand-in). */
  routes: Map<string, (auth: string | undefined) => unknown>
}

async function httpCache(dir: string): Promise<HttpCache> {
  const requests: string[] = []
  const routes = new Map<string, (auth: string | undefined) => unknown>()
  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1')
      requests.push(`${req.method} ${url.pathname}`)
      const route = routes.get(url.pathname)
      if (route) {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(route(req.headers.authorization)))
        return
      }
      const file = resolve(dir, `.${decodeURIComponent(url.pathname)}`)
      if (!file.startsWith(dir)) return void res.writeHead(403).end()
      if (req.method === 'PUT') {
        const chunks: Buffer[] = []
        for await (const c of req) chunks.push(c as Buffer)
        await mkdir(dirname(file), { recursive: true })
        await writeFile(file, Buffer.concat(chunks))
        return void res.writeHead(200).end()
      }
      try {
        const data = await readFile(file)
        res.writeHead(200, { 'content-length': data.length })
        res.end(req.method === 'HEAD' ? undefined : data)
      } catch {
        res.writeHead(404).end()
      }
    })()
  })
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  const port = (server.address() as { port: number }).port
  return { url: `http://127.0.0.1:${port}`, dir, server, requests, routes }
}

const servers: Server[] = []
afterAll(async () => {
  for (const s of servers) await new Promise((done) => s.close(done))
})

/** What Nix printed while the action built: derivations it built, paths it substituted. */
function nixActivity(run: ActionRun): { built: string[]; substituted: string[] } {
  return {
    built: [...run.log.matchAll(/^building '([^']+\.drv)'/gm)].map((m) => m[1]),
    substituted: [...run.log.matchAll(/^copying path '([^']+)' from '([^']+)'/gm)].map((m) => m[1]),
  }
}

/** The summary's line of what Nix built and substituted, read by the action from the build's log. */
function activityLine(run: ActionRun): string {
  return /Nix's build log: [^\n]*/.exec(run.summary)?.[0] ?? ''
}

function record(kind: string, first: ActionRun, second: ActionRun): void {
  const a = nixActivity(first)
  const b = nixActivity(second)
  figures.push(
    `${kind}: first run built ${a.built.length} derivations, substituted ${a.substituted.length} paths in ${first.durationMs} ms; warm re-run on an empty store built ${b.built.length}, substituted ${b.substituted.length} in ${second.durationMs} ms`,
  )
}

afterAll(() => {
  if (figures.length) process.stdout.write(`\ncache figures:\n${figures.map((f) => `  ${f}`).join('\n')}\n`)
})

beforeAll(async () => {
  env = stackEnv()
  process.env.NIX_CONFIG = env.NIX_CONFIG
  // A greet.sh of its own, so no other test's store paths or caches can stand in for these.
  const greet = await readFile(join(ROOT, '__tests__', 'fixture', 'greet.sh'), 'utf8')
  flake = await makeFixtureRepo({ 'greet.sh': `${greet}# cache test ${process.pid} ${Date.now()}\n` })
})

const container = 'greetContainer'

describe('a file:// binary cache', () => {
  let m: Machine
  let dir: string
  let key: { secret: string; pub: string }
  let first: ActionRun
  let second: ActionRun

  beforeAll(async () => {
    m = await machine('file')
    dir = await mkdtemp(join(tmpdir(), 'nca-file-cache-'))
    key = secretKey('nca-file-test-1')
    const inputs = { container, 'binary-cache': `file://${dir}`, 'binary-cache-secret-key': key.secret }
    first = await runAction({ cwd: flake, inputs, env: m.env })
    await wipe(m)
    second = await runAction({ cwd: flake, inputs, env: m.env })
    record('file:// binary cache', first, second)
  })

  it('the first run builds both images and pushes their closures, signed with the secret key', async () => {
    expect(first.errors).toEqual([])
    expect(first.code).toBe(0)
    expect(activityLine(first)).toContain('**2 derivation(s) built**, **0 path(s) substituted**')
    expect(nixActivity(first).built).toHaveLength(2)
    const narinfos = (await readdir(dir)).filter((f) => f.endsWith('.narinfo'))
    const stored = await Promise.all(narinfos.map((f) => readFile(join(dir, f), 'utf8')))
    for (const image of images(first)) {
      const info = stored.find((s) => s.includes(`StorePath: ${image.storePath}\n`))
      expect(info).toMatch(new RegExp(`^Sig: nca-file-test-1:`, 'm'))
    }
    expect(first.summary).toMatch(/\| file:\/\/\S+ \| images \| 2 \| 0 \| 2 \| [\d.]+ (KiB|MiB) \|.*✅/)
  })

  it('never writes the secret key anywhere but a removed 0600 file', () => {
    expect(first.visibleLog).not.toContain(key.secret)
    expect(first.visibleLog).toMatch(/copy --to 'file:\/\/[^?]+\?secret-key=[^']+\/secret-key'/)
    const keyFile = /secret-key=([^'\s]+)/.exec(first.visibleLog)![1]
    expect(spawnSync('test', ['-e', keyFile]).status).not.toBe(0)
  })

  it('a re-run on an empty store substitutes both images and builds nothing, as Nix reports', () => {
    expect(second.errors).toEqual([])
    expect(activityLine(second)).toContain('**0 derivation(s) built**, **2 path(s) substituted**')
    expect(nixActivity(second).built).toEqual([])
    expect(nixActivity(second).substituted.sort()).toEqual(
      images(second)
        .map((i) => i.storePath)
        .sort(),
    )
    expect(images(second).map((i) => i.test)).toEqual(['passed', 'passed'])
    expect(second.summary).toContain('Cache hits: 2 of 2 image(s) were not built here')
    expect(second.summary).toMatch(/\| greetContainer \| linux\/arm64 \| ✅ substituted \|/)
    // The cache already holds every path: nothing is pushed again.
    expect(second.summary).toMatch(/\| file:\/\/\S+ \| images \| 2 \| 2 \| 0 \| 0 B \|/)
  })
})

describe('an HTTP binary cache on 127.0.0.1', () => {
  let m: Machine
  let server: HttpCache
  let key: { secret: string; pub: string }
  let first: ActionRun
  let second: ActionRun

  beforeAll(async () => {
    m = await machine('http')
    server = await httpCache(await mkdtemp(join(tmpdir(), 'nca-http-cache-')))
    servers.push(server.server)
    key = secretKey('nca-http-test-1')
    first = await runAction({ cwd: flake, inputs: { container, 'binary-cache': server.url, 'binary-cache-secret-key': key.secret }, env: m.env })
    await wipe(m)
    // The second machine only reads: the public key, no secret, pushing off.
    second = await runAction({
      cwd: flake,
      inputs: { container, 'binary-cache': server.url, 'binary-cache-public-key': key.pub, 'binary-cache-push': 'false' },
      env: m.env,
    })
    record('HTTP binary cache', first, second)
  })

  it('the first run builds and uploads the closures with nix copy (HTTP PUT)', async () => {
    expect(first.errors).toEqual([])
    expect(nixActivity(first).built).toHaveLength(2)
    expect(server.requests.filter((r) => r.startsWith('PUT ') && r.endsWith('.narinfo'))).toHaveLength(2)
    expect(await readFile(join(server.dir, 'nix-cache-info'), 'utf8')).toContain(`StoreDir: ${m.env.NIX_STORE_DIR}`)
  })

  it('a re-run on an empty store substitutes both images over HTTP and builds nothing', () => {
    expect(second.errors).toEqual([])
    expect(activityLine(second)).toContain('**0 derivation(s) built**, **2 path(s) substituted**')
    expect(nixActivity(second).built).toEqual([])
    expect(second.log).toMatch(new RegExp(`^copying path '\\S+-greet\\.tar' from '${server.url}'`, 'm'))
    expect(images(second).map((i) => i.test)).toEqual(['passed', 'passed'])
    expect(second.summary).not.toMatch(/\| images \|/)
  })
})

describe('Cachix, through a recorded-arguments stand-in for the cachix program and a stand-in for the Cachix API', () => {
  const token = 'cachix-token-7f3a9e1d'
  let m: Machine
  let server: HttpCache
  let calls: { argv: string[]; token: string | null; signingKey: string | null }[]
  let apiAuth: (string | undefined)[]
  let first: ActionRun
  let second: ActionRun

  beforeAll(async () => {
    m = await machine('cachix')
    server = await httpCache(await mkdtemp(join(tmpdir(), 'nca-cachix-cache-')))
    servers.push(server.server)
    const key = secretKey('acme.cachix.org-1')
    apiAuth = []
    // GET /api/v1/cache/acme as cachix.org answers it, with the local HTTP cache as the store.
    server.routes.set('/api/v1/cache/acme', (auth) => {
      apiAuth.push(auth)
      return { name: 'acme', uri: `${server.url}/acme`, isPublic: true, publicSigningKeys: [key.pub] }
    })
    const bin = await mkdtemp(join(tmpdir(), 'nca-fake-cachix-'))
    const log = join(bin, 'calls.jsonl')
    const keyFile = join(bin, 'signing-key')
    await writeFile(keyFile, key.secret, { mode: 0o600 })
    // Records its argv and the credentials in its environment; `push` stores what cachix would
    // upload (the closures of its arguments) into the stand-in cache, so the re-run can fetch it.
    await writeFile(
      join(bin, 'cachix'),
      `#!${process.execPath}
const { appendFileSync } = require('node:fs')
const { spawnSync } = require('node:child_process')
const argv = process.argv.slice(2)
appendFileSync(${JSON.stringify(log)}, JSON.stringify({ argv, token: process.env.CACHIX_AUTH_TOKEN ?? null, signingKey: process.env.CACHIX_SIGNING_KEY ?? null }) + '\\n')
if (argv[0] === 'push') {
  const r = spawnSync('nix', ['copy', '--to', ${JSON.stringify(`${server.url}/acme?secret-key=${keyFile}`)}, ...argv.slice(2)], { stdio: 'inherit' })
  process.exit(r.status ?? 1)
}
`,
    )
    await chmod(join(bin, 'cachix'), 0o755)
    const runEnv = { ...m.env, PATH: `${bin}:${process.env.PATH}`, NCA_CACHIX_API: `${server.url}/api/v1` }
    const inputs = { container, 'cachix-name': 'acme', 'cachix-auth-token': token }
    first = await runAction({ cwd: flake, inputs, env: runEnv })
    calls = (await readFile(log, 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as (typeof calls)[number])
    await wipe(m)
    second = await runAction({ cwd: flake, inputs: { container, 'cachix-name': 'acme' }, env: runEnv })
    record('Cachix (stand-ins)', first, second)
  })

  it('calls `cachix push acme <the two image paths>` once, with the token only in CACHIX_AUTH_TOKEN', () => {
    expect(first.errors).toEqual([])
    expect(calls).toEqual([{ argv: ['push', 'acme', ...images(first).map((i) => i.storePath)], token, signingKey: null }])
    expect(calls.flatMap((c) => c.argv).join(' ')).not.toContain(token)
    expect(first.visibleLog).not.toContain(token)
    expect(first.summary).toMatch(/\| cachix acme \| images \| 2 \| 0 \| 2 \|/)
  })

  it('reads the public key from the Cachix API (stand-in), with the token for a private cache', () => {
    expect(apiAuth[0]).toBe(`Bearer ${token}`)
    expect(first.log).toContain(`substituter ${server.url}/acme (cachix acme, key acme.cachix.org-1:`)
  })

  it('a re-run on an empty store substitutes from the cache the API names and builds nothing', () => {
    expect(second.errors).toEqual([])
    expect(activityLine(second)).toContain('**0 derivation(s) built**, **2 path(s) substituted**')
    expect(nixActivity(second).built).toEqual([])
    // Without a token nothing is pushed, and cachix is not even looked for.
    expect(second.summary).not.toMatch(/\| cachix acme \| images/)
  })
})

describe('the GitHub Actions cache (a local stand-in for the cache service; the service itself is not covered)', () => {
  it('outside a runner, the action skips it quietly', async () => {
    const m = await machine('actions-skip')
    const run = await runAction({ cwd: flake, inputs: { container, architectures: 'x86_64-linux' }, env: m.env })
    expect(run.errors).toEqual([])
    expect(run.log).not.toMatch(/^::warning::.*(cache|Cache)/m)
    expect(run.summary).toContain('GitHub Actions cache: not available here (no ACTIONS_CACHE_URL / ACTIONS_RESULTS_URL): skipped')
  })

  it('saves the image closures after a build (real nix copy export) and imports them into an empty store before the next (real import): nothing is built or fetched', async () => {
    const m = await machine('actions')
    const runnerTemp = await mkdtemp(join(tmpdir(), 'nca-runner-temp-'))
    const saved = {
      ACTIONS_RESULTS_URL: process.env.ACTIONS_RESULTS_URL,
      RUNNER_TEMP: process.env.RUNNER_TEMP,
      NIX_STORE_DIR: process.env.NIX_STORE_DIR,
      NIX_STATE_DIR: process.env.NIX_STATE_DIR,
      NIX_LOG_DIR: process.env.NIX_LOG_DIR,
      XDG_CACHE_HOME: process.env.XDG_CACHE_HOME,
    }
    // A runner announces the cache service with this variable; the stand-in module answers it.
    Object.assign(process.env, m.env, { RUNNER_TEMP: runnerTemp, ACTIONS_RESULTS_URL: 'http://127.0.0.1:1/stand-in/' })
    const cwd = process.cwd()
    process.chdir(flake)
    try {
      const nixEnv = { ...process.env, NIX_CONFIG: env.NIX_CONFIG }
      const theNix = { path: 'nix', version: '', env: nixEnv }
      const ui = {
        group: <T>(_: string, fn: () => Promise<T>) => fn(),
        info: () => undefined,
        notice: () => undefined,
        warning: (w: string) => warnings.push(w),
      }
      const warnings: string[] = []
      const settings = { extraPullNames: [], actionsCache: true }
      const runInfo = { host: 'x86_64-linux', systems: ['x86_64-linux'], containers: [container], flake: '.' }
      const installables = [`.#packages.x86_64-linux.${container}`]
      const build = () => {
        const r = spawnSync('nix', ['build', '--json', '--no-link', ...installables], { encoding: 'utf8', env: nixEnv, cwd: flake })
        expect(r.status).toBe(0)
        return { results: JSON.parse(r.stdout) as { drvPath: string; outputs: { out: string } }[], activity: parseBuildLog(r.stderr) }
      }

      const started1 = Date.now()
      const firstReport = emptyCacheReport()
      const first = await openCache(theNix, settings, firstReport, ui)
      await beforeBuild(first, runInfo)
      const firstBuild = build()
      const [built] = firstBuild.results
      await afterBuild(first, [{ storePath: built.outputs.out, drvPath: built.drvPath } as never])
      const firstMs = Date.now() - started1
      expect(firstBuild.activity.built).toEqual([built.drvPath])
      expect(actionsEntries).toHaveLength(1)
      expect(firstReport.actions?.saved).toMatchObject({ key: actionsEntries[0].key, paths: 1 })
      expect(actionsEntries[0].key).toMatch(/^nix-container-action-x86_64-linux-[0-9a-f]{16}-[0-9a-f]{16}$/)

      await wipe(m)
      const started2 = Date.now()
      const secondReport = emptyCacheReport()
      const second = await openCache(theNix, settings, secondReport, ui)
      await beforeBuild(second, runInfo)
      expect(secondReport.actions?.restored).toEqual({ key: actionsEntries[0].key, paths: [built.outputs.out] })
      // What Nix reports for the build after the import: nothing built, nothing fetched.
      expect(build().activity).toMatchObject({ built: [], fetched: [] })
      await afterBuild(second, [{ storePath: built.outputs.out, drvPath: built.drvPath } as never])
      figures.push(
        `GitHub Actions cache (local stand-in for the service): first run built 1 derivation (${firstMs} ms incl. export); re-run on an empty store imported ${secondReport.actions?.restored?.paths.length} path(s), built 0, fetched 0 (${Date.now() - started2} ms incl. import)`,
      )
      expect(secondReport.actions?.note).toBe(`unchanged since ${actionsEntries[0].key}: not saved again`)
      expect(actionsEntries).toHaveLength(1)
      expect(warnings).toEqual([])
      // The export directory does not linger on the runner.
      expect(await readdir(runnerTemp)).toEqual([])
    } finally {
      process.chdir(cwd)
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k]
        else process.env[k] = v
      }
    }
  })
})

describe('cache-builder-image and the CLI check-cache / push-cache commands', () => {
  let m: Machine
  let dir: string
  let key: { secret: string; pub: string }
  const cli = (...args: string[]) => runCli(flake, env.NIX_CONFIG, args, { ...m.env, NCA_BINARY_CACHE_SECRET_KEY: key.secret })
  const attr = 'packages.x86_64-linux.failContainer'

  beforeAll(async () => {
    m = await machine('builder-image')
    dir = await mkdtemp(join(tmpdir(), 'nca-builder-cache-'))
    key = secretKey('nca-builder-test-1')
  })

  it('check-cache says the cache lacks it (exit 1), push-cache builds and pushes it (exit 0), check-cache then finds it', async () => {
    const before = await cli('check-cache', attr, '--binary-cache', `file://${dir}`)
    expect(before.stderr).not.toMatch(/^error/m)
    expect(before.code).toBe(1)
    expect(before.stdout).toMatch(new RegExp(`^file://${dir}\\tmissing\\t${m.env.NIX_STORE_DIR}/\\S+-fail\\.tar$`, 'm'))
    const push = await cli('push-cache', attr, '--binary-cache', `file://${dir}`)
    expect(push.code).toBe(0)
    expect(push.stdout).toMatch(/\tpushed\t/)
    expect(push.stderr).not.toContain(key.secret)
    const after = await cli('check-cache', attr, '--binary-cache', `file://${dir}`)
    expect(after.code).toBe(0)
    expect(after.stdout).toMatch(/\tpresent\t/)
  })

  it('the action checks the input cache-builder-image and reports it in the summary', async () => {
    const run = await runAction({
      cwd: flake,
      inputs: { container, architectures: 'x86_64-linux', 'binary-cache': `file://${dir}`, 'binary-cache-public-key': key.pub, 'cache-builder-image': attr },
      env: m.env,
    })
    expect(run.errors).toEqual([])
    expect(run.summary).toMatch(new RegExp(`Builder image \`${m.env.NIX_STORE_DIR}/\\S+-fail\\.tar\`: file://\\S+ has it`))
    // One image: Nix 2.8 says "This derivation will be built:", which counts too.
    expect(activityLine(run)).toContain('**1 derivation(s) built**, **0 path(s) substituted**')
  })
})

describe('a cache that is down', () => {
  it('the push warns, the summary says why, and the run still succeeds', async () => {
    const m = await machine('down')
    // A port that was just free: nothing listens there.
    const probe = await httpCache(await mkdtemp(join(tmpdir(), 'nca-down-')))
    await new Promise((done) => probe.server.close(done))
    const run = await runAction({ cwd: flake, inputs: { container, architectures: 'x86_64-linux', 'binary-cache': probe.url }, env: m.env })
    expect(run.errors).toEqual([])
    expect(run.code).toBe(0)
    expect(images(run).map((i) => i.test)).toEqual(['passed'])
    expect(run.log).toMatch(/^::warning::Pushing the images to http:\/\/127\.0\.0\.1:\d+ failed; the build itself is fine: /m)
    expect(run.summary).toMatch(/\| http:\/\/127\.0\.0\.1:\d+ \| images \| 1 \| \? \| \? \| \? \| [\d.]+ s \| ⚠️ .*(Couldn't|Could not) connect to server/)
  })
})

describe('publishing pushes the manifest app closure too', () => {
  it('after the push to the registry, the manifest app is in the binary cache', async () => {
    const m = await machine('manifest')
    const dir = await mkdtemp(join(tmpdir(), 'nca-manifest-cache-'))
    const key = secretKey('nca-manifest-test-1')
    const repository = `acme/cache-${process.pid}-${Date.now().toString(36)}`
    const run = await runAction({
      cwd: flake,
      inputs: {
        container,
        ...pushInputs(stackRegistry(false, env)),
        repository,
        'binary-cache': `file://${dir}`,
        'binary-cache-secret-key': key.secret,
      },
      // The fixture's flocken app (GitHub mode) pushes to GITHUB_REPOSITORY.
      env: { ...m.env, GITHUB_EVENT_NAME: 'push', GITHUB_REF: 'refs/heads/main', GITHUB_REPOSITORY: repository },
    })
    expect(run.errors).toEqual([])
    expect(run.outputs.digest).toMatch(/^sha256:/)
    expect(run.summary).toMatch(/\| file:\/\/\S+ \| manifest app \| \d+ \| \d+ \| [1-9]\d* \|/)
    // The app's output, as the log names the script inside it (this machine's store is not /nix/store).
    const app = [{ outputs: { out: /read from flocken's script (\S+)\/bin\/[^/\s]+\)/.exec(run.log)![1] } }]
    const narinfos = await Promise.all((await readdir(dir)).filter((f) => f.endsWith('.narinfo')).map((f) => readFile(join(dir, f), 'utf8')))
    expect(narinfos.some((n) => n.includes(`StorePath: ${app[0].outputs.out}\n`))).toBe(true)
  })
})
