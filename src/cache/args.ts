// Cache settings to nix.conf lines, store URLs and argument arrays: pure, table-tested.
import { type Substituter, hash16 } from './report.js'

export const unique = <T>(list: readonly T[]): T[] => [...new Set(list)]

/** The NIX_CONFIG lines that make Nix substitute from the caches (extra-: the runner's own stay). */
export function substituterLines(subs: readonly Substituter[]): string[] {
  const urls = unique(subs.map((s) => s.url))
  const keys = unique(subs.flatMap((s) => s.publicKeys))
  return [urls.length ? `extra-substituters = ${urls.join(' ')}` : '', keys.length ? `extra-trusted-public-keys = ${keys.join(' ')}` : ''].filter(Boolean)
}

/** Adds store parameters (`?secret-key=…`) to a store URL, keeping those the user gave. */
export function withStoreParams(url: string, params: Record<string, string>): string {
  const query = Object.entries(params)
    .map(([k, v]) => `${k}=${v}`)
    .join('&')
  if (!query) return url
  return `${url}${url.includes('?') ? '&' : '?'}${query}`
}

/** A cache URL for logs and the summary: no query string (it may name key files). */
export function displayUrl(url: string): string {
  return url.replace(/\?.*$/, '')
}

/**
 * `nix copy` to a binary cache. With a secret key the cache store signs each path as it uploads it
 * (the `secret-key` store parameter): unlike `nix store sign` this needs no trusted-user rights on a
 * multi-user Nix and leaves the local store's signatures alone.
 */
export function copyToArgs(url: string, roots: readonly string[], secretKeyFile?: string): string[] {
  return ['copy', '--to', secretKeyFile ? withStoreParams(url, { 'secret-key': secretKeyFile }) : url, ...roots]
}

/** Asks a store which paths it has; a negative answer must not be remembered, we ask again after pushing. */
export function cacheQueryArgs(store: string, paths: readonly string[]): string[] {
  return ['--store', store, '--option', 'narinfo-cache-negative-ttl', '0', ...paths]
}

/** `cachix push` takes roots and pushes their closures; the credentials travel in the environment. */
export function cachixPushArgs(name: string, roots: readonly string[]): string[] {
  return ['push', name, ...roots]
}

export function cachixEnv(cachix: { authToken: string; signingKey: string }): Record<string, string> {
  return {
    ...(cachix.authToken ? { CACHIX_AUTH_TOKEN: cachix.authToken } : {}),
    ...(cachix.signingKey ? { CACHIX_SIGNING_KEY: cachix.signingKey } : {}),
  }
}

/**
 * The Actions cache key: a prefix from the runner's system and a hash of flake.lock, the containers
 * and systems, then a hash of the built image paths. Entries are immutable, so a changed image gets
 * a new key; the restore matches the newest entry by prefix.
 */
export function actionsCacheKeys(input: { host: string; systems: readonly string[]; containers: readonly string[]; lock: string; roots?: readonly string[] }): {
  prefix: string
  key?: string
} {
  const prefix = `nix-container-action-${input.host}-${hash16(JSON.stringify([input.lock, input.containers, input.systems]))}`
  return { prefix, key: input.roots ? `${prefix}-${hash16([...input.roots].sort().join('\n'))}` : undefined }
}

/** The store paths a binary cache directory holds, from its .narinfo files. */
export function narinfoStorePath(text: string): string | undefined {
  return /^StorePath: (\S+)$/m.exec(text)?.[1]
}

/** `<flake>#attr` → what `nix eval --raw` prints the output path of. */
export function outPathInstallable(installable: string): string {
  return `${installable}.outPath`
}
