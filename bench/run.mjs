// The action's cost over the bare commands a user would otherwise write, on the real local stack.
// `npm run bench` (after `npm run build`, with the stack up: scripts/stack.sh start). Writes
// bench/results.json and bench/RESULTS.md. Every figure here is measured in this one run.
import { execFileSync, spawn } from 'node:child_process'
import { closeSync, mkdtempSync, openSync, readSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, statfsSync, writeFileSync, chmodSync } from 'node:fs'
import { createServer } from 'node:http'
import { cpus, totalmem, tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const DIST = join(ROOT, 'dist', 'index.js')
const REPS = Number(process.env.BENCH_REPS ?? 21)
const SCALE_REPS = Number(process.env.BENCH_SCALE_REPS ?? 3)

const stack = Object.fromEntries(
  execFileSync('bash', [join(ROOT, 'scripts', 'stack.sh'), 'env'], { encoding: 'utf8' })
    .split('\n')
    .map((l) => /^export (\w+)=(.*)$/.exec(l))
    .filter(Boolean)
    .map(([, k, v]) => [k, v.startsWith("$'") ? v.slice(2, -1).replace(/\\n/g, '\n') : v.replace(/^'|'$/g, '')]),
)
const NIX_CONFIG = stack.NIX_CONFIG
// The bare commands need what the action adds for the emulated system.
const BARE_NIX_CONFIG = `${NIX_CONFIG}\nextra-experimental-features = nix-command flakes\nextra-platforms = aarch64-linux`

let nonce = 0
/**
 * A git copy of the fixture flake with the real flocken; a fresh nonce in `file` (greet.sh, or greet.c
 * for the programs) changes every image, so nothing is in the store.
 */
function fixture(cold, file = 'greet.sh') {
  const dir = mkdtempSync(join(tmpdir(), 'nca-bench-'))
  execFileSync('bash', [join(ROOT, 'scripts', 'fixture-repo.sh'), dir], { stdio: 'ignore' })
  if (cold) {
    const stamp = `bench ${process.pid}-${Date.now()}-${nonce++}`
    writeFileSync(join(dir, file), `${readFileSync(join(dir, file), 'utf8')}\n${file.endsWith('.c') ? `/* ${stamp} */` : `# ${stamp}`}\n`)
    const git = (...args) => execFileSync('git', args, { cwd: dir, stdio: 'ignore' })
    git('-c', 'user.name=bench', '-c', 'user.email=bench@example.invalid', 'commit', '-qam', 'bench')
  }
  return dir
}

// STAND-IN for GitHub's API, which flocken's GitHub mode (the fixture's greetManifest) reads while it evaluates.
const githubApi = mkdtempSync(join(tmpdir(), 'nca-bench-github-api-'))
function githubRepository(repo) {
  mkdirSync(join(githubApi, 'repos', repo.split('/')[0]), { recursive: true })
  writeFileSync(join(githubApi, 'repos', repo), JSON.stringify({ name: repo.split('/')[1], default_branch: 'main' }))
  return { GITHUB_REPOSITORY: repo, NCA_GITHUB_API: `file://${githubApi}` }
}

function sh(cmd, args, opts = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { ...opts, stdio: ['pipe', 'pipe', 'pipe'] })
    let out = ''
    let err = ''
    child.stdout.on('data', (c) => (out += c))
    child.stderr.on('data', (c) => (err += c))
    if (opts.input) child.stdin.end(opts.input)
    else child.stdin.end()
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`${cmd} ${args.join(' ')}: ${code}\n${err.slice(-2000)}`))))
  })
}

const systems = ['x86_64-linux', 'aarch64-linux']

function firstBytes(file, n) {
  const fd = openSync(file, 'r')
  try {
    const buf = Buffer.alloc(n)
    return buf.subarray(0, readSync(fd, buf, 0, n, 0)).toString()
  } finally {
    closeSync(fd)
  }
}

/** What a user would write by hand: one nix build, docker load, docker run, nix run of the manifest. */
async function bare(dir, containers, publish, repo) {
  const env = { ...process.env, NIX_CONFIG: BARE_NIX_CONFIG }
  const installables = containers.flatMap((c) => systems.map((s) => `.#packages.${s}.${c}`))
  const built = JSON.parse(await sh('nix', ['build', '--json', '--no-link', ...installables], { cwd: dir, env }))
  for (const result of built) {
    // A stream script writes its archive to stdout: piped into docker load, as a user would.
    const isStream = firstBytes(result.outputs.out, 2) === '#!'
    const out = isStream ? await sh('sh', ['-c', '"$0" | docker load', result.outputs.out]) : await sh('docker', ['load', '--input', result.outputs.out])
    const ref = /Loaded image: (\S+)/.exec(out)[1]
    // By id: the two architectures' images share a tag, and the second load moves it.
    const id = (await sh('docker', ['image', 'inspect', '--format', '{{.Id}}', ref])).trim()
    await sh('docker', ['run', '--rm', '--network', 'none', id, '--help'])
  }
  if (publish === 'skopeo') {
    await skopeoPush(built.map((b) => b.outputs.out), repo)
  } else if (publish) {
    await sh('nix', ['run', '--impure', '.#greetManifest'], {
      cwd: dir,
      // What the seed's release job gives flocken on a push to main.
      env: { ...env, ...githubRepository(repo), GITHUB_REF_TYPE: 'branch', GITHUB_REF_NAME: 'main', GITHUB_ACTOR: stack.NCA_REGISTRY_USER, GITHUB_TOKEN: stack.NCA_REGISTRY_PASSWORD },
    })
  }
}

/**
 * The bare push of real-size images: skopeo copy of each system's docker-archive (skopeo 1.9 reads
 * neither a .tar.gz nor a stream, so each is first written out as a plain tar, as a user would), a
 * tag per architecture. skopeo compresses the layers with gzip on every core. No index is made:
 * that is less work than the action does.
 */
async function skopeoPush(outputs, repo) {
  const tmp = mkdtempSync(join(tmpdir(), 'nca-bench-skopeo-'))
  try {
    for (const [i, out] of outputs.entries()) {
      const tar = join(tmp, `${i}.tar`)
      const head = firstBytes(out, 2)
      if (head === '#!') await sh('sh', ['-c', '"$0" > "$1"', out, tar])
      else if (head.charCodeAt(0) === 0x1f) await sh('sh', ['-c', 'gzip -dc "$0" > "$1"', out, tar])
      else await sh('cp', [out, tar])
      await sh('skopeo', ['copy', '--quiet', '--dest-tls-verify=false', '--dest-creds', `${stack.NCA_REGISTRY_USER}:${stack.NCA_REGISTRY_PASSWORD}`, `docker-archive:${tar}`, `docker://${stack.NCA_REGISTRY}/${repo}:main-${i}`])
      rmSync(tar, { force: true })
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true })
  }
}

/** What a pull of every platform of repo:tag (an index, or one manifest) transfers: config and layers, in bytes. */
async function pullBytes(repo, tag) {
  const raw = async (ref) => JSON.parse(await sh('skopeo', ['inspect', '--raw', '--tls-verify=false', '--creds', `${stack.NCA_REGISTRY_USER}:${stack.NCA_REGISTRY_PASSWORD}`, `docker://${stack.NCA_REGISTRY}/${repo}${ref}`]))
  const top = await raw(`:${tag}`)
  const manifests = top.manifests ? await Promise.all(top.manifests.map((m) => raw(`@${m.digest}`))) : [top]
  return manifests.reduce((n, m) => n + m.config.size + m.layers.reduce((k, l) => k + l.size, 0), 0)
}

/** nix and nix-store on PATH that count their invocations, then run the real programs. */
const counter = (() => {
  const dir = mkdtempSync(join(tmpdir(), 'nca-bench-count-'))
  for (const name of ['nix', 'nix-store']) {
    const real = execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim()
    writeFileSync(join(dir, name), `#!/bin/sh\necho "${name} $*" >> "$NCA_BENCH_NIX_LOG"\nexec '${real}' "$@"\n`)
    chmodSync(join(dir, name), 0o755)
  }
  return dir
})()

/** The action, run as a runner runs it. Returns the number of nix invocations it made. */
async function action(dir, containers, publish, repo, extraEnv = {}) {
  const runner = mkdtempSync(join(tmpdir(), 'nca-bench-runner-'))
  const nixLog = join(runner, 'nix-calls')
  writeFileSync(nixLog, '')
  for (const f of ['output', 'summary', 'state']) writeFileSync(join(runner, f), '')
  const env = {
    PATH: `${counter}:${process.env.PATH}`,
    NCA_BENCH_NIX_LOG: nixLog,
    HOME: process.env.HOME,
    NIX_CONFIG,
    // The daemon the bench measures (the containerd-store one, when DOCKER_HOST names it).
    ...(process.env.DOCKER_HOST ? { DOCKER_HOST: process.env.DOCKER_HOST } : {}),
    RUNNER_TEMP: runner,
    RUNNER_TOOL_CACHE: join(runner, 'tools'),
    GITHUB_OUTPUT: join(runner, 'output'),
    GITHUB_STEP_SUMMARY: join(runner, 'summary'),
    GITHUB_STATE: join(runner, 'state'),
    GITHUB_EVENT_NAME: publish ? 'push' : 'pull_request',
    GITHUB_REF: publish ? 'refs/heads/main' : 'refs/pull/1/merge',
    GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
    GITHUB_REPOSITORY: 'acme/bench',
    INPUT_CONTAINER: containers.join(','),
    ...(publish ? { ...githubRepository(repo), INPUT_REGISTRY: stack.NCA_REGISTRY, INPUT_USERNAME: stack.NCA_REGISTRY_USER, INPUT_PASSWORD: stack.NCA_REGISTRY_PASSWORD } : {}),
    ...extraEnv,
  }
  // GNU time reports the action's peak resident memory (the node process's, its largest).
  const rssFile = join(runner, 'rss')
  const log = await sh('/usr/bin/time', ['-o', rssFile, '-f', '%M', process.execPath, DIST], { cwd: dir, env }).catch((e) => e.message)
  const rssKiB = Number(readFileSync(rssFile, 'utf8').trim().split('\n').pop())
  const errors = log.split('\n').filter((l) => l.startsWith('::error') || l.includes('dist/index.js: '))
  const calls = readFileSync(nixLog, 'utf8').split('\n').filter(Boolean)
  rmSync(runner, { recursive: true, force: true })
  if (errors.length) throw new Error(`the action failed: ${errors.join('\n')}`)
  // What Nix built once publishing had begun (it prints "building '<drv>'..." for each): should be nothing.
  const publishing = log.indexOf('::group::Publish to')
  const builtWhilePublishing = publishing < 0 ? 0 : (log.slice(publishing).match(/^building '/gm) ?? []).length
  // The SBOMs' one evaluation of the flake, as the action logs it.
  const metaMs = Number(/one evaluation of the flake gave the meta of .* in ([\d.]+) s/.exec(log)?.[1] ?? NaN) * 1000
  return { total: calls.length, builds: calls.filter((c) => c.startsWith('nix build')).length, builtWhilePublishing, log, rssKiB, metaMs }
}

async function time(fn) {
  const started = process.hrtime.bigint()
  const result = await fn()
  return { ms: Number(process.hrtime.bigint() - started) / 1e6, result }
}

function stats(values) {
  const sorted = [...values].sort((a, b) => a - b)
  const median = sorted[Math.floor(sorted.length / 2)]
  return { median: round(median), min: round(sorted[0]), max: round(sorted.at(-1)), n: sorted.length }
}
const round = (x) => Math.round(x * 10) / 10

/**
 * Bare and action runs back to back, taking turns at going first (bare, action; action, bare; …), so
 * neither always finds the machine as the other left it and drift hits both alike. With `also`, a
 * second configuration of the action joins each round (three arms, rotated), so the two
 * configurations are compared side by side in one run. Warm runs share one fixture copy, run once
 * each unmeasured first, so none pays a first use of it (the flake's evaluation and fetcher caches)
 * that another then skips.
 */
async function compare(label, cold, publish, containers = ['greetContainer'], reps = REPS, actionEnv = {}, { emptyDaemon = false, also } = {}) {
  const repo = `bench/${label}-${process.pid}`
  const warmDir = cold ? undefined : fixture(false)
  const envs = also ? [actionEnv, also] : [actionEnv]
  if (warmDir) {
    await bare(warmDir, containers, publish, repo)
    for (const env of envs) await action(warmDir, containers, publish, repo, env)
  }
  // An empty daemon, as on a fresh runner whose store was filled from a binary cache: the load then
  // writes every layer. Emptied outside the timed part.
  const empty = () => emptyDaemon && execFileSync('docker', ['image', 'prune', '--all', '--force'], { stdio: 'ignore' })
  const bareMs = []
  const arms = envs.map(() => ({ ms: [], calls: [] }))
  const runBare = async () => {
    empty()
    bareMs.push((await time(() => bare(warmDir ?? fixture(true), containers, publish, repo))).ms)
  }
  const runAction = (arm, env) => async () => {
    empty()
    const a = await time(() => action(warmDir ?? fixture(true), containers, publish, repo, env))
    arm.ms.push(a.ms)
    arm.calls.push(a.result)
  }
  const steps = [runBare, ...envs.map((env, i) => runAction(arms[i], env))]
  for (let i = 0; i < reps; i++) {
    const shift = i % steps.length
    for (const step of [...steps.slice(shift), ...steps.slice(0, shift)]) await step()
  }
  const [main, other] = arms.map((arm) => armResult(arm, bareMs))
  return {
    label,
    cold,
    publish,
    containers: containers.length,
    bare: stats(bareMs),
    bareRunsMs: bareMs.map(round),
    ...main,
    ...(other ? { also: other, againstAlso: pairedRatio(arms[0].ms, arms[1].ms) } : {}),
  }
}

/** The median of the ratios of runs made in the same round (the least disturbed by drift). */
function pairedRatio(a, b) {
  const ratios = a.map((x, i) => x / b[i]).sort((x, y) => x - y)
  return Number(ratios[Math.floor(ratios.length / 2)].toFixed(3))
}

/** One configuration of the action against the bare commands of the same rounds. */
function armResult({ ms, calls }, bareMs) {
  const action = stats(ms)
  return {
    action,
    actionRunsMs: ms.map(round),
    ratio: Number((action.median / stats(bareMs).median).toFixed(2)),
    pairedRatio: Number(pairedRatio(ms, bareMs).toFixed(2)),
    nixInvocations: Math.max(...calls.map((c) => c.total)),
    nixBuildInvocations: Math.max(...calls.map((c) => c.builds)),
    builtWhilePublishing: Math.max(...calls.map((c) => c.builtWhilePublishing)),
    peakRssMiB: round(Math.max(...calls.map((c) => c.rssKiB)) / 1024),
    ...(calls.some((c) => Number.isFinite(c.metaMs)) ? { metaEvalMs: stats(calls.map((c) => c.metaMs).filter(Number.isFinite)) } : {}),
  }
}

/** A log group's own time, as the action prints it before closing the group: "(1.23s)". */
function groupMs(log, title) {
  const group = new RegExp(`::group::${title}[^\\n]*\\n([\\s\\S]*?)::endgroup::`).exec(log)?.[1] ?? ''
  return Number(/\((\d+(?:\.\d+)?)s\)\s*$/.exec(group)?.[1] ?? NaN) * 1000
}

/** Layer bytes the builtin publisher's log says it uploaded. */
function uploadedBytes(log) {
  return [...log.matchAll(/layer\(s\), \d+ uploaded \((\d+) bytes\)/g)].reduce((n, m) => n + Number(m[1]), 0)
}

/**
 * Publishing real-size images (warm: built and in the daemon): skopeo's push against the builtin
 * publisher's, for each compression; what a pull of both platforms then transfers; and a second
 * publish of the same images to the same tags (the re-push), which should send no layer.
 */
async function pushes(images, reps) {
  const out = []
  const dir = fixture(false)
  const compressions = ['none', 'gzip', ...(process.versions.node.split('.')[0] >= 22 ? ['zstd'] : [])]
  for (const container of images) {
    pruneImages()
    const built = JSON.parse(await sh('nix', ['build', '--json', '--no-link', ...systems.map((s) => `.#packages.${s}.${container}`)], { cwd: dir, env: { ...process.env, NIX_CONFIG: BARE_NIX_CONFIG } }))
    const outputs = built.map((b) => b.outputs.out)
    const layerBytes = outputs.map((o) => (firstBytes(o, 2) === '#!' ? 0 : statSync(o).size)).reduce((a, b) => a + b, 0)
    console.error(`bench: push ${container}, skopeo and the builtin publisher (${compressions.join(', ')}), ${reps} each`)
    const skopeoMs = []
    let skopeoPull
    for (let i = 0; i < reps; i++) {
      const repo = `bench/push-skopeo-${container.toLowerCase()}-${process.pid}-${i}`
      skopeoMs.push((await time(() => skopeoPush(outputs, repo))).ms)
      skopeoPull = (await pullBytes(repo, 'main-0')) + (await pullBytes(repo, 'main-1'))
    }
    const row = { container, builtFileBytes: layerBytes, skopeo: { pushMs: stats(skopeoMs), pullBytes: skopeoPull }, builtin: {} }
    for (const compression of compressions) {
      const first = []
      const whole = []
      const again = []
      let pull
      let againBytes = 0
      for (let i = 0; i < reps; i++) {
        const repo = `bench/push-${compression}-${container.toLowerCase()}-${process.pid}-${i}`
        const env = { INPUT_PUBLISHER: 'builtin', INPUT_COMPRESSION: compression, INPUT_REPOSITORY: repo, INPUT_SBOM: 'false', INPUT_TEST: 'false' }
        const a = await time(() => action(dir, [container], true, repo, env))
        first.push(groupMs(a.result.log, 'Publish to'))
        whole.push(a.ms)
        pull = await pullBytes(repo, 'main')
        const b = await action(dir, [container], true, repo, env)
        again.push(groupMs(b.log, 'Publish to'))
        againBytes = Math.max(againBytes, uploadedBytes(b.log))
      }
      row.builtin[compression] = { pushMs: stats(first), runMs: stats(whole), pullBytes: pull, rePushMs: stats(again), rePushLayerBytes: againBytes }
    }
    out.push(row)
  }
  return out
}

/** Peak drop in free space on the filesystem holding dir while fn runs, sampled every 5 ms. */
async function peakDisk(dir, fn) {
  const free = () => {
    const s = statfsSync(dir)
    return s.bavail * s.bsize
  }
  const before = free()
  let lowest = before
  let running = true
  const sampler = (async () => {
    while (running) {
      lowest = Math.min(lowest, free())
      await new Promise((r) => setTimeout(r, 5))
    }
  })()
  const t = await time(fn)
  running = false
  await sampler
  return { ms: t.ms, result: t.result, peakBytes: Math.max(0, before - lowest) }
}

/** Which image store the daemon (DOCKER_HOST's, or the default) keeps images in: classic or containerd. */
function imageStore() {
  const driver = execFileSync('docker', ['info', '--format', '{{.Driver}} {{json .DriverStatus}}'], { encoding: 'utf8' })
  return driver.includes('io.containerd.snapshotter') ? 'containerd' : 'classic'
}

/** Load time and peak temporary disk of loading one stream-shaped and one archive-shaped image. */
async function loads() {
  const store = imageStore()
  const out = []
  for (const [kind, attr] of [['archive', 'greetContainer'], ['stream', 'greetStream']]) {
    const ms = []
    const loadMs = []
    const peaks = []
    for (let i = 0; i < REPS; i++) {
      const dir = fixture(true)
      // Build first: only the action's load phase is measured, through its own timing of the run.
      await sh('nix', ['build', '--no-link', `.#packages.x86_64-linux.${attr}`], { cwd: dir, env: { ...process.env, NIX_CONFIG: BARE_NIX_CONFIG } })
      const tmp = mkdtempSync(join(tmpdir(), 'nca-bench-tmp-'))
      const r = await peakDisk(tmpdir(), () => action(dir, [attr], false, 'unused', { INPUT_ARCHITECTURES: 'x86_64-linux', TMPDIR: tmp }))
      ms.push(r.ms)
      // The load phase's own time, as the action's log group reports it: "(0.21s)" before it closes.
      const group = /::group::Load into Docker\n([\s\S]*?)::endgroup::/.exec(r.result.log)?.[1] ?? ''
      loadMs.push(Number(/\((\d+\.\d+)s\)\s*$/.exec(group)?.[1] ?? NaN) * 1000)
      peaks.push(r.peakBytes)
      const leftovers = execFileSync('find', [tmp, '-type', 'f'], { encoding: 'utf8' }).trim()
      if (leftovers) throw new Error(`the ${kind} load left files in TMPDIR: ${leftovers}`)
      rmSync(tmp, { recursive: true, force: true })
    }
    out.push({ kind, store, runMs: stats(ms), loadMs: stats(loadMs), peakTmpDiskBytes: stats(peaks) })
  }
  return out
}

/**
 * A warm re-run against a file:// binary cache: the first run builds and pushes; the second runs on
 * the same store prefix emptied (a fresh runner) and must substitute everything, building nothing.
 */
/** A static binary cache over HTTP on 127.0.0.1: GET and HEAD read the directory, PUT writes it. */
async function httpCache(dir) {
  const server = createServer((req, res) => {
    const file = resolve(dir, `.${decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname)}`)
    if (!file.startsWith(dir)) return void res.writeHead(403).end()
    if (req.method === 'PUT') {
      const chunks = []
      req.on('data', (c) => chunks.push(c))
      req.on('end', () => {
        mkdirSync(dirname(file), { recursive: true })
        writeFileSync(file, Buffer.concat(chunks))
        res.writeHead(200).end()
      })
      return
    }
    let body
    try {
      body = readFileSync(file)
    } catch {
      return void res.writeHead(404).end()
    }
    res.writeHead(200, { 'content-length': body.length })
    res.end(req.method === 'HEAD' ? undefined : body)
  })
  await new Promise((r) => server.listen(0, '127.0.0.1', r))
  return { url: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((r) => server.close(r)) }
}

async function warmCache() {
  const runs = []
  const attempts = ['file', 'http'].flatMap((kind) => Array.from({ length: Math.min(REPS, 3) }, () => kind))
  for (const kind of attempts) {
    const dir = fixture(true)
    const root = mkdtempSync(join(tmpdir(), 'nca-bench-store-'))
    const cacheDir = mkdtempSync(join(tmpdir(), 'nca-bench-cache-'))
    const server = kind === 'http' ? await httpCache(cacheDir) : undefined
    const store = { NIX_STORE_DIR: join(root, 'store'), NIX_STATE_DIR: join(root, 'var', 'nix'), NIX_LOG_DIR: join(root, 'var', 'log'), XDG_CACHE_HOME: join(root, 'xdg') }
    const secret = execFileSync('nix', ['key', 'generate-secret', '--key-name', 'bench-1'], { encoding: 'utf8', env: { ...process.env, NIX_CONFIG } }).trim()
    const inputs = { 'INPUT_BINARY-CACHE': server ? server.url : `file://${cacheDir}`, 'INPUT_BINARY-CACHE-SECRET-KEY': secret, ...store }
    const activity = (log) => /Nix built (\d+) derivation\(s\) and substituted (\d+) path\(s\)/.exec(log)?.slice(1).map(Number) ?? [NaN, NaN]
    const first = await time(() => action(dir, ['greetContainer'], false, 'unused', inputs))
    rmSync(root, { recursive: true, force: true })
    const second = await time(() => action(dir, ['greetContainer'], false, 'unused', inputs))
    const [built1, fetched1] = activity(first.result.log)
    const [built2, fetched2] = activity(second.result.log)
    await server?.close()
    runs.push({ kind, firstMs: round(first.ms), firstBuilt: built1, firstFetched: fetched1, warmMs: round(second.ms), warmBuilt: built2, warmFetched: fetched2 })
    rmSync(root, { recursive: true, force: true })
    rmSync(cacheDir, { recursive: true, force: true })
  }
  return runs
}

/** Process start to the first nix call, through a nix on PATH that records when it is first run. */
async function startup() {
  const dir = fixture(false)
  const shim = mkdtempSync(join(tmpdir(), 'nca-bench-shim-'))
  const marker = join(shim, 'first')
  const real = execFileSync('sh', ['-c', 'command -v nix'], { encoding: 'utf8' }).trim()
  writeFileSync(join(shim, 'nix'), `#!/bin/sh\n[ -e '${marker}' ] || date +%s%N > '${marker}'\nexec '${real}' "$@"\n`)
  chmodSync(join(shim, 'nix'), 0o755)
  const ms = []
  for (let i = 0; i < REPS; i++) {
    rmSync(marker, { force: true })
    const started = BigInt(Date.now()) * 1000000n
    await action(dir, ['greetContainer'], false, 'unused', { PATH: `${shim}:${process.env.PATH}`, INPUT_ARCHITECTURES: 'x86_64-linux' })
    ms.push(Number(BigInt(readFileSync(marker, 'utf8').trim()) - started) / 1e6)
  }
  return stats(ms)
}

/**
 * The same small C program (greet.c) built for aarch64 two ways, cold in every round, the order
 * rotating: cross-compiled by an x86_64-linux derivation (Debian's aarch64-linux-gnu-gcc 12), and
 * compiled by an aarch64-linux derivation with trixie's arm64 gcc 14 under QEMU user emulation
 * (scripts/install-arm64-gcc.sh). Each time is the whole `nix build` of one attribute.
 */
async function crossBuilds(reps) {
  execFileSync('bash', [join(ROOT, 'scripts', 'install-arm64-gcc.sh')], { stdio: ['ignore', 'ignore', 'inherit'] })
  const env = { ...process.env, NIX_CONFIG: BARE_NIX_CONFIG }
  const arms = [
    ['cross', '.#packages.x86_64-linux.greetCrossProgram-aarch64'],
    ['emulated', '.#packages.aarch64-linux.greetProgram'],
  ]
  const ms = { cross: [], emulated: [] }
  for (let i = 0; i < reps; i++) {
    const dir = fixture(true, 'greet.c')
    for (const [arm, attr] of i % 2 ? [...arms].reverse() : arms) ms[arm].push((await time(() => sh('nix', ['build', '--no-link', attr], { cwd: dir, env }))).ms)
    rmSync(dir, { recursive: true, force: true })
  }
  const cross = stats(ms.cross)
  const emulated = stats(ms.emulated)
  return { cross, emulated, ratio: round(emulated.median / cross.median), pairedRatio: pairedRatio(ms.emulated, ms.cross) }
}

function machine() {
  const version = (cmd, args) => {
    try {
      return execFileSync(cmd, args, { encoding: 'utf8' }).split('\n')[0].trim()
    } catch {
      return 'unknown'
    }
  }
  return {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    nix: version('nix', ['--version']),
    docker: version('docker', ['version', '--format', 'client {{.Client.Version}}, daemon {{.Server.Version}}']),
    qemu: version('qemu-aarch64-static', ['--version']),
  }
}

// BENCH_ONLY=compare,loads (any of big, push, coldpush, compare, scaling, loads, cache, cross, startup): only those sections,
// printed and not written, for trying a change; the committed results come from a whole run.
const ONLY = process.env.BENCH_ONLY?.split(',')
const BIG_REPS = Number(process.env.BENCH_BIG_REPS ?? 5)
const BIG_REPS_1G = Number(process.env.BENCH_BIG_REPS_1G ?? 3)
// BENCH_BIG=1024:Container,200:Stream,libs:Container,1024:Stream:empty: only those rows of the big section (all by default).
const BIG = process.env.BENCH_BIG?.split(',')
const wanted = (section) => !ONLY || ONLY.includes(section)

/** The action's other chunks (loaded on demand: @actions/core, the Actions cache, attestations, …). */
function chunks() {
  const dir = dirname(DIST)
  return readdirSync(dir).filter((f) => /^\d+\.index\.js$/.test(f)).reduce((n, f) => n + statSync(join(dir, f)).size, 0)
}

/**
 * Every cold run leaves two images in the daemon (a later run takes their tags): thousands of them
 * slow every load and inspect, so the leftovers are removed before each section, outside any timing.
 */
function pruneImages() {
  execFileSync('docker', ['image', 'prune', '--force'], { stdio: 'ignore' })
}

/** The push sections leave gigabytes of images in the local registry: emptied after each. */
function pruneRegistry() {
  execFileSync('bash', [join(ROOT, 'scripts', 'stack.sh'), 'prune-registry'], { stdio: 'ignore' })
}

/** The sections measured (a partial run's results) in place of theirs in bench/results.json, RESULTS.md again. */
function mergeInto(results, sections) {
  const saved = JSON.parse(readFileSync(join(ROOT, 'bench', 'results.json'), 'utf8'))
  const merged = { ...saved }
  const keys = { big: ['big'], push: ['pushes'], coldpush: ['coldPush'], compare: ['comparisons'], scaling: ['scaling'], loads: ['loads'], cache: ['binaryCache'], startup: ['startupMs'], cross: ['crossBuild'] }
  for (const section of sections) for (const key of keys[section] ?? []) merged[key] = results[key]
  // A part of the big or push section replaces only the rows it measured.
  const same = (a, b) => a.mib === b.mib && a.shape === b.shape && a.sbom === b.sbom && a.content === b.content && a.daemon === b.daemon
  if (sections.includes('big'))
    merged.big = [...(saved.big ?? []).filter((b) => !results.big.some((n) => same(b, n))), ...results.big].sort(
      (a, b) => a.mib - b.mib || (a.daemon ?? '').localeCompare(b.daemon ?? '') || a.shape.localeCompare(b.shape) || Number(b.sbom) - Number(a.sbom),
    )
  // A loads run measures one daemon's image store: the other store's rows stay.
  if (sections.includes('loads')) merged.loads = [...(saved.loads ?? []).filter((l) => !results.loads.some((n) => (n.store ?? 'classic') === (l.store ?? 'classic'))), ...results.loads]
  if (sections.includes('push')) merged.pushes = [...(saved.pushes ?? []).filter((p) => !results.pushes.some((n) => n.container === p.container)), ...results.pushes]
  merged.sectionDates = { ...saved.sectionDates, ...Object.fromEntries(sections.map((section) => [section, `${results.date} (Node ${results.machine.node}, ${results.machine.nix}, Docker ${results.machine.docker}${process.env.DOCKER_HOST ? ` at ${process.env.DOCKER_HOST}` : ''})`])) }
  writeFileSync(join(ROOT, 'bench', 'results.json'), `${JSON.stringify(merged, null, 2)}\n`)
  writeFileSync(join(ROOT, 'bench', 'RESULTS.md'), markdown(merged))
}

async function main() {
  mkdirSync(join(ROOT, 'bench'), { recursive: true })
  const results = { date: new Date().toISOString(), machine: machine(), reps: REPS, comparisons: [], big: [], scaling: [], loads: [], binaryCache: [], startupMs: undefined, bundleBytes: statSync(DIST).size, chunkBytes: chunks() }
  if (wanted('big')) {
    // Real-size images (a layer of random bytes beside the small one), warm, no publish: the bare
    // commands are nix build, docker load and docker run of each; the action also writes SBOMs.
    // Then 1 GiB with the store warm but the daemon empty (a fresh runner after a binary cache hit),
    // and real, compressible content (the host's libraries), where inflating costs what it costs in
    // real images: random bytes deflate to stored blocks, which inflate at the speed of a copy.
    const shapes = ['Container', 'Stream']
    const images = [
      ...[200, 1024].flatMap((mib) => shapes.map((shape) => ({ key: `${mib}:${shape}`, container: `big${mib}${shape}`, shape, mib, reps: mib >= 1024 ? BIG_REPS_1G : BIG_REPS }))),
      ...shapes.map((shape) => ({ key: `1024:${shape}:empty`, container: `big1024${shape}`, shape, mib: 1024, reps: BIG_REPS_1G, daemon: 'empty' })),
      ...shapes.map((shape) => ({ key: `libs:${shape}`, container: `libs${shape}`, shape, reps: BIG_REPS, content: 'libraries' })),
    ]
    for (const { key, container, shape, reps, daemon, content, ...rest } of images) {
      if (BIG && !BIG.includes(key)) continue
      pruneImages()
      const mib = rest.mib ?? (await archiveMiB(container))
      const what = `${mib} MiB ${content ? `of real ${content}` : 'layer'}${daemon ? `, into an ${daemon} daemon` : ''}`
      console.error(`bench: ${container} (${what}, ${shape === 'Container' ? 'gzip archive' : 'stream script'}), ${reps} rounds of bare, SBOM on, SBOM off`)
      const label = `${container}${daemon ? `-${daemon}` : ''}`
      const { also, againstAlso, ...on } = await compare(label, false, false, [container], reps, {}, { emptyDaemon: daemon === 'empty', also: { INPUT_SBOM: 'false' } })
      const row = { mib, ...(daemon ? { daemon } : {}), ...(content ? { content } : {}), shape: shape === 'Container' ? 'archive-gz' : 'stream' }
      results.big.push({ ...row, sbom: true, ...on, sbomOnOff: againstAlso }, { ...row, sbom: false, ...on, metaEvalMs: undefined, ...also })
    }
  }
  if (wanted('push')) {
    results.pushes = await pushes(process.env.BENCH_PUSH?.split(',') ?? ['big200Container', 'libsContainer', 'big1024Container'], Number(process.env.BENCH_PUSH_REPS ?? 3))
    pruneRegistry()
  }
  if (wanted('coldpush')) {
    // The cold path of a 1 GiB image: built, loaded, tested, SBOM'd (the action) and pushed, against
    // nix build, docker load, docker run and skopeo's push.
    pruneImages()
    console.error('bench: cold 1 GiB image, build+load+test+push: bare with skopeo, the action with the builtin publisher (gzip)')
    results.coldPush = await compare('cold-1g-push', true, 'skopeo', ['big1024Container'], BIG_REPS_1G, { INPUT_PUBLISHER: 'builtin' })
    pruneRegistry()
  }
  if (wanted('compare')) {
    pruneImages()
    console.error('bench: bare commands vs the action, cold and warm, build+load+test+publish')
    results.comparisons.push(await compare('cold', true, true))
    results.comparisons.push(await compare('warm', false, true))
  }
  if (wanted('scaling')) {
    pruneImages()
    for (const n of [1, 2, 4, 8]) {
      console.error(`bench: scaling, ${n} container(s) x 2 systems`)
      const containers = Array.from({ length: n }, (_, i) => `bench${i + 1}Container`)
      results.scaling.push(await compare(`scale-${n}`, true, false, containers, SCALE_REPS))
    }
  }
  if (wanted('loads')) {
    pruneImages()
    console.error('bench: stream vs archive loads')
    results.loads = await loads()
  }
  if (wanted('cache')) {
    pruneImages()
    console.error('bench: warm re-run from a file:// binary cache on an empty store')
    results.binaryCache = await warmCache()
  }
  if (wanted('cross')) {
    console.error('bench: greet.c for aarch64, cross-compiled on x86_64 against built under QEMU')
    results.crossBuild = await crossBuilds(Number(process.env.BENCH_CROSS_REPS ?? 9))
  }
  if (wanted('startup')) {
    pruneImages()
    console.error('bench: start-up')
    results.startupMs = await startup()
  }
  // BENCH_MERGE=1 with BENCH_ONLY: the sections measured replace theirs in bench/results.json.
  if (ONLY && process.env.BENCH_MERGE) return mergeInto(results, ONLY)
  if (ONLY) return void process.stdout.write(`${JSON.stringify(results, null, 2)}\n`)
  writeFileSync(join(ROOT, 'bench', 'results.json'), `${JSON.stringify(results, null, 2)}\n`)
  writeFileSync(join(ROOT, 'bench', 'RESULTS.md'), markdown(results))
  process.stdout.write(markdown(results))
}

const mib = (bytes) => `${(bytes / 1048576).toFixed(1)} MiB`

/** The uncompressed size of a container's x86_64 archive (what the daemon loads), in MiB. */
async function archiveMiB(container) {
  const dir = fixture(false)
  const [built] = JSON.parse(await sh('nix', ['build', '--json', '--no-link', `.#packages.x86_64-linux.${container}`], { cwd: dir, env: { ...process.env, NIX_CONFIG: BARE_NIX_CONFIG } }))
  const out = built.outputs.out
  const read = firstBytes(out, 2) === '#!' ? '"$0" | wc -c' : firstBytes(out, 1).charCodeAt(0) === 0x1f ? 'gzip -dc "$0" | wc -c' : 'wc -c < "$0"'
  return Math.round(Number((await sh('sh', ['-c', read, out])).trim()) / 1048576)
}

/** How much each GiB more of image costs, from the 200 MiB and 1 GiB rows: bare against the action. */
function slopes(big) {
  const rows = []
  for (const shape of ['archive-gz', 'stream']) {
    for (const sbom of [true, false]) {
      const random = (mib) => big.find((b) => b.mib === mib && b.shape === shape && b.sbom === sbom && !b.content && !b.daemon)
      const small = random(200)
      const large = random(1024)
      if (!small || !large) continue
      const per = (a, b) => Math.round(((b - a) / (1024 - 200)) * 1024)
      const bare = per(small.bare.median, large.bare.median)
      const action = per(small.action.median, large.action.median)
      rows.push(`| ${shape} | ${sbom ? 'on' : 'off'} | ${bare} | ${action} | ${(action / bare).toFixed(2)} |`)
    }
  }
  if (!rows.length) return ''
  return `Cost of each further GiB of image (both systems, so 2 GiB more bytes), from the 200 MiB and 1 GiB rows:

| shape | SBOM | bare ms per GiB | action ms per GiB | action/bare |
|---|---|---|---|---|
${rows.join('\n')}
`
}

function pushesMarkdown(r) {
  if (!r.pushes?.length && !r.coldPush) return ''
  const cell = (s) => `${s.median} (${s.min}–${s.max})`
  const lines = (r.pushes ?? []).flatMap((p) => [
    `| ${p.container} | skopeo (gzip) | ${cell(p.skopeo.pushMs)} | ${mib(p.skopeo.pullBytes)} | | |`,
    ...Object.entries(p.builtin).map(([c, b]) => `| ${p.container} | builtin, ${c} | ${cell(b.pushMs)} | ${mib(b.pullBytes)} | ${cell(b.rePushMs)} | ${b.rePushLayerBytes} |`),
  ])
  const cold = r.coldPush
  return `## Publishing real-size images

Both systems, already built and loaded; a fresh repository for each push. skopeo: each system's
archive written out as a plain tar (skopeo 1.9 reads neither .tar.gz nor a stream) and copied to a tag
of its own, gzip on every core, no index. builtin: the action's push phase as its log times it, one index
and its tags. A pull: the configs and layers both platforms' manifests list. Re-push: the same images to
the same tags again. big200Container and big1024Container hold random bytes (nothing compresses them);
libsContainer holds the host's /usr/lib/x86_64-linux-gnu (real libraries). Rows measured before
2026-12-05 were of images made by the fixture's own script, with one layer of those bytes.

| image | pushed by | push ms | a pull of both platforms | re-push ms | layer bytes sent by the re-push |
|---|---|---|---|---|---|
${lines.join('\n')}
${
  cold
    ? `
Cold path of a 1 GiB image (fresh nonce: both systems' images built, loaded, tested, pushed; the action
also writes SBOMs and pushes with the builtin publisher's default gzip; bare pushes with skopeo as above),
${cold.bare.n} pairs: bare ${cell(cold.bare)} ms, action ${cell(cold.action)} ms: **${cold.ratio}** (median of pairs ${cold.pairedRatio}); peak RSS ${cold.peakRssMiB} MiB.
`
    : ''
}`
}

function markdown(r) {
  const m = r.machine
  const row = (c) => `| ${c.label} | ${c.containers} × 2 | ${c.bare.median} (${c.bare.min}–${c.bare.max}) | ${c.action.median} (${c.action.min}–${c.action.max}) | ${c.ratio} | ${c.pairedRatio} | ${c.nixInvocations} (${c.nixBuildInvocations} \`nix build\`)${c.publish ? `; ${c.builtWhilePublishing} derivation(s) built by the publish step` : ''} |`
  return `# Benchmark results

${r.sectionDates ? `Sections measured again since (the rest is from ${r.date}): ${Object.entries(r.sectionDates).map(([k, v]) => `${k} ${v}`).join('; ')}.\n\n` : ''}Measured ${r.date} by \`npm run bench\` on ${m.cores} cores (${m.cpu}), ${m.memoryGiB} GiB, Node ${m.node}, ${m.nix},
Docker ${m.docker}, ${m.qemu}. Times in milliseconds: median (min–max) of ${r.reps} runs (scaling: ${SCALE_REPS}).
"Bare" is the commands a user would write by hand (one \`nix build\` of every installable, \`docker load\`,
\`docker run --rm <image> --help\`, \`nix run --impure .#greetManifest\`); "action" is \`node dist/index.js\`
doing the same work as a runner runs it. Cold: a fresh nonce in the fixture, so every image is built;
aarch64-linux is built and run under QEMU. Warm: one fixture copy, everything built, after one unmeasured
run of each. Bare and action run in pairs, back to back, taking turns at going first; the ratio is given
both as the ratio of the two medians and as the median of the pairs' own ratios (less disturbed by the
machine's drift during the run).

## Real-size images (warm, both systems, no publish)

Images made as nixpkgs' dockerTools makes them (the fixture's docker-tools.nix, with nixpkgs' own
stream_layered_image.py): a package and a store path of random bytes (200 MiB or 1 GiB), or of the
host's libraries (real, compressible bytes), one layer each, as a \`buildLayeredImage\` .tar.gz and as
a \`streamLayeredImage\` script; aarch64 runs under
QEMU. Bare: \`nix build\`, \`docker load\` (the stream piped in) and \`docker run --rm <image> --help\` of
each; the action also writes an SBOM of each image unless \`sbom: false\`. Each round runs the bare
commands, the action and the action with \`sbom: false\`, back to back, the order rotating from round to
round; "SBOM on ÷ off" is the median of the rounds' own ratios of the two. Peak RSS is the action's;
"meta eval" is the SBOMs' one evaluation of the flake, as the action logs it (median ms).
Warm: built, and in the daemon from the run before (a second \`docker load\` of an archive still inflates
and unpacks all of it, but writes no layer). "Into an empty daemon": built, the daemon's images removed
before each run (outside its time), as on a fresh runner whose store came from a binary cache.

| layer | shape | SBOM | bare ms | action ms | action/bare (medians) | action/bare (median of rounds) | SBOM on ÷ off (median of rounds) | peak RSS MiB | meta eval ms |
|---|---|---|---|---|---|---|---|---|---|
${r.big.map((b) => `| ${b.content === 'libraries' ? `${b.mib} MiB of real libraries` : `${b.mib} MiB`}${b.daemon === 'empty' ? ', into an empty daemon' : ''} | ${b.shape} | ${b.sbom ? 'on' : 'off'} | ${b.bare.median} (${b.bare.min}–${b.bare.max}) | ${b.action.median} (${b.action.min}–${b.action.max}) | ${b.ratio} | ${b.pairedRatio} | ${b.sbomOnOff ? `**${b.sbomOnOff.toFixed(3)}**` : '—'} | ${b.peakRssMiB} | ${b.metaEvalMs?.median ?? '—'} |`).join('\n')}

${slopes(r.big)}
${pushesMarkdown(r)}
## The action against the bare commands

| run | images | bare ms | action ms | action/bare (medians) | action/bare (median of pairs) | nix and nix-store invocations by the action (of which real builds) |
|---|---|---|---|---|---|---|
${r.comparisons.map(row).join('\n')}

## Scaling (cold, build + load + test, no publish)

| run | images | bare ms | action ms | action/bare (medians) | action/bare (median of pairs) | nix invocations by the action |
|---|---|---|---|---|---|---|
${r.scaling.map(row).join('\n')}

## Loading stream-shaped and archive-shaped images (one x86_64 image, already built)

The load phase as the action's log times it (a stream image's archive is also read for its SBOM as it
loads), the whole run, and the most the filesystem holding TMPDIR (and the Docker daemon's data here)
dropped in free space during the run; no file may be left in TMPDIR. The image store is the daemon's:
classic (ubuntu-24.04's Docker 28) or containerd (\`features.containerd-snapshotter\`, ubuntu-26.04's
Docker 29); run the section with DOCKER_HOST at the daemon to measure.

| kind | image store | load phase ms | whole run ms | peak disk in TMPDIR filesystem (bytes) |
|---|---|---|---|---|
${r.loads.map((l) => `| ${l.kind} | ${l.store ?? 'classic'} | ${l.loadMs.median} (${l.loadMs.min}–${l.loadMs.max}) | ${l.runMs.median} (${l.runMs.min}–${l.runMs.max}) | ${l.peakTmpDiskBytes.median} (max ${l.peakTmpDiskBytes.max}) |`).join('\n')}

## Warm re-run from a binary cache on an empty store (both systems)

| cache | first run ms | built / fetched | re-run on the emptied store ms | built / fetched |
|---|---|---|---|---|
${r.binaryCache.map((c) => `| ${c.kind === 'http' ? 'HTTP on 127.0.0.1' : 'file://'} | ${c.firstMs} | ${c.firstBuilt} / ${c.firstFetched} | ${c.warmMs} | ${c.warmBuilt} / ${c.warmFetched} |`).join('\n')}

${r.crossBuild ? `## A small C program for aarch64: cross-compiled, or built under QEMU

greet.c (a static program of 20 lines) built cold by \`nix build\`: by an x86_64-linux derivation with
Debian's aarch64-linux-gnu-gcc, or by an aarch64-linux derivation with trixie's arm64 gcc under QEMU
user emulation; ${r.crossBuild.cross.n} rounds, the order rotating.

| build | ms | emulated ÷ cross (medians) | (median of pairs) |
|---|---|---|---|
| cross-compiled on x86_64 | ${r.crossBuild.cross.median} (${r.crossBuild.cross.min}–${r.crossBuild.cross.max}) | | |
| aarch64 derivation under QEMU | ${r.crossBuild.emulated.median} (${r.crossBuild.emulated.min}–${r.crossBuild.emulated.max}) | ${r.crossBuild.ratio} | ${r.crossBuild.pairedRatio} |

` : ''}## Start-up and bundle

- process start to the first nix call: ${r.startupMs.median} ms (${r.startupMs.min}–${r.startupMs.max})
- dist/index.js: ${(r.bundleBytes / 1024).toFixed(0)} KiB, the entry every run loads; its chunks, loaded when needed (\`@actions/core\` by every run, the Actions cache, the attestation client, the Nix installer's tool cache): ${(r.chunkBytes / 1024).toFixed(0)} KiB
`
}

// `node bench/run.mjs --markdown`: bench/RESULTS.md again from bench/results.json, measuring nothing.
// `node bench/run.mjs --merge FILE big,push`: a BENCH_ONLY run's printed results merged in.
const at = process.argv.indexOf('--merge')
const run = process.argv.includes('--markdown')
  ? async () => writeFileSync(join(ROOT, 'bench', 'RESULTS.md'), markdown(JSON.parse(readFileSync(join(ROOT, 'bench', 'results.json'), 'utf8'))))
  : at > 0
    ? async () => mergeInto(JSON.parse(readFileSync(process.argv[at + 1], 'utf8')), process.argv[at + 2].split(','))
    : main
run().catch((e) => {
  console.error(e)
  process.exit(1)
})
