// The caching inputs, read and checked (src/cache/ does the work): Cachix, a Nix binary cache, the
// GitHub Actions cache, a builder image.
import { FLAKE, InputError, type InputName, type ReadInput, type RunnerContext, parseAutoBoolean, splitList } from './inputs.js'

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
