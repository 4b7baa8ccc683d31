// Every input is read and validated here, once, into one typed Settings object. Nothing else in
// the action reads inputs, so a bad value fails before any work starts, naming the input.
import {
  ARCHITECTURE_FORMS,
  type HostSystem,
  type LinuxSystem,
  LINUX_SYSTEMS,
  parseSystem,
} from './platform.js'
import { type RefContext, computeTags, isValidTag } from './tags.js'
import { type Installer, NIX_INSTALLER } from './install.js'

export type Emulate = 'auto' | 'true' | 'false'
export type Publisher = 'flocken' | 'builtin'

export interface Settings {
  containers: string[]
  systems: LinuxSystem[]
  flake: string
  /** The program in each container's image; undefined means "read it from the image's entrypoint". */
  tools: (string | undefined)[]
  test: boolean
  testArgs: string[]
  testTimeoutSec: number
  emulate: Emulate
  extraConf: string
  push: boolean
  publisher: Publisher
  registry: string
  /** Repository path inside the registry, one per container, in the order of `containers`. */
  repositories: string[]
  /** Flake attribute of the manifest app, one per container. */
  manifests: string[]
  version?: string
  tags: string[]
  username: string
  token: string
  ref: RefContext
  nixInstaller: Installer
}

/** The runner's facts that inputs default from (GITHUB_* variables, the host). */
export interface RunnerContext {
  host: HostSystem
  ref: RefContext
  actor: string
  repositoryOwner: string
}

export class InputError extends Error {
  constructor(input: string, message: string) {
    super(`Input '${input}': ${message}`)
    this.name = 'InputError'
  }
}

export const INPUT_NAMES = [
  'container',
  'tool',
  'architectures',
  'flake',
  'test',
  'test-args',
  'test-timeout',
  'emulate',
  'extra-conf',
  'push',
  'publisher',
  'registry',
  'repository',
  'manifest',
  'version',
  'tags',
  'username',
  'token',
  'nix-installer-url',
  'nix-installer-sha256',
] as const
export type InputName = (typeof INPUT_NAMES)[number]

export const DEFAULTS: Partial<Record<InputName, string>> = {
  architectures: 'x86_64-linux,aarch64-linux',
  flake: '.',
  test: 'true',
  'test-args': '--help',
  'test-timeout': '60',
  emulate: 'auto',
  push: 'auto',
  publisher: 'flocken',
  registry: 'ghcr.io',
  'nix-installer-url': NIX_INSTALLER.url,
  'nix-installer-sha256': NIX_INSTALLER.sha256,
}

const MAX_INPUT = 4096
const MAX_EXTRA_CONF = 65536
const ATTR = /^[A-Za-z_][A-Za-z0-9_'-]*$/
const TOOL = /^[A-Za-z0-9_][A-Za-z0-9._+-]*$/
const REGISTRY = /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*(?::[0-9]{1,5})?$/
const REPO_COMPONENT = /^[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*$/
const FLAKE = /^[A-Za-z0-9+._:/?=&@~-]+$/

export type ReadInput = (name: InputName) => string

/** Split a list input on commas and newlines, dropping blanks. */
export function splitList(value: string): string[] {
  return value
    .split(/[,\n]/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
}

/**
 * Split test arguments like a shell would split words, with '…' and "…" quoting, but never
 * expanding anything: `$(id)` or `;` stay literal characters of an argument.
 */
export function splitArgs(value: string, input = 'test-args'): string[] {
  const args: string[] = []
  let current = ''
  let inWord = false
  let quote: '"' | "'" | undefined
  for (let i = 0; i < value.length; i++) {
    const c = value[i]
    if (quote) {
      if (c === quote) quote = undefined
      else if (c === '\\' && quote === '"' && (value[i + 1] === '"' || value[i + 1] === '\\')) current += value[++i]
      else current += c
    } else if (c === '"' || c === "'") {
      quote = c
      inWord = true
    } else if (/\s/.test(c)) {
      if (inWord) args.push(current)
      current = ''
      inWord = false
    } else {
      current += c
      inWord = true
    }
  }
  if (quote) throw new InputError(input, `the quote ${quote} is never closed in ${JSON.stringify(value)}.`)
  if (inWord) args.push(current)
  return args
}

export function parseBoolean(input: string, value: string): boolean {
  const v = value.trim().toLowerCase()
  if (v === 'true') return true
  if (v === 'false') return false
  throw new InputError(input, `${JSON.stringify(value)} is not a boolean; use true or false.`)
}

function oneOf<T extends string>(input: string, value: string, allowed: readonly T[]): T {
  const v = value.trim().toLowerCase()
  if ((allowed as readonly string[]).includes(v)) return v as T
  throw new InputError(input, `${JSON.stringify(value)} is not accepted; use one of: ${allowed.join(', ')}.`)
}

/** The conventional manifest attribute for a container: fdContainer → fdManifest. */
export function defaultManifestName(container: string): string {
  return container.endsWith('Container') && container.length > 'Container'.length
    ? `${container.slice(0, -'Container'.length)}Manifest`
    : `${container}Manifest`
}

/** A short image name for a container: fdContainer → fd. */
export function imageBaseName(container: string): string {
  const stripped = container.endsWith('Container') ? container.slice(0, -'Container'.length) : container
  return (stripped || container).toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[._-]+|[._-]+$/g, '') || 'image'
}

function parseContainers(value: string): string[] {
  const containers = splitList(value)
  if (containers.length === 0) {
    throw new InputError('container', 'is required: name the flake attribute of the image, e.g. fdContainer (several: comma- or newline-separated).')
  }
  const seen = new Set<string>()
  for (const c of containers) {
    if (!ATTR.test(c) || c.length > 100) {
      throw new InputError('container', `${JSON.stringify(c)} is not a flake attribute name: use letters, digits, _, ' and -, starting with a letter or _, e.g. fdContainer.`)
    }
    if (seen.has(c)) throw new InputError('container', `${c} is listed twice.`)
    seen.add(c)
  }
  return containers
}

function parseSystems(value: string, host: HostSystem): LinuxSystem[] {
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
  if (tools.length !== containers.length) {
    throw new InputError('tool', `gives ${tools.length} programs for ${containers.length} containers: give one per container, in the same order, or none to use each image's entrypoint.`)
  }
  for (const tool of tools) {
    if (!TOOL.test(tool) || tool.length > 100) {
      throw new InputError('tool', `${JSON.stringify(tool)} is not a program name: use letters, digits, '.', '_', '+' and '-', without slashes, e.g. fd.`)
    }
  }
  return tools
}

function parseTimeout(value: string): number {
  const v = value.trim()
  const n = Number(v)
  if (!/^[0-9]+$/.test(v) || n < 1 || n > 3600) {
    throw new InputError('test-timeout', `${JSON.stringify(value)} is not accepted; use whole seconds from 1 to 3600.`)
  }
  return n
}

function parseRegistry(value: string): string {
  const registry = value.trim()
  if (!REGISTRY.test(registry) || registry.length > 253) {
    const hint = registry !== registry.toLowerCase() ? ' (registry hosts are lowercase)' : ''
    throw new InputError('registry', `${JSON.stringify(registry)} is not a registry host${hint}: use a host name with an optional port, e.g. ghcr.io or 127.0.0.1:5000, without a scheme or path.`)
  }
  return registry
}

export function isValidRepository(path: string): boolean {
  return path.length <= 255 && path.split('/').every((c) => REPO_COMPONENT.test(c))
}

function parseRepositories(value: string, containers: string[], tools: (string | undefined)[], ctx: RunnerContext): string[] {
  const given = splitList(value)
  if (given.length === 0) {
    // ghcr.io rejects uppercase, and GitHub owners often have it: lowercase what we derive.
    const owner = ctx.repositoryOwner.toLowerCase()
    return containers.map((c, i) => {
      const name = tools[i]?.toLowerCase() ?? imageBaseName(c)
      return owner ? `${owner}/${name}` : name
    })
  }
  if (given.length !== containers.length) {
    throw new InputError('repository', `gives ${given.length} repositories for ${containers.length} containers: give one per container, in the same order.`)
  }
  for (const r of given) {
    if (!isValidRepository(r)) {
      const hint = r !== r.toLowerCase() ? ' Repository names must be lowercase (ghcr.io rejects an uppercase owner).' : ''
      throw new InputError('repository', `${JSON.stringify(r)} is not a valid repository path: use lowercase components of letters, digits, '.', '_' and '-', separated by '/', e.g. acme/fd.${hint}`)
    }
  }
  return given
}

function parseManifests(value: string, containers: string[]): string[] {
  const given = splitList(value)
  if (given.length === 0) return containers.map(defaultManifestName)
  if (given.length !== containers.length) {
    throw new InputError('manifest', `gives ${given.length} manifest attributes for ${containers.length} containers: give one per container, in the same order.`)
  }
  for (const m of given) {
    if (!ATTR.test(m)) throw new InputError('manifest', `${JSON.stringify(m)} is not a flake attribute name, e.g. fdManifest.`)
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
      throw new InputError('tags', `${JSON.stringify(t)} is not a valid OCI tag: start with a letter, digit or _, then letters, digits, '.', '_' or '-', at most 128 characters.`)
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

function parsePush(value: string, ctx: RunnerContext): boolean {
  const v = value.trim().toLowerCase() || 'auto'
  if (v === 'auto') return ctx.ref.eventName !== 'pull_request' && ctx.ref.eventName !== 'pull_request_target'
  return parseBoolean('push', v)
}

/** Build the settings from raw input strings; throws InputError naming the first bad input. */
export function parseSettings(read: ReadInput, ctx: RunnerContext): Settings {
  const raw = (name: InputName): string => {
    const value = read(name) || DEFAULTS[name] || ''
    const limit = name === 'extra-conf' ? MAX_EXTRA_CONF : MAX_INPUT
    if (value.length > limit) throw new InputError(name, `is ${value.length} characters long; at most ${limit} are accepted.`)
    return value
  }
  const containers = parseContainers(raw('container'))
  const tools = parseTools(raw('tool'), containers)
  const systems = parseSystems(raw('architectures'), ctx.host)
  const flake = parseFlake(raw('flake'))
  const test = parseBoolean('test', raw('test'))
  const testArgs = splitArgs(raw('test-args'))
  const testTimeoutSec = parseTimeout(raw('test-timeout'))
  const emulate = oneOf<Emulate>('emulate', raw('emulate'), ['auto', 'true', 'false'])
  const extraConf = raw('extra-conf')
  const push = parsePush(raw('push'), ctx)
  const publisher = oneOf<Publisher>('publisher', raw('publisher'), ['flocken', 'builtin'])
  const registry = parseRegistry(raw('registry'))
  const repositories = parseRepositories(raw('repository'), containers, tools, ctx)
  const manifests = parseManifests(raw('manifest'), containers)
  const version = parseVersion(raw('version'))
  const username = raw('username').trim() || ctx.actor
  const token = raw('token')
  const tags = parseTags(raw('tags')) ?? computeTags(ctx.ref, version)
  const nixInstaller = parseInstaller(raw('nix-installer-url'), raw('nix-installer-sha256'))
  if (push) {
    if (tags.length === 0) {
      throw new InputError('tags', `no tag could be derived from the ref ${ctx.ref.ref || '(none)'}: set tags or version.`)
    }
    if (!token) throw new InputError('token', 'is empty but push is on: pass a registry token (on ghcr.io, the workflow token with packages: write).')
    if (!username) throw new InputError('username', 'is empty but push is on: name the registry user.')
  }
  return {
    containers,
    systems,
    flake,
    tools,
    test,
    testArgs,
    testTimeoutSec,
    emulate,
    extraConf,
    push,
    publisher,
    registry,
    repositories,
    manifests,
    version,
    tags,
    username,
    token,
    ref: ctx.ref,
    nixInstaller,
  }
}
