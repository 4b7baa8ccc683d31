// The action's inputs: their names and defaults, the runner's facts they default from, and the
// generic parsers every input goes through; a bad value is an InputError that names the input.
import { type HostSystem } from '../model.js'
import { type RefContext } from './tags.js'

/** Where the action's own Nix install comes from, and the SHA-256 the script must have. */
export interface Installer {
  url: string
  sha256: string
}

export const NIX_INSTALLER: Installer = {
  url: 'https://releases.nixos.org/nix/nix-2.24.11/install',
  sha256: '5c610a0e97c8a2dd48c1a630608502e43fdecd7d2572463dd4166126106d9188',
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
  /** GITHUB_SERVER_URL and GITHUB_API_URL (github.com's when unset), for the source annotations. */
  serverUrl?: string
  apiUrl?: string
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
  'installables',
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
  'manifest-app',
  'version',
  'tags',
  'annotations',
  'labels',
  'compression',
  'username',
  'password',
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
  compression: 'gzip',
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

export const MAX_INPUT = 4096
const MAX_EXTRA_CONF = 65536
// An RSA private key of 8192 bits is about 6,600 characters; builder lines carry host keys.
export const MAX_LONG: Partial<Record<InputName, number>> = { 'extra-conf': MAX_EXTRA_CONF, 'builder-ssh-key': 16384, builders: 16384, installables: 16384 }
export const FLAKE = /^[A-Za-z0-9+._:/?=&@~-]+$/

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

export function oneOf<T extends string>(input: string, value: string, allowed: readonly T[]): T {
  const v = value.trim().toLowerCase()
  if ((allowed as readonly string[]).includes(v)) return v as T
  throw new InputError(input, `${JSON.stringify(value)} is not accepted; use one of: ${allowed.join(', ')}.`)
}
/** Whole seconds from 1 to 3600 (test-timeout, builder-timeout). */
export function parseSeconds(input: InputName, value: string): number {
  const v = value.trim()
  const n = Number(v)
  if (!/^[0-9]+$/.test(v) || n < 1 || n > 3600) {
    throw new InputError(input, `${JSON.stringify(value)} is not accepted; use whole seconds from 1 to 3600.`)
  }
  return n
}
/** auto | true | false, where auto is decided by the caller. */
export function parseAutoBoolean(input: InputName, value: string): boolean | 'auto' {
  const v = value.trim().toLowerCase() || 'auto'
  if (v === 'auto') return 'auto'
  if (v === 'true' || v === 'false') return v === 'true'
  throw new InputError(input, `${JSON.stringify(value)} is not accepted; use one of: auto, true, false.`)
}
