// Every input is read and validated here, once, into one typed Settings object. Nothing else in
// the action reads inputs, so a bad value fails before any work starts, naming the input.
import { COMPRESSIONS, type Compression, zstdAvailable, type HostSystem, type LinuxSystem, type MachineLine, installable } from '../model.js'
import { ARCHITECTURE_FORMS, LINUX_SYSTEMS, parseSystem } from './platform.js'
import { type RefContext, computeTags, isValidTag } from './tags.js'
import { type Annotation, parseAnnotations, parseLabels } from './annotations.js'

import { parseBuilderSettings } from './builder-settings.js'
import { parseInstallables } from './installables.js'
import { type CacheSettings, parseCacheSettings } from './cache-settings.js'
import {
  DEFAULTS,
  FLAKE,
  InputError,
  type Installer,
  type InputName,
  MAX_INPUT,
  MAX_LONG,
  type ReadInput,
  type RunnerContext,
  oneOf,
  parseBoolean,
  parseSeconds,
  splitArgs,
  splitList,
} from './inputs.js'

export type Emulate = 'auto' | 'true' | 'false'
export type Publisher = 'flocken' | 'builtin'

/** One container of the run: what the inputs say about it, in one record. */
export interface Container {
  /** Flake attribute of the image: packages.<system>.<name>, e.g. fdContainer. */
  name: string
  /** The program in the image; undefined means "read it from the image's entrypoint". */
  tool?: string
  /** Repository path inside the registry (builtin publisher, and a manifest app that is not flocken). */
  repository: string
  /** Flake attribute of its manifest app, e.g. fdManifest. */
  manifest: string
  /** The installables input's image of a system, where it gives one (imageInstallable has the default). */
  installables: Partial<Record<LinuxSystem, string>>
}

/** The installable of a container's image for a system: the installables input's, else packages.<system>.<name>. */
export function imageInstallable(flake: string, container: Pick<Container, 'name'> & Partial<Pick<Container, 'installables'>>, system: LinuxSystem): string {
  return container.installables?.[system] ?? installable(flake, system, container.name)
}

export interface Settings {
  /** In the order the input lists them. */
  containers: Container[]
  systems: LinuxSystem[]
  flake: string
  test: boolean
  testArgs: string[]
  testTimeoutSec: number
  emulate: Emulate
  extraConf: string
  push: boolean
  publisher: Publisher
  registry: string
  version?: string
  tags: string[]
  /** The annotations input's lines, written over the defaults (publish/annotations.ts). */
  annotations: Annotation[]
  /** Labels added to each image's config by the builtin publisher. */
  labels: Record<string, string>
  /** How the builtin publisher compresses the layers it pushes. */
  compression: Compression
  /** GitHub's web and API addresses: the source annotation, the repository's description and licenses. */
  github: { serverUrl: string; apiUrl: string }
  username: string
  /** Registry password or token (a secret: masked). */
  password: string
  ref: RefContext
  /** owner/name of the GitHub repository, as GitHub spells it ('' when unknown): flocken's GitHub mode pushes there. */
  githubRepository: string
  nixInstaller: Installer
  /** Caches: substituters before the build, pushes of the image closures after it (src/cache/). */
  cache: CacheSettings
  /** Remote builders given by the input builders, as written (ports included). */
  builders: MachineLine[]
  /** Private key for those builders (a secret: masked, written 0600, never in state). */
  builderSshKey: string
  /** Base64 public host key for builder lines that give none; undefined means ssh-keyscan. */
  builderHostKey?: string
  builderTimeoutSec: number
  /** Write a CycloneDX SBOM of every built image from its Nix store paths (image/sbom.ts). */
  sbom: boolean
  /** Attest build provenance and the SBOMs of what was pushed, through GitHub's service (attest.ts). */
  attest: boolean
  /** A GitHub token for the attestations (a secret: masked). */
  githubToken: string
}

const ATTR = /^[A-Za-z_][A-Za-z0-9_'-]*$/
const TOOL = /^[A-Za-z0-9_][A-Za-z0-9._+-]*$/
const REGISTRY = /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*(?::[0-9]{1,5})?$/
const REPO_COMPONENT = /^[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*$/

/** The conventional manifest attribute for a container: fdContainer → fdManifest. */
export function defaultManifestName(container: string): string {
  return container.endsWith('Container') && container.length > 'Container'.length
    ? `${container.slice(0, -'Container'.length)}Manifest`
    : `${container}Manifest`
}

/** A short image name for a container: fdContainer → fd. */
export function imageBaseName(container: string): string {
  const stripped = container.endsWith('Container') ? container.slice(0, -'Container'.length) : container
  return (
    (stripped || container)
      .toLowerCase()
      .replace(/[^a-z0-9._-]+/g, '-')
      .replace(/^[._-]+|[._-]+$/g, '') || 'image'
  )
}

function parseContainers(value: string): string[] {
  const containers = splitList(value)
  if (containers.length === 0) {
    throw new InputError('container', 'is required: name the flake attribute of the image, e.g. fdContainer (several: comma- or newline-separated).')
  }
  const seen = new Set<string>()
  for (const c of containers) {
    if (!ATTR.test(c) || c.length > 100) {
      throw new InputError(
        'container',
        `${JSON.stringify(c)} is not a flake attribute name: use letters, digits, _, ' and -, starting with a letter or _, e.g. fdContainer.`,
      )
    }
    if (seen.has(c)) throw new InputError('container', `${c} is listed twice.`)
    seen.add(c)
  }
  return containers
}

/** The architectures input (also the CLI's --architectures) as systems, in the fixed build order. */
export function parseSystems(value: string, host: HostSystem): LinuxSystem[] {
  const words = splitList(value)
  if (words.length === 0) throw new InputError('architectures', `is empty: list one or more of ${ARCHITECTURE_FORMS}.`)
  const systems: LinuxSystem[] = []
  for (const w of words) {
    const system = parseSystem(w, host)
    if (!system) {
      throw new InputError('architectures', `${JSON.stringify(w)} is not a supported architecture; use ${ARCHITECTURE_FORMS}.`)
    }
    if (systems.includes(system)) {
      throw new InputError('architectures', `${JSON.stringify(w)} names ${system}, which is already listed.`)
    }
    systems.push(system)
  }
  // Build order is fixed (x86_64 first) so plans and outputs do not depend on how the input was written.
  return LINUX_SYSTEMS.filter((s) => systems.includes(s))
}

function parseFlake(value: string): string {
  const flake = value.trim() || '.'
  if (!FLAKE.test(flake)) {
    throw new InputError('flake', `${JSON.stringify(flake)} is not a flake reference: use a path such as . or ./sub, or a reference such as github:owner/repo.`)
  }
  return flake
}

function parseTools(value: string, containers: string[]): (string | undefined)[] {
  const tools = splitList(value)
  if (tools.length === 0) return containers.map(() => undefined)
  if (tools.length !== 1 && tools.length !== containers.length) {
    throw new InputError(
      'tool',
      `gives ${tools.length} programs for ${containers.length} containers: give one for all of them, one per container in the same order, or none to use each image's entrypoint.`,
    )
  }
  for (const tool of tools) {
    if (!TOOL.test(tool) || tool.length > 100) {
      throw new InputError('tool', `${JSON.stringify(tool)} is not a program name: use letters, digits, '.', '_', '+' and '-', without slashes, e.g. fd.`)
    }
  }
  // One program for several containers (the same tool in different images) applies to each.
  return containers.map((_, i) => tools[tools.length === 1 ? 0 : i])
}

function parseRegistry(value: string): string {
  const registry = value.trim()
  if (!REGISTRY.test(registry) || registry.length > 253) {
    const hint = registry !== registry.toLowerCase() ? ' (registry hosts are lowercase)' : ''
    throw new InputError(
      'registry',
      `${JSON.stringify(registry)} is not a registry host${hint}: use a host name with an optional port, e.g. ghcr.io or 127.0.0.1:5000, without a scheme or path.`,
    )
  }
  return registry
}

export function isValidRepository(path: string): boolean {
  return path.length <= 255 && path.split('/').every((c) => REPO_COMPONENT.test(c))
}

function parseRepositories(value: string, containers: string[], tools: (string | undefined)[], ctx: RunnerContext): string[] {
  const given = splitList(value)
  if (given.length === 0) {
    // Where flocken's GitHub mode pushes, ghcr.io/<owner>/<repo>, so the package links to the
    // repository; several containers get a name each below it. Registries reject uppercase.
    const repo = ctx.repository?.toLowerCase()
    // Named by tool only when each container has its own: a shared tool would give them one name.
    const ownTools = new Set(tools).size === containers.length
    const name = (i: number) => (ownTools ? tools[i]?.toLowerCase() : undefined) ?? imageBaseName(containers[i])
    if (repo) return containers.map((_, i) => (containers.length === 1 ? repo : `${repo}/${name(i)}`))
    const owner = ctx.repositoryOwner.toLowerCase()
    return containers.map((_, i) => (owner ? `${owner}/${name(i)}` : name(i)))
  }
  if (given.length !== containers.length) {
    throw new InputError('repository', `gives ${given.length} repositories for ${containers.length} containers: give one per container, in the same order.`)
  }
  for (const r of given) {
    if (!isValidRepository(r)) {
      const hint = r !== r.toLowerCase() ? ' Repository names must be lowercase (ghcr.io rejects an uppercase owner).' : ''
      throw new InputError(
        'repository',
        `${JSON.stringify(r)} is not a valid repository path: use lowercase components of letters, digits, '.', '_' and '-', separated by '/', e.g. acme/fd.${hint}`,
      )
    }
  }
  return given
}

function parseManifests(value: string, containers: string[]): string[] {
  const given = splitList(value)
  if (given.length === 0) return containers.map(defaultManifestName)
  if (given.length !== containers.length) {
    throw new InputError(
      'manifest-app',
      `gives ${given.length} manifest attributes for ${containers.length} containers: give one per container, in the same order.`,
    )
  }
  for (const m of given) {
    if (!ATTR.test(m)) throw new InputError('manifest-app', `${JSON.stringify(m)} is not a flake attribute name, e.g. fdManifest.`)
  }
  return given
}

function parseVersion(value: string): string | undefined {
  const v = value.trim()
  if (!v) return undefined
  if (!isValidTag(v.replace(/^v(?=[0-9])/, ''))) {
    throw new InputError('version', `${JSON.stringify(v)} is not usable as an image tag: use letters, digits, '.', '_' and '-' (at most 128), e.g. 1.2.3.`)
  }
  return v.replace(/^v(?=[0-9])/, '')
}

function parseTags(value: string): string[] | undefined {
  const tags = splitList(value)
  if (tags.length === 0) return undefined
  for (const t of tags) {
    if (!isValidTag(t)) {
      throw new InputError(
        'tags',
        `${JSON.stringify(t)} is not a valid OCI tag: start with a letter, digit or _, then letters, digits, '.', '_' or '-', at most 128 characters.`,
      )
    }
  }
  return [...new Set(tags)]
}

function parseInstaller(url: string, sha256: string): Installer {
  let parsed: URL
  try {
    parsed = new URL(url.trim())
  } catch {
    throw new InputError('nix-installer-url', `${JSON.stringify(url)} is not a URL; use an https:// URL of a Nix install script.`)
  }
  const loopback = /^(localhost|127\.[0-9.]+|\[::1\])$/.test(parsed.hostname)
  if (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && loopback)) {
    throw new InputError('nix-installer-url', `${JSON.stringify(url)} must use https:// (plain http only for a loopback test server).`)
  }
  const hash = sha256.trim().toLowerCase()
  if (!/^[0-9a-f]{64}$/.test(hash)) {
    throw new InputError('nix-installer-sha256', `${JSON.stringify(sha256)} is not a SHA-256: use 64 hexadecimal digits, as printed by sha256sum.`)
  }
  return { url: parsed.toString(), sha256: hash }
}

/**
 * The events on which push: auto publishes: a push of a branch or tag, a release, a manual run. Not
 * pull requests, and not merge queues or schedules, whose refs and timing would move tags no one chose.
 */
export const PUSH_EVENTS: readonly string[] = ['push', 'release', 'workflow_dispatch']

function parsePush(value: string, ctx: RunnerContext): boolean {
  const v = value.trim().toLowerCase() || 'auto'
  if (v === 'auto') return PUSH_EVENTS.includes(ctx.ref.eventName)
  return parseBoolean('push', v)
}

export function parseSettings(read: ReadInput, ctx: RunnerContext): Settings {
  const raw = (name: InputName): string => {
    const value = read(name) || DEFAULTS[name] || ''
    const limit = MAX_LONG[name] ?? MAX_INPUT
    if (value.length > limit) throw new InputError(name, `is ${value.length} characters long; at most ${limit} are accepted.`)
    return value
  }
  const names = parseContainers(raw('container'))
  const tools = parseTools(raw('tool'), names)
  const systems = parseSystems(raw('architectures'), ctx.host)
  const flake = parseFlake(raw('flake'))
  const test = parseBoolean('test', raw('test'))
  const testArgs = splitArgs(raw('test-args'))
  const testTimeoutSec = parseSeconds('test-timeout', raw('test-timeout'))
  const emulate = oneOf<Emulate>('emulate', raw('emulate'), ['auto', 'true', 'false'])
  const extraConf = raw('extra-conf')
  const push = parsePush(raw('push'), ctx)
  const publisher = oneOf<Publisher>('publisher', raw('publisher'), ['flocken', 'builtin'])
  const registry = parseRegistry(raw('registry'))
  const repositories = parseRepositories(raw('repository'), names, tools, ctx)
  const manifests = parseManifests(raw('manifest-app'), names)
  const installables = parseInstallables(raw('installables'), names, systems, flake, ctx.host)
  const containers = names.map((name, i): Container => ({
    name,
    tool: tools[i],
    repository: repositories[i],
    manifest: manifests[i],
    installables: installables.get(name) ?? {},
  }))
  const version = parseVersion(raw('version'))
  const username = raw('username').trim() || ctx.actor
  const password = raw('password')
  const tags = parseTags(raw('tags')) ?? computeTags(ctx.ref, version)
  const annotations = parseAnnotations(raw('annotations'))
  const labels = parseLabels(raw('labels'))
  if (Object.keys(labels).length > 0 && publisher === 'flocken') {
    throw new InputError(
      'labels',
      "needs publisher: builtin: flocken pushes the image archives exactly as the flake built them. Set config.Labels in the flake's image, or use publisher: builtin.",
    )
  }
  const compression = parseCompression(raw('compression'), publisher)
  const nixInstaller = parseInstaller(raw('nix-installer-url'), raw('nix-installer-sha256'))
  const cache = parseCacheSettings(raw, ctx, flake)
  const { builders, builderSshKey, builderHostKey } = parseBuilderSettings(raw)
  const builderTimeoutSec = parseSeconds('builder-timeout', raw('builder-timeout'))
  const sbom = parseBoolean('sbom', raw('sbom'))
  const attest = parseBoolean('attest', raw('attest'))
  const githubToken = raw('github-token').trim()
  if (attest && push && !githubToken) {
    throw new InputError(
      'github-token',
      'is empty but attest is true: pass a GitHub token of this repository (the default, github.token, works when the job has permissions attestations: write and id-token: write).',
    )
  }
  if (push) {
    if (tags.length === 0) {
      throw new InputError('tags', `no tag could be derived from the ref ${ctx.ref.ref || '(none)'}: set tags or version.`)
    }
    if (!username) throw new InputError('username', 'is empty but push is on: name the registry user.')
  }
  return {
    containers,
    systems,
    flake,
    test,
    testArgs,
    testTimeoutSec,
    emulate,
    extraConf,
    push,
    publisher,
    registry,
    version,
    tags,
    annotations,
    labels,
    compression,
    github: { serverUrl: ctx.serverUrl || 'https://github.com', apiUrl: ctx.apiUrl || 'https://api.github.com' },
    username,
    password,
    ref: ctx.ref,
    githubRepository: ctx.repository ?? '',
    nixInstaller,
    cache,
    builders,
    builderSshKey,
    builderHostKey,
    builderTimeoutSec,
    sbom,
    attest,
    githubToken,
  }
}

/** The compression input: zstd only where this Node's zlib has it, and flocken only with its own gzip. */
export function parseCompression(value: string, publisher: Publisher, hasZstd: boolean = zstdAvailable()): Compression {
  const compression = oneOf<Compression>('compression', value, COMPRESSIONS)
  if (compression === 'zstd' && !hasZstd)
    throw new InputError(
      'compression',
      `is zstd, which this runner's Node.js ${process.version} cannot write (it needs 22.15 or later, as GitHub's node24 runtime has): use gzip or none.`,
    )
  if (publisher === 'flocken' && compression !== 'gzip')
    throw new InputError(
      'compression',
      `is ${compression}, but publisher is flocken, which pushes gzip layers (podman's): use publisher: builtin to push ${compression === 'none' ? 'uncompressed' : 'zstd'} layers.`,
    )
  return compression
}
