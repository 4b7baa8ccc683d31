#!/usr/bin/env node
// The project's CLI: the seed's `just` recipes, run by the same pipeline as the action, so what
// passes locally passes in CI. Options mirror the action's inputs (same names, same checks).
import { readFile, readlink, unlink, writeFile, mkdir } from 'node:fs/promises'
import { parseArgs } from 'node:util'
import { dirname, resolve } from 'node:path'
import { run, registerSecret, setLogStream } from '../exec.js'
import { type LoadedImage, load, smokeTest, tagLoaded } from '../image/docker.js'
import { probeHost } from '../pipeline/host.js'
import { type BuiltImage, detectKind } from '../image/kind.js'
import { type Settings, parseSettings, parseSystems } from '../config/settings.js'
import { type HostSystem, type LinuxSystem, detectHost, nativeLinuxSystem, ociPlatform } from '../config/platform.js'
import { PlanError, runnerMatrix } from '../pipeline/plan.js'
import { plan, runPipeline } from '../pipeline/run.js'
import { type RunReport, imagesOutput, formatBytes, planTable } from '../pipeline/report.js'
import { terminalUi } from '../pipeline/ui.js'
import { findNix, useNix } from '../nix/nix.js'
import { checkBuilderImage } from '../cache/builder-image.js'
import { emptyCacheReport } from '../cache/report.js'
import { openCache } from '../cache/hooks.js'
import { resolveSubstituters } from '../cache/substituters.js'
import { substituterLines } from '../cache/args.js'
import { messageOf } from '../errors.js'
import { DEFAULTS, InputError, type InputName, type RunnerContext } from '../config/inputs.js'
import { parseRunners } from '../config/runners.js'
import { parseCacheSettings } from '../config/cache-settings.js'

const USAGE = `Usage: nix-container-action <command> [arguments] [options]

Commands (the seed's just recipes):
  all <container> <tool> [system]     build one system (default: native), load, smoke-test
  multiarch <container> <tool>        build every system, load and test what this machine can run
  build <container> [system]          build and link result-<system> (default: native)
  load [system]                       load result-<system> into Docker (default: native)
  test <tool> [system]                smoke-test the image loaded from result-<system>
  manifest <container>                run the flake's manifest app (nix run --impure .#<name>Manifest)
  plan <container>                    print how each system would be built on this machine
  matrix                              print the reusable workflow's build matrix (JSON, one line)
  check-cache <attr-or-path>          does the cache (--cachix-name / --binary-cache) hold this store path
                                      or flake attribute? exit 0 when every cache has it, 1 when one lacks it
  push-cache <attr-or-path>           the same, and push it (build or substitute it first) where it is missing

Options (the action's inputs):
  --flake <ref>            flake to build from (default .)
  --architectures <list>   systems, e.g. x86_64-linux,aarch64-linux (default for multiarch/plan: both)
  --test-args <args>       smoke-test arguments (default --help)
  --test-timeout <s>       smoke-test timeout in seconds (default 60)
  --no-test                build and load only
  --emulate <mode>         auto | true | false (default auto)
  --runners <json>         matrix only: {"<system>": "<runner label>"} overrides
  --extra-conf <lines>     extra nix.conf lines
  --cachix-name <name>     Cachix cache to substitute from and push to (token: $CACHIX_AUTH_TOKEN,
                           signing key: $CACHIX_SIGNING_KEY, never argv)
  --extra-pull-names <l>   more Cachix caches to substitute from
  --binary-cache <url>     Nix binary cache (file://, https://, s3://); secret key: $NCA_BINARY_CACHE_SECRET_KEY
  --binary-cache-public-key <key>
  --cachix-push <p>, --binary-cache-push <p>   auto | true | false
  --registry <host>        registry for manifest (default ghcr.io)
  --repository <path>      repository for --publisher builtin (default <owner>/<repo> of the git remote)
  --manifest <attr>        manifest app attribute (default <name>Manifest)
  --publisher <p>          flocken | builtin (manifest only)
  --version <v>            version tag when HEAD is not a version tag
  --tags <list>            tags to push instead of those derived from git
  --username <user>        registry user (the password comes from $NCA_TOKEN or $GITHUB_TOKEN, never argv)
  --json                   print the result as JSON on stdout
  -h, --help               this help

Exit codes: 0 success, 1 a build, test or push failed, 2 bad usage or input.`

const OPTIONS = {
  flake: { type: 'string' },
  architectures: { type: 'string' },
  'test-args': { type: 'string' },
  'test-timeout': { type: 'string' },
  'no-test': { type: 'boolean' },
  emulate: { type: 'string' },
  runners: { type: 'string' },
  'extra-conf': { type: 'string' },
  'cachix-name': { type: 'string' },
  'extra-pull-names': { type: 'string' },
  'cachix-push': { type: 'string' },
  'binary-cache': { type: 'string' },
  'binary-cache-public-key': { type: 'string' },
  'binary-cache-push': { type: 'string' },
  registry: { type: 'string' },
  repository: { type: 'string' },
  manifest: { type: 'string' },
  publisher: { type: 'string' },
  version: { type: 'string' },
  tags: { type: 'string' },
  username: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const

class UsageError extends Error {}

const ui = terminalUi()
setLogStream(process.stderr)

async function git(args: string[]): Promise<string> {
  const r = await run({ cmd: 'git', args }, { echo: false, check: false }).catch(() => undefined)
  return r?.code === 0 ? r.stdout.trim() : ''
}

/** The same facts the action reads from GITHUB_*, taken from the local git checkout. */
async function localContext(host: HostSystem): Promise<RunnerContext> {
  const [branch, tag, sha, remote] = await Promise.all([
    git(['symbolic-ref', '--quiet', '--short', 'HEAD']),
    git(['describe', '--tags', '--exact-match', 'HEAD']),
    git(['rev-parse', 'HEAD']),
    git(['config', '--get', 'remote.origin.url']),
  ])
  const fromRemote = /[:/]([^/:]+)\/([^/]+?)(\.git)?$/.exec(remote)
  const repository = process.env.GITHUB_REPOSITORY ?? (fromRemote ? `${fromRemote[1]}/${fromRemote[2]}` : undefined)
  const owner = process.env.GITHUB_REPOSITORY_OWNER ?? repository?.split('/')[0] ?? ''
  return {
    host,
    actor: process.env.GITHUB_ACTOR ?? process.env.USER ?? '',
    repository,
    repositoryOwner: owner,
    ref: { eventName: 'workflow_dispatch', ref: tag ? `refs/tags/${tag}` : branch ? `refs/heads/${branch}` : '', sha, defaultBranch: 'main' },
  }
}

/** Secrets come from the environment, never from argv (where ps and shell history would see them). */
const SECRET_ENV: Partial<Record<InputName, string>> = {
  'cachix-auth-token': 'CACHIX_AUTH_TOKEN',
  'cachix-signing-key': 'CACHIX_SIGNING_KEY',
  'binary-cache-secret-key': 'NCA_BINARY_CACHE_SECRET_KEY',
}

function cliInputs(values: Record<string, string | boolean | undefined>, extra: Partial<Record<InputName, string>>): (name: InputName) => string {
  return (name: InputName): string => {
    if (name in extra) return extra[name] ?? ''
    if (name === 'test') return values['no-test'] ? 'false' : ''
    if (name === 'token') return process.env.NCA_TOKEN ?? process.env.GITHUB_TOKEN ?? ''
    const secretEnv = SECRET_ENV[name]
    if (secretEnv) return process.env[secretEnv] ?? ''
    const v = values[name]
    return typeof v === 'string' ? v : ''
  }
}

function settingsFrom(values: Record<string, string | boolean | undefined>, extra: Partial<Record<InputName, string>>, ctx: RunnerContext): Settings {
  for (const env of Object.values(SECRET_ENV)) registerSecret(process.env[env])
  const settings = parseSettings(cliInputs(values, extra), ctx)
  registerSecret(settings.token)
  return settings
}

/** check-cache / push-cache: Nix with the caches as substituters, no plan, no build of images. */
async function cacheCommand(values: Record<string, string | boolean | undefined>, target: string, ctx: RunnerContext, push: boolean): Promise<number> {
  for (const env of Object.values(SECRET_ENV)) registerSecret(process.env[env])
  const read = cliInputs(values, { 'cache-builder-image': target, 'actions-cache': 'false' })
  const cache = parseCacheSettings((name) => read(name) || DEFAULTS[name] || '', ctx, values.flake === undefined ? '.' : String(values.flake))
  const path = await findNix()
  if (!path) throw new Error('nix is not installed: install Nix first (https://nixos.org/download).')
  const report = emptyCacheReport()
  report.substituters = await resolveSubstituters(cache, path, ui)
  const config = [process.env.NIX_CONFIG ?? '', 'extra-experimental-features = nix-command flakes', ...substituterLines(report.substituters)]
    .filter(Boolean)
    .join('\n')
  const session = await openCache(await useNix(path, config), cache, report, ui)
  const check = await checkBuilderImage(session, cache.builderImage!, { push })
  for (const c of check.caches) {
    const state = c.error ? `error: ${c.error}` : c.pushed ? 'pushed' : c.present ? 'present' : 'missing'
    process.stdout.write(`${c.cache}\t${state}\t${check.path}\n`)
  }
  const ok = check.caches.length > 0 && check.caches.every((c) => c.present || c.pushed)
  return ok ? 0 : 1
}

const resultLink = (system: LinuxSystem): string => resolve(`result-${system}`)
const STATE = resolve('.nix-container-action', 'loaded.json')

function printTable(report: RunReport, json: boolean): void {
  const rows = imagesOutput(report)
  if (json) {
    process.stdout.write(`${JSON.stringify({ images: rows, publication: report.publication ?? null }, null, 2)}\n`)
    return
  }
  if (rows.length === 0) return
  ui.info('')
  for (const r of rows)
    ui.info(
      `${r.container.padEnd(20)} ${r.platform.padEnd(12)} ${r.kind.padEnd(12)} ${(r.reference ?? '-').padEnd(32)} ${r.size === undefined ? '' : formatBytes(r.size).padEnd(10)} ${r.test}`,
    )
  for (const p of report.publication?.images ?? []) ui.info(`published ${p.name}@${p.digest} tags ${p.tags.join(', ')}`)
}

async function linkResults(built: BuiltImage[]): Promise<void> {
  for (const image of built) {
    const link = resultLink(image.system)
    await unlink(link).catch(() => undefined)
    // A GC root, like nix build's result link, so the image survives nix-collect-garbage.
    await run({ cmd: 'nix-store', args: ['--realise', image.storePath, '--add-root', link, '--indirect'] }, { echo: false })
    ui.info(`${link} -> ${image.storePath}`)
  }
}

async function fromResultLink(system: LinuxSystem, container: string): Promise<BuiltImage> {
  const storePath = await readlink(resultLink(system)).catch(() => {
    throw new UsageError(`no ${resultLink(system)}: run 'nix-container-action build <container> ${system}' first`)
  })
  return {
    container,
    system,
    platform: ociPlatform(system),
    installable: storePath,
    build: 'native',
    run: 'native',
    storePath,
    drvPath: '',
    kind: await detectKind(storePath),
    size: 0,
  }
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true })
  const [command, ...args] = positionals
  if (values.help || !command) {
    process.stdout.write(`${USAGE}\n`)
    return command || values.help ? 0 : 2
  }
  const host = detectHost()
  if (command === 'matrix') {
    // Pure: no git, no probing. The reusable workflow's plan job writes this line to $GITHUB_OUTPUT.
    if (args.length > 0) throw new UsageError('usage: nix-container-action matrix [--architectures <list>] [--runners <json>]')
    const systems = parseSystems(values.architectures ?? DEFAULTS.architectures ?? '', host)
    process.stdout.write(`${JSON.stringify(runnerMatrix(systems, parseRunners(values.runners ?? '')))}\n`)
    return 0
  }
  const native = nativeLinuxSystem(host)
  const ctx = await localContext(host)
  const report: RunReport = { built: [], tests: [] }
  const need = (n: number, usage: string): void => {
    if (args.length < n || args.length > n + 1) throw new UsageError(`usage: nix-container-action ${command} ${usage}`)
  }
  const json = values.json ?? false

  switch (command) {
    case 'all':
    case 'multiarch': {
      need(2, command === 'all' ? '<container> <tool> [system]' : '<container> <tool>')
      const architectures = command === 'all' ? (args[2] ?? values.architectures ?? native) : (values.architectures ?? '')
      const settings = settingsFrom(values, { container: args[0], tool: args[1], architectures, push: 'false' }, ctx)
      try {
        await runPipeline(settings, await probeHost(host), ui, report, { installNix: false })
      } finally {
        printTable(report, json)
      }
      return 0
    }
    case 'build': {
      need(1, '<container> [system]')
      const settings = settingsFrom(values, { container: args[0], architectures: args[1] ?? values.architectures ?? native, push: 'false' }, ctx)
      // The same pipeline as the action (caches included), up to the build.
      const { built } = await runPipeline(settings, await probeHost(host), ui, report, { installNix: false, until: 'build' })
      await linkResults(built)
      printTable(report, json)
      return 0
    }
    case 'load': {
      if (args.length > 1) throw new UsageError('usage: nix-container-action load [system]')
      const system = (args[0] ?? native) as LinuxSystem
      const image = await fromResultLink(system, 'result')
      const loaded = await load(image, 'result')
      await tagLoaded(loaded)
      await mkdir(dirname(STATE), { recursive: true })
      await writeFile(STATE, JSON.stringify({ ...(await readState()), [system]: loaded }))
      ui.info(`loaded ${loaded.reference} (${loaded.imageId})`)
      return 0
    }
    case 'test': {
      need(1, '<tool> [system]')
      const system = (args[1] ?? native) as LinuxSystem
      const loaded = (await readState())[system]
      if (!loaded) throw new UsageError(`nothing loaded for ${system}: run 'nix-container-action load ${system}' first`)
      const settings = settingsFrom(values, { container: 'result', tool: args[0], architectures: system, push: 'false' }, ctx)
      const result = await smokeTest(
        { ...loaded, run: system === native ? 'native' : 'emulated' },
        { tool: args[0], args: settings.testArgs, timeoutSec: settings.testTimeoutSec },
      )
      ui.info(result.output)
      ui.info(`${loaded.reference}: ${result.status}${result.reason ? ` (${result.reason})` : ''}`)
      return result.status === 'failed' ? 1 : 0
    }
    case 'manifest': {
      need(1, '<container>')
      const settings = settingsFrom(values, { container: args[0], push: 'true' }, ctx)
      // The action's whole pipeline: build, load, test, SBOM, publish, with the caches.
      try {
        await runPipeline(settings, await probeHost(host), ui, report, { installNix: false })
      } finally {
        printTable(report, json)
      }
      return 0
    }
    case 'check-cache':
    case 'push-cache': {
      if (args.length !== 1) throw new UsageError(`usage: nix-container-action ${command} <attr-or-path> (--cachix-name <name> | --binary-cache <url>)`)
      return cacheCommand(values, args[0], ctx, command === 'push-cache')
    }
    case 'plan': {
      need(1, '<container>')
      const settings = settingsFrom(values, { container: args[0], push: 'false' }, ctx)
      const planned = plan(settings, await probeHost(host), { ...ui, info: () => undefined }, report)
      if (json) process.stdout.write(`${JSON.stringify(planned, null, 2)}\n`)
      else process.stdout.write(`${planTable(planned)}\n${planned.warnings.map((w) => `warning: ${w}\n`).join('')}`)
      return 0
    }
    default:
      throw new UsageError(`unknown command '${command}'; run nix-container-action --help`)
  }
}

async function readState(): Promise<Record<string, LoadedImage>> {
  return JSON.parse(await readFile(STATE, 'utf8').catch(() => '{}')) as Record<string, LoadedImage>
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    const message = messageOf(e)
    process.stderr.write(`error: ${message}\n`)
    const usage = e instanceof UsageError || e instanceof InputError || e instanceof PlanError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
    process.exit(usage ? 2 : 1)
  },
)
