// The reusable workflow's closure handoff, for real, with two Nix stores: the build job's own step
// (read from build.yml) exports the fixture's image closures from this machine's store; the publish
// job's own step imports them into a second, empty store (a chroot store under a temporary
// directory); building the same installables against that store then builds nothing.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFile } from 'node:child_process'
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { makeFixtureRepo, stackEnv } from '../helpers/fixture.js'
import { findStep, makeWorkspace, readWorkflow, runStep } from '../helpers/workflow.js'

const execFileP = promisify(execFile)
const TIMEOUT = 180_000

const build = readWorkflow('build.yml')
const exportStep = findStep(build.jobs.build, /^Hand the image closures/)
const importStep = findStep(build.jobs.publish, /^Import the image closures/)

// What each matrix job builds: a plain archive on both systems, and a stream script (a closure of
// more than one path) on x86_64.
const CONTAINERS = { 'x86_64-linux': ['greetContainer', 'greetStream'], 'aarch64-linux': ['greetContainer'] } as const
type System = keyof typeof CONTAINERS
const SYSTEMS = Object.keys(CONTAINERS) as System[]
const installables = SYSTEMS.flatMap((s) => CONTAINERS[s].map((c) => `.#packages.${s}.${c}`))

let stackConfig: string
let flake: string
let workspace: string
let tmp: string
const storePaths: Record<string, string> = {}

/** The stack's nix.conf with lines appended (it has `build-users-group =`, which Nix needs here). */
const conf = (...lines: string[]): string => [stackConfig, ...lines].join('\n')

async function nix(cmd: string, args: string[], config: string): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await execFileP(cmd, args, { cwd: flake, env: { ...process.env, NIX_CONFIG: config }, maxBuffer: 64 << 20 })
    return { code: 0, stdout, stderr }
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string }
    return { code: typeof err.code === 'number' ? err.code : 1, stdout: err.stdout ?? '', stderr: err.stderr ?? '' }
  }
}

/** The action's `images` output for one matrix job, as the export step reads it. */
function imagesOutput(system: System): string {
  return JSON.stringify(CONTAINERS[system].map((container) => ({ container, system, storePath: storePaths[`.#packages.${system}.${container}`] })))
}

function exportEnv(system: System, handoff: string, extra: Record<string, string> = {}): Record<string, string> {
  return { IMAGES: imagesOutput(system), SYSTEM: system, HANDOFF: handoff, CACHIX_NAME: '', CACHIX_AUTH_TOKEN: '', NIX_CONFIG: conf(), ...extra }
}

/** Asks Nix, against one store, what building every installable would take. */
async function dryRun(store: string, ...config: string[]): Promise<string> {
  const r = await nix('nix', ['build', '--dry-run', '--no-link', ...installables], conf(`store = ${store}`, ...config))
  expect(r.code).toBe(0)
  return r.stderr
}

/** Builds every installable against one store, allowed to build nothing (--max-jobs 0). */
async function buildNothing(store: string): Promise<{ code: number; outputs: string[]; stderr: string }> {
  const r = await nix('nix', ['build', '--json', '--no-link', '--print-build-logs', '--max-jobs', '0', ...installables], conf(`store = ${store}`))
  const outputs = r.code === 0 ? (JSON.parse(r.stdout) as { outputs: { out: string } }[]).map((o) => o.outputs.out).sort() : []
  return { code: r.code, outputs, stderr: r.stderr }
}

beforeAll(async () => {
  stackConfig = stackEnv().NIX_CONFIG
  flake = await makeFixtureRepo()
  workspace = await makeWorkspace()
  tmp = await mkdtemp(join(tmpdir(), 'nca-handoff-'))
  // The build jobs' part: every image in this machine's store (aarch64 under QEMU, set up by the stack).
  const local = conf('extra-platforms = aarch64-linux')
  const built = await nix('nix', ['build', '--no-link', ...installables], local)
  expect(built.stderr).not.toMatch(/error/)
  for (const i of installables) storePaths[i] = (await nix('nix', ['eval', '--raw', `${i}.outPath`], local)).stdout
  expect(Object.values(storePaths).every((p) => p.startsWith('/nix/store/'))).toBe(true)
}, TIMEOUT)

afterAll(async () => {
  if (tmp) await rm(tmp, { recursive: true, force: true })
})

describe('closure handoff through an artifact (no binary cache)', () => {
  let handoff: string
  let store: string

  beforeAll(async () => {
    handoff = join(tmp, 'artifact')
    store = join(tmp, 'store-artifact')
  })

  it(
    'an empty store would have to build every image',
    async () => {
      expect(await dryRun(join(tmp, 'store-control'))).toMatch(/these \d+ derivations will be built/)
      const r = await buildNothing(join(tmp, 'store-control'))
      expect(r.code).not.toBe(0)
      // Nix up to 2.2x: "unable to start any build"; 2.34: "local builds are disabled (max-jobs = 0)".
      expect(r.stderr).toMatch(/unable to start any build|local builds are disabled/i)
    },
    TIMEOUT,
  )

  it(
    "the build job's step exports each system's closure",
    async () => {
      for (const system of SYSTEMS) {
        const run = await runStep(exportStep, { cwd: workspace, env: exportEnv(system, handoff) })
        expect(run.stderr).toBe('')
        expect(run.code).toBe(0)
      }
      expect((await readdir(handoff)).sort()).toEqual(['aarch64-linux.closure', 'aarch64-linux.paths', 'x86_64-linux.closure', 'x86_64-linux.paths'])
      expect(await readFile(join(handoff, 'x86_64-linux.paths'), 'utf8')).toBe(
        `${storePaths['.#packages.x86_64-linux.greetContainer']}\n${storePaths['.#packages.x86_64-linux.greetStream']}\n`,
      )
    },
    TIMEOUT,
  )

  it(
    "the publish job's step imports them into an empty store, which then builds nothing",
    async () => {
      const run = await runStep(importStep, { cwd: workspace, env: { HANDOFF: handoff, NIX_CONFIG: conf(`store = ${store}`) } })
      expect(run.code).toBe(0)
      expect(run.stdout).toContain('handoff: 3 image(s) present')
      // Nix's own answers: nothing to build or fetch; a build allowed no job succeeds with the same paths.
      expect(await dryRun(store)).not.toMatch(/will be (built|fetched)/)
      const r = await buildNothing(store)
      expect(r.stderr).not.toMatch(/building '/)
      expect(r.code).toBe(0)
      expect(r.outputs).toEqual(Object.values(storePaths).sort())
    },
    TIMEOUT,
  )

  it(
    'the import fails, naming the images, when a closure is missing and no cache has it',
    async () => {
      const partial = join(tmp, 'partial')
      await mkdir(partial)
      await writeFile(join(partial, 'aarch64-linux.paths'), await readFile(join(handoff, 'aarch64-linux.paths'), 'utf8'))
      const run = await runStep(importStep, { cwd: workspace, env: { HANDOFF: partial, NIX_CONFIG: conf(`store = ${join(tmp, 'store-partial')}`) } })
      expect(run.code).not.toBe(0)
      expect(run.stderr).toMatch(/handoff: some image is neither imported nor in a binary cache: \/nix\/store\/\S+-greet\.tar/)
    },
    TIMEOUT,
  )
})

describe('closure handoff through a binary cache', () => {
  // In the workflow the action itself pushes the image closures to the cache (cachix-name and a
  // token; src/cache/). Here `nix copy` to a local file:// cache stands in for that push (Cachix's
  // service cannot run here), so the build job's step takes its cache branch, and the publish job's
  // step finds the images as a substituter.
  let cache: string
  let handoff: string
  let store: string

  beforeAll(async () => {
    cache = join(tmp, 'cache')
    handoff = join(tmp, 'paths-only')
    store = join(tmp, 'store-cache')
    const copied = await nix('nix', ['copy', '--to', `file://${cache}`, ...Object.values(storePaths)], conf())
    expect(copied.stderr).not.toMatch(/error/)
    for (const system of SYSTEMS) {
      const env = exportEnv(system, handoff, { CACHIX_NAME: 'nca-test', CACHIX_AUTH_TOKEN: 'test-token' })
      const run = await runStep(exportStep, { cwd: workspace, env })
      expect(run.code).toBe(0)
    }
  }, TIMEOUT)

  it("the build job's step, with the closures in the cache, hands over only the list of images", async () => {
    expect((await readdir(handoff)).sort()).toEqual(['aarch64-linux.paths', 'x86_64-linux.paths'])
    expect((await readdir(cache)).filter((f) => f.endsWith('.narinfo'))).toHaveLength(4)
  })

  it(
    "the publish job's step substitutes them into an empty store, which then builds nothing",
    async () => {
      const substitute = [`substituters = file://${cache}`, 'require-sigs = false']
      const run = await runStep(importStep, { cwd: workspace, env: { HANDOFF: handoff, NIX_CONFIG: conf(`store = ${store}`, ...substitute) } })
      expect(run.code).toBe(0)
      expect(await dryRun(store)).not.toMatch(/will be (built|fetched)/)
      const r = await buildNothing(store)
      expect(r.code).toBe(0)
      expect(r.outputs).toEqual(Object.values(storePaths).sort())
    },
    TIMEOUT,
  )
})
