#!/usr/bin/env node
// The project's CLI: the seed's `just` recipes, run by the same pipeline as the action, so what
// passes locally passes in CI. Options mirror the action's inputs (same names, same checks).
import { parseArgs } from 'node:util'
import { run, registerSecret, setLogStream } from '../exec.js'
import { load, smokeTest, tagLoaded } from '../image/docker.js'
import { probeHost } from '../pipeline/host.js'
import { type Settings, parseSettings, parseSystems } from '../config/settings.js'
import { ARCHITECTURE_FORMS, detectHost, nativeLinuxSystem, parseSystem } from '../config/platform.js'
import { type HostSystem, type LinuxSystem } from '../model.js'
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
import { UsageError, arity, commandsHelp, findCommand, usageOf } from './commands.js'
import { fromResultLink, linkResults, loadedImages, recordLoaded } from './results.js'
import { CURRENT_SYSTEM, NoRosettaBuilder, findRosettaImage } from './rosetta.js'

const USAGE = `Usage: nix-container-action <command> [arguments] [options]

${commandsHelp()}

Options (the action's inputs):
  --flake <ref>            flake to build from (default .)
  --architectures <list>   systems, e.g. x86_64-linux,aarch64-linux (default for multiarch, build-multiarch, plan: both)
  --installables <lines>   the image of a system when not packages.<system>.<container>: SYSTEM=INSTALLABLE
                           lines (CONTAINER/SYSTEM=INSTALLABLE for several), e.g. a cross-compiled one
  --test-args <args>       smoke-test arguments (default --help)
  --test-timeout <s>       smoke-test timeout in seconds (default 60)
  --no-test                build and load only
  --emulate <mode>         auto | true | false (default auto)
  --runners <json>         matrix only: {"<system>": "<runner label>"} overrides
  --extra-conf <lines>     extra nix.conf lines
  --cachix-name <name>     Cachix cache to substitute from and push to (token: $CACHIX_AUTH_TOKEN,
                           signing key: $CACHIX_SIGNING_KEY, never argv); the cache commands read
                           $CACHIX_CACHE_NAME (the seed's variable) when it is not given
  --extra-pull-names <l>   more Cachix caches to substitute from
  --binary-cache <url>     Nix binary cache (file://, https://, s3://); secret key: $NCA_BINARY_CACHE_SECRET_KEY
  --binary-cache-public-key <key>
  --cachix-push <p>, --binary-cache-push <p>   auto | true | false
  --registry <host>        registry for manifest (default ghcr.io)
  --repository <path>      repository for --publisher builtin (default <owner>/<repo> of the git remote)
  --manifest-app <attr>    manifest app attribute (default <name>Manifest)
  --publisher <p>          flocken | builtin (manifest only)
  --version <v>            version tag when HEAD is not a version tag
  --tags <list>            tags to push instead of those derived from git
  --username <user>        registry user (the password comes from $NCA_TOKEN or $GITHUB_TOKEN, never argv)
  --current-system <path>  check-rosetta-cache / cache-rosetta-builder: the nix-darwin system whose
                           nix-rosetta-builder image to use (default /run/current-system; e.g. the
                           ./result of darwin-rebuild build, before switching to it)
  --json                   print the result as JSON on stdout
  -h, --help               this help

Exit codes: 0 success, 1 a build, test or push failed, 2 bad usage or input.`

const OPTIONS = {
  flake: { type: 'string' },
  architectures: { type: 'string' },
  installables: { type: 'string' },
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
  'manifest-app': { type: 'string' },
  publisher: { type: 'string' },
  version: { type: 'string' },
  tags: { type: 'string' },
  username: { type: 'string' },
  'current-system': { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const

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
    if (name === 'password') return process.env.NCA_TOKEN ?? process.env.GITHUB_TOKEN ?? ''
    const secretEnv = SECRET_ENV[name]
    if (secretEnv) return process.env[secretEnv] ?? ''
    const v = values[name]
    return typeof v === 'string' ? v : ''
  }
}

function settingsFrom(values: Record<string, string | boolean | undefined>, extra: Partial<Record<InputName, string>>, ctx: RunnerContext): Settings {
  for (const env of Object.values(SECRET_ENV)) registerSecret(process.env[env])
  const settings = parseSettings(cliInputs(values, extra), ctx)
  registerSecret(settings.password)
  return settings
}

/** The Cachix cache of the cache commands: --cachix-name, else $CACHIX_CACHE_NAME as the seed's recipes read it. */
function cachixName(values: Record<string, string | boolean | undefined>): string | undefined {
  return typeof values['cachix-name'] === 'string' ? values['cachix-name'] : process.env.CACHIX_CACHE_NAME || undefined
}

async function nixOrFail(): Promise<string> {
  const path = await findNix()
  if (!path) throw new Error('nix is not installed: install Nix first (https://nixos.org/download).')
  return path
}

/** check-cache / push-cache: Nix with the caches as substituters, no plan, no build of images. */
async function cacheCommand(values: Record<string, string | boolean | undefined>, target: string, ctx: RunnerContext, push: boolean): Promise<number> {
  for (const env of Object.values(SECRET_ENV)) registerSecret(process.env[env])
  const name = cachixName(values)
  const read = cliInputs(values, { 'cache-builder-image': target, 'actions-cache': 'false', ...(name ? { 'cachix-name': name } : {}) })
  const cache = parseCacheSettings((name) => read(name) || DEFAULTS[name] || '', ctx, values.flake === undefined ? '.' : String(values.flake))
  const path = await nixOrFail()
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

/**
 * Runs a command that builds (and maybe loads and tests), then leaves what it got done for the next
 * command, also when a later stage failed: result-<system> for each image built, and the images
 * loaded (for test).
 */
async function leavingResults(report: RunReport, json: boolean, fn: () => Promise<unknown>): Promise<number> {
  let failure: { error: unknown } | undefined
  await fn().catch((error: unknown) => {
    failure = { error }
  })
  try {
    const left = linkResults(report.built, ui).then(() => recordLoaded(report.tests.flatMap((t) => (t.loaded ? [t.loaded] : []))))
    // After a failure the failure is the message; a link that could not be made is only a warning then.
    if (failure) await left.catch((e: unknown) => ui.warning(`could not leave result-<system> links: ${messageOf(e)}`))
    else await left
  } finally {
    printTable(report, json)
  }
  if (failure) throw failure.error
  return 0
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true })
  const [command, ...args] = positionals
  if (values.help || !command) {
    process.stdout.write(`${USAGE}\n`)
    return command || values.help ? 0 : 2
  }
  const spec = findCommand(command)
  if (!spec) throw new UsageError(`unknown command '${command}'; run nix-container-action --help`)
  const { min, max } = arity(spec)
  if (args.length < min || args.length > max) throw new UsageError(usageOf(spec, command))
  const host = detectHost()
  if (spec.name === 'matrix') {
    // Pure: no git, no probing. The reusable workflow's plan job writes this line to $GITHUB_OUTPUT.
    const systems = parseSystems(values.architectures ?? DEFAULTS.architectures ?? '', host)
    // Installables map the systems to a set cross-compiled on one runner: one job builds them all.
    const oneJob = (values.installables ?? '').trim() !== ''
    process.stdout.write(`${JSON.stringify(runnerMatrix(systems, parseRunners(values.runners ?? ''), oneJob))}\n`)
    return 0
  }
  const native = nativeLinuxSystem(host)
  /** A [system] argument: any spelling --architectures takes, one system. */
  const systemArg = (value: string | undefined): LinuxSystem => {
    if (value === undefined) return native
    const system = parseSystem(value, host)
    if (!system) throw new UsageError(`${JSON.stringify(value)} is not a system: use ${ARCHITECTURE_FORMS}`)
    return system
  }
  const ctx = await localContext(host)
  const report: RunReport = { built: [], tests: [] }
  const json = values.json ?? false

  switch (spec.name) {
    case 'all':
    case 'multiarch': {
      // all: one system (the argument, else --architectures, else native); multiarch: --architectures (default both).
      const architectures = spec.name === 'all' ? (args[2] === undefined ? (values.architectures ?? native) : systemArg(args[2])) : (values.architectures ?? '')
      const settings = settingsFrom(values, { container: args[0], tool: args[1], architectures, push: 'false' }, ctx)
      const facts = await probeHost(host)
      return leavingResults(report, json, () => runPipeline(settings, facts, ui, report, { installNix: false }))
    }
    case 'build':
    case 'build-multiarch': {
      const architectures =
        spec.name === 'build' ? (args[1] === undefined ? (values.architectures ?? native) : systemArg(args[1])) : (values.architectures ?? '')
      const settings = settingsFrom(values, { container: args[0], architectures, push: 'false' }, ctx)
      const facts = await probeHost(host)
      // The same pipeline as the action (caches included), up to the build.
      return leavingResults(report, json, () => runPipeline(settings, facts, ui, report, { installNix: false, until: 'build' }))
    }
    case 'load':
    case 'load-native': {
      const system = spec.name === 'load-native' ? native : systemArg(args[0])
      const image = await fromResultLink(system, 'result')
      const loaded = await load(image, 'result')
      await tagLoaded(loaded)
      await recordLoaded([loaded])
      ui.info(`loaded ${loaded.reference} (${loaded.imageId}) from result-${system}`)
      return 0
    }
    case 'test': {
      const system = systemArg(args[1])
      const loaded = (await loadedImages())[system]
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
    case 'push-cache':
      return cacheCommand(values, args[0], ctx, spec.name === 'push-cache')
    case 'check-rosetta-cache':
    case 'cache-rosetta-builder': {
      // The cache first: without one there is nothing to do on any machine.
      if (!cachixName(values) && values['binary-cache'] === undefined)
        throw new UsageError(`${command} needs a cache: --cachix-name <name> (or $CACHIX_CACHE_NAME) or --binary-cache <url>`)
      const push = spec.name === 'cache-rosetta-builder'
      let image: Awaited<ReturnType<typeof findRosettaImage>>
      try {
        image = await findRosettaImage(values['current-system'] ?? CURRENT_SYSTEM, await nixOrFail())
      } catch (e) {
        // As the seed's check-rosetta-cache: a system without the builder has nothing to check.
        if (e instanceof NoRosettaBuilder && !push) {
          ui.warning(`${e.message} Nothing to check.`)
          return 0
        }
        throw e
      }
      ui.info(`nix-rosetta-builder VM image: ${image.path} (from ${image.config})`)
      const code = await cacheCommand(values, image.path, ctx, push)
      if (code !== 0 && !push) ui.info(`Push it with: nix-container-action cache-rosetta-builder (same options)`)
      return code
    }
    case 'plan': {
      const settings = settingsFrom(values, { container: args[0], push: 'false' }, ctx)
      const planned = await plan(settings, await probeHost(host), { ...ui, info: () => undefined }, report, { installNix: false })
      if (json) process.stdout.write(`${JSON.stringify(planned, null, 2)}\n`)
      else process.stdout.write(`${planTable(planned)}\n${planned.warnings.map((w) => `warning: ${w}\n`).join('')}`)
      return 0
    }
  }
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
