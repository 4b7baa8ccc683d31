// Every input is read and validated here, once, into one typed Settings object. Nothing else in
// the action reads inputs, so a bad value fails before any work starts, naming the input.
import { ARCHITECTURE_FORMS, type HostSystem, type LinuxSystem, LINUX_SYSTEMS, parseSystem } from './platform.js'
import { type RefContext, computeTags, isValidTag } from './tags.js'
import { type Installer, NIX_INSTALLER } from '../nix/install.js'
import { KeyError, parseHostKey, parsePrivateKey } from '../builders/ssh-keys.js'
import { MACHINE_LINE_FORM, type MachineLine, MachineLineError, parseMachineLine, splitMachines } from '../builders/machine-line.js'

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
  /** owner/name of the GitHub repository, as GitHub spells it ('' when unknown): flocken's GitHub mode pushes there. */
  githubRepository: string
  nixInstaller: Installer
  /** Caches: substituters before the build, pushes of the image closures after it (cache.ts). */
  cache: CacheSettings
  /** Remote builders given by the input builders, as written (ports included). */
  builders: MachineLine[]
  /** Private key for those builders (a secret: masked, written 0600, never in state). */
  builderSshKey: string
  /** Base64 public host key for builder lines that give none; undefined means ssh-keyscan. */
  builderHostKey?: string
  builderTimeoutSec: number
  /** Write a CycloneDX SBOM of every built image from its Nix store paths (sbom.ts). */
  sbom: boolean
  /** Attest build provenance and the SBOMs of what was pushed, through GitHub's service (attest.ts). */
  attest: boolean
  /** A GitHub token for the attestations (a secret: masked). */
  githubToken: string
}

/** The runner's facts that inputs default from (GITHUB_* variables, the host). */
export interface RunnerContext {
  host: HostSystem
  ref: RefContext
  actor: string
  /** owner/name of the GitHub repository (GITHUB_REPOSITORY), as GitHub spells it. */
  repository?: string
  repositoryOwner: string
  /** A pull request from a fork: nothing is pushed to caches by default (its code is untrusted). */
  forkPullRequest?: boolean
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
  'cachix-name',
  'cachix-auth-token',
  'cachix-signing-key',
  'cachix-push',
  'extra-pull-names',
  'binary-cache',
  'binary-cache-public-key',
  'binary-cache-secret-key',
  'binary-cache-push',
  'actions-cache',
  'cache-builder-image',
  'nix-installer-url',
  'nix-installer-sha256',
  'builders',
  'builder-ssh-key',
  'builder-host-key',
  'builder-timeout',
  'sbom',
  'attest',
  'github-token',
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
  'cachix-push': 'auto',
  'binary-cache-push': 'auto',
  'actions-cache': 'auto',
  'nix-installer-url': NIX_INSTALLER.url,
  'nix-installer-sha256': NIX_INSTALLER.sha256,
  'builder-timeout': '120',
  sbom: 'true',
  attest: 'false',
}

const MAX_INPUT = 4096
const MAX_EXTRA_CONF = 65536
// An RSA private key of 8192 bits is about 6,600 characters; builder lines carry host keys.
const MAX_LONG: Partial<Record<InputName, number>> = { 'extra-conf': MAX_EXTRA_CONF, 'builder-ssh-key': 16384, builders: 16384 }
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

/** A runner label: printable ASCII without spaces. */
const RUNNER_LABEL = /^[\x21-\x7e]{1,100}$/

/**
 * The reusable workflow's runners input: JSON mapping systems (any spelling architectures accepts,
 * but not native) to a runner label or a list of labels, e.g. {"aarch64-linux": "my-arm-runner"}.
 */
export function parseRunners(value: string): Partial<Record<LinuxSystem, string | string[]>> {
  const text = value.trim()
  if (!text) return {}
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    throw new InputError(
      'runners',
      `${JSON.stringify(text)} is not JSON: give an object from system to runner label, e.g. {"aarch64-linux": "ubuntu-24.04-arm"}.`,
    )
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new InputError('runners', `must be a JSON object from system to runner label, e.g. {"aarch64-linux": "ubuntu-24.04-arm"}.`)
  }
  const runners: Partial<Record<LinuxSystem, string | string[]>> = {}
  for (const [key, label] of Object.entries(parsed)) {
    const system = key.trim().toLowerCase() === 'native' ? undefined : parseSystem(key, 'x86_64-linux')
    if (!system) throw new InputError('runners', `${JSON.stringify(key)} is not a system; use ${ARCHITECTURE_FORMS.replace(' or native', '')}.`)
    if (system in runners) throw new InputError('runners', `${JSON.stringify(key)} names ${system}, which is already given.`)
    const labels = Array.isArray(label) ? label : [label]
    if (labels.length === 0 || !labels.every((l) => typeof l === 'string' && RUNNER_LABEL.test(l))) {
      throw new InputError(
        'runners',
        `the runner for ${system} must be a label or a non-empty list of labels (printable ASCII without spaces, at most 100 characters), not ${JSON.stringify(label)}.`,
      )
    }
    runners[system] = Array.isArray(label) ? labels : (label as string)
  }
  return runners
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
    throw new InputError(
      'tool',
      `gives ${tools.length} programs for ${containers.length} containers: give one per container, in the same order, or none to use each image's entrypoint.`,
    )
  }
  for (const tool of tools) {
    if (!TOOL.test(tool) || tool.length > 100) {
      throw new InputError('tool', `${JSON.stringify(tool)} is not a program name: use letters, digits, '.', '_', '+' and '-', without slashes, e.g. fd.`)
    }
  }
  return tools
}

/** Whole seconds from 1 to 3600 (test-timeout, builder-timeout). */
function parseSeconds(input: InputName, value: string): number {
  const v = value.trim()
  const n = Number(v)
  if (!/^[0-9]+$/.test(v) || n < 1 || n > 3600) {
    throw new InputError(input, `${JSON.stringify(value)} is not accepted; use whole seconds from 1 to 3600.`)
  }
  return n
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
    const name = (i: number) => tools[i]?.toLowerCase() ?? imageBaseName(containers[i])
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
      'manifest',
      `gives ${given.length} manifest attributes for ${containers.length} containers: give one per container, in the same order.`,
    )
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

function parseBuilders(value: string): MachineLine[] {
  const lines = splitMachines(value)
  if (lines.files.length > 0) {
    throw new InputError(
      'builders',
      `@${lines.files[0]} names a machines file; give the machine lines themselves (builders in /etc/nix/machines are found without this input).`,
    )
  }
  const seen = new Set<string>()
  return lines.lines.map((text, i) => {
    let line: MachineLine
    try {
      line = parseMachineLine(text, true)
    } catch (e) {
      if (!(e instanceof MachineLineError)) throw e
      throw new InputError('builders', `line ${i + 1} (${text.split(/\s+/)[0]}) ${e.message}. A line is: ${MACHINE_LINE_FORM}.`)
    }
    if (seen.has(line.uri)) throw new InputError('builders', `${line.uri} is listed twice.`)
    seen.add(line.uri)
    return line
  })
}

function parseBuilderSshKey(value: string, builders: MachineLine[]): string {
  if (!value.trim()) return ''
  if (builders.length === 0)
    throw new InputError('builder-ssh-key', 'is set but builders is empty: list the machines it opens in builders, e.g. ssh-ng://builder@host aarch64-linux.')
  try {
    return parsePrivateKey(value)
  } catch (e) {
    if (e instanceof KeyError) throw new InputError('builder-ssh-key', `${e.message}.`)
    throw e
  }
}

function parseBuilderHostKey(value: string): string | undefined {
  if (!value.trim()) return undefined
  const key = parseHostKey(value)
  if (!key) {
    throw new InputError(
      'builder-host-key',
      "is not an SSH public host key: give the builder's key line (ssh-ed25519 AAAA…, from its /etc/ssh/ssh_host_ed25519_key.pub or ssh-keyscan), or that line in base64 as /etc/nix/machines has it.",
    )
  }
  return key
}

function parsePush(value: string, ctx: RunnerContext): boolean {
  const v = value.trim().toLowerCase() || 'auto'
  if (v === 'auto') return ctx.ref.eventName !== 'pull_request' && ctx.ref.eventName !== 'pull_request_target'
  return parseBoolean('push', v)
}

// --- caches (cache.ts does the work; here they are only read and checked) ---------------------------

export interface CachixSettings {
  name: string
  /** Secrets: masked, handed to cachix in its environment (CACHIX_AUTH_TOKEN, CACHIX_SIGNING_KEY), never argv. */
  authToken: string
  signingKey: string
  push: boolean
}

export interface BinaryCacheSettings {
  /** A Nix store URL: file://, http(s):// or s3://, with any query parameters the user gave. */
  url: string
  publicKeys: string[]
  /** Secret: written 0600 to a temporary file only for the push, never argv. */
  secretKey: string
  push: boolean
}

/** A store path, or an installable to evaluate to one. */
export type BuilderImage = { path: string } | { installable: string }

export interface CacheSettings {
  cachix?: CachixSettings
  /** More Cachix caches to substitute from (never pushed to). */
  extraPullNames: string[]
  binaryCache?: BinaryCacheSettings
  /** Keep the image closures in the GitHub Actions cache (by default only when no other cache is set). */
  actionsCache: boolean
  builderImage?: BuilderImage
}

const CACHIX_NAME = /^[a-z0-9][a-z0-9-]{0,62}$/
// Ed25519 keys as Nix writes them: NAME:BASE64, 32 bytes public, 64 bytes secret.
export const NIX_PUBLIC_KEY = /^[A-Za-z0-9._+-]+:[A-Za-z0-9+/]{43}=$/
const NIX_SECRET_KEY = /^[A-Za-z0-9._+-]+:[A-Za-z0-9+/]{86}==$/
const CACHE_SCHEMES = ['file:', 'http:', 'https:', 's3:']
const CACHE_URL_FORMS = 'file:///path, https://host[/path] (http:// too) or s3://bucket[?region=…]'
// A store path in any store directory: <dir>/<32 base-32 characters>-<name>.
const STORE_PATH = /^\/(?:[^/\s]+\/)+[0-9a-df-np-sv-z]{32}-[A-Za-z0-9+._?=-]+$/
const ATTR_PATH = /^[A-Za-z_][A-Za-z0-9_'-]*(?:\.[A-Za-z_][A-Za-z0-9_'-]*)*$/

function parseCachixName(input: InputName, name: string): string {
  if (!CACHIX_NAME.test(name)) {
    throw new InputError(
      input,
      `${JSON.stringify(name)} is not a Cachix cache name: use lowercase letters, digits and -, the <name> of https://<name>.cachix.org.`,
    )
  }
  return name
}

/** auto | true | false, where auto is decided by the caller. */
function parseAutoBoolean(input: InputName, value: string): boolean | 'auto' {
  const v = value.trim().toLowerCase() || 'auto'
  if (v === 'auto') return 'auto'
  if (v === 'true' || v === 'false') return v === 'true'
  throw new InputError(input, `${JSON.stringify(value)} is not accepted; use one of: auto, true, false.`)
}

function parseBinaryCacheUrl(value: string): string {
  const text = value.trim()
  let url: URL
  try {
    url = new URL(text)
  } catch {
    throw new InputError('binary-cache', `${JSON.stringify(text)} is not a Nix store URL: use ${CACHE_URL_FORMS}.`)
  }
  if (!CACHE_SCHEMES.includes(url.protocol)) {
    throw new InputError('binary-cache', `${JSON.stringify(text)} uses ${url.protocol}//, which is not accepted: use ${CACHE_URL_FORMS}.`)
  }
  if (url.protocol === 'file:' && (url.host || url.pathname === '/' || url.pathname === '')) {
    throw new InputError('binary-cache', `${JSON.stringify(text)} is not a local directory: use file:///absolute/path (three slashes).`)
  }
  // Credentials in the URL would end up on nix's command line and in the logs.
  if (url.username || url.password) {
    throw new InputError(
      'binary-cache',
      'holds credentials: remove user:password@ and give them to Nix through a netrc file (netrc-file in extra-conf) or, for s3://, the AWS_* environment.',
    )
  }
  if (/\s/.test(text)) throw new InputError('binary-cache', `${JSON.stringify(text)} contains whitespace; give one URL.`)
  return text
}

function parsePublicKeys(value: string): string[] {
  const keys = value.split(/[\s,]+/).filter(Boolean)
  for (const key of keys) {
    if (!NIX_PUBLIC_KEY.test(key)) {
      throw new InputError(
        'binary-cache-public-key',
        `${JSON.stringify(key)} is not a Nix public key: use NAME:BASE64 as printed by nix key convert-secret-to-public, e.g. cache.example.org-1:…= (several separated by commas, spaces or newlines).`,
      )
    }
  }
  return [...new Set(keys)]
}

function parseSecretKey(value: string): string {
  const key = value.trim()
  // The value is a secret: the message describes it without repeating it.
  if (!NIX_SECRET_KEY.test(key)) {
    throw new InputError(
      'binary-cache-secret-key',
      'is not a Nix secret signing key: give the whole contents of the file nix key generate-secret (or nix-store --generate-binary-cache-key) writes, NAME:BASE64.',
    )
  }
  return key
}

function parseBuilderImage(value: string, flake: string): BuilderImage | undefined {
  const v = value.trim()
  if (!v) return undefined
  if (v.startsWith('/')) {
    if (!STORE_PATH.test(v))
      throw new InputError(
        'cache-builder-image',
        `${JSON.stringify(v)} is not a store path: use /nix/store/<hash>-<name>, or a flake attribute such as darwinConfigurations.mac.config.nix-rosetta-builder.image.`,
      )
    return { path: v }
  }
  const hash = v.indexOf('#')
  const ref = hash === -1 ? flake : v.slice(0, hash)
  const attr = hash === -1 ? v : v.slice(hash + 1)
  if (!FLAKE.test(ref) || !ATTR_PATH.test(attr)) {
    throw new InputError(
      'cache-builder-image',
      `${JSON.stringify(v)} is neither a store path nor a flake attribute: use /nix/store/<hash>-<name>, an attribute path such as packages.aarch64-linux.builderImage, or <flake>#<attribute>.`,
    )
  }
  return { installable: `${ref}#${attr}` }
}

/**
 * The caching inputs. Pushing defaults to on unless the run is a pull request from a fork, whose
 * code must not write to a cache others substitute from; Cachix also needs a token or signing key.
 */
export function parseCacheSettings(raw: ReadInput, ctx: RunnerContext, flake: string): CacheSettings {
  const fromFork = ctx.forkPullRequest === true
  const cachixName = raw('cachix-name').trim()
  const authToken = raw('cachix-auth-token').trim()
  const signingKey = raw('cachix-signing-key').trim()
  const cachixPush = parseAutoBoolean('cachix-push', raw('cachix-push'))
  let cachix: CachixSettings | undefined
  if (cachixName) {
    const name = parseCachixName('cachix-name', cachixName)
    const canPush = Boolean(authToken || signingKey)
    if (cachixPush === true && !canPush) {
      throw new InputError(
        'cachix-push',
        'is true but neither cachix-auth-token nor cachix-signing-key is set: give the token of a cache you may write to (e.g. secrets.CACHIX_AUTH_TOKEN), or set cachix-push to auto or false.',
      )
    }
    cachix = { name, authToken, signingKey, push: cachixPush === 'auto' ? canPush && !fromFork : cachixPush }
  } else {
    for (const input of ['cachix-auth-token', 'cachix-signing-key'] as const) {
      if (raw(input).trim()) throw new InputError(input, 'is set but cachix-name is empty: name the Cachix cache it belongs to.')
    }
    if (cachixPush === true) throw new InputError('cachix-push', 'is true but cachix-name is empty: name the Cachix cache to push to.')
  }
  const extraPullNames = splitList(raw('extra-pull-names').replace(/\s+/g, ',')).map((n) => parseCachixName('extra-pull-names', n))

  const url = raw('binary-cache').trim()
  const publicKeys = parsePublicKeys(raw('binary-cache-public-key'))
  const secretKey = raw('binary-cache-secret-key').trim()
  const binaryPush = parseAutoBoolean('binary-cache-push', raw('binary-cache-push'))
  let binaryCache: BinaryCacheSettings | undefined
  if (url) {
    binaryCache = {
      url: parseBinaryCacheUrl(url),
      publicKeys,
      secretKey: secretKey ? parseSecretKey(secretKey) : '',
      push: binaryPush === 'auto' ? !fromFork : binaryPush,
    }
  } else {
    if (publicKeys.length > 0)
      throw new InputError('binary-cache-public-key', 'is set but binary-cache is empty: give the URL of the cache it signs, e.g. https://cache.example.org.')
    if (secretKey)
      throw new InputError(
        'binary-cache-secret-key',
        'is set but binary-cache is empty: give the URL of the cache to push to, e.g. s3://my-bucket?region=eu-west-1.',
      )
    if (binaryPush === true)
      throw new InputError('binary-cache-push', `is true but binary-cache is empty: give the URL of the cache to push to (${CACHE_URL_FORMS}).`)
  }

  const actions = parseAutoBoolean('actions-cache', raw('actions-cache'))
  const builderImage = parseBuilderImage(raw('cache-builder-image'), flake)
  if (builderImage && !cachix && !binaryCache) {
    throw new InputError(
      'cache-builder-image',
      'needs a cache to check and push to: set cachix-name or binary-cache (the GitHub Actions cache cannot be asked for one store path).',
    )
  }
  return {
    cachix,
    extraPullNames,
    binaryCache,
    actionsCache: actions === 'auto' ? !cachix && !binaryCache : actions,
    builderImage,
  }
}

/** Build the settings from raw input strings; throws InputError naming the first bad input. */
export function parseSettings(read: ReadInput, ctx: RunnerContext): Settings {
  const raw = (name: InputName): string => {
    const value = read(name) || DEFAULTS[name] || ''
    const limit = MAX_LONG[name] ?? MAX_INPUT
    if (value.length > limit) throw new InputError(name, `is ${value.length} characters long; at most ${limit} are accepted.`)
    return value
  }
  const containers = parseContainers(raw('container'))
  const tools = parseTools(raw('tool'), containers)
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
  const repositories = parseRepositories(raw('repository'), containers, tools, ctx)
  const manifests = parseManifests(raw('manifest'), containers)
  const version = parseVersion(raw('version'))
  const username = raw('username').trim() || ctx.actor
  const token = raw('token')
  const tags = parseTags(raw('tags')) ?? computeTags(ctx.ref, version)
  const nixInstaller = parseInstaller(raw('nix-installer-url'), raw('nix-installer-sha256'))
  const cache = parseCacheSettings(raw, ctx, flake)
  const builders = parseBuilders(raw('builders'))
  const builderSshKey = parseBuilderSshKey(raw('builder-ssh-key'), builders)
  const builderHostKey = parseBuilderHostKey(raw('builder-host-key'))
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
