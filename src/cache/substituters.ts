// The caches a run substitutes from: Cachix's public keys from its API, a binary cache's key from
// its secret key, a file:// cache's folders.
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { run } from '../exec.js'
import { httpRequest } from '../http.js'
import type { Ui } from '../model.js'
import { type Substituter } from './report.js'

import { displayUrl, unique } from './args.js'
import { lastLines, messageOf } from '../errors.js'
import { type CacheSettings, NIX_PUBLIC_KEY } from '../config/cache-settings.js'

const API_TIMEOUT_MS = 15_000

/** Public key of a Nix secret key; the secret goes in on stdin. */
export async function publicKeyOf(nixPath: string, secretKey: string): Promise<string> {
  const { stdout } = await run(
    { cmd: nixPath, args: ['--extra-experimental-features', 'nix-command', 'key', 'convert-secret-to-public'] },
    { input: secretKey, echo: false },
  )
  return stdout.trim()
}

/**
 * A Cachix cache's store URL and public keys from its API (`GET /api/v1/cache/<name>`, as
 * cachix use does). NCA_CACHIX_API points elsewhere (a self-hosted API; the tests' stand-in).
 */
export async function lookUpCachix(name: string, token: string): Promise<Substituter> {
  const api = (process.env.NCA_CACHIX_API ?? 'https://cachix.org/api/v1').replace(/\/$/, '')
  const res = await httpRequest(`${api}/cache/${name}`, { headers: token ? { authorization: `Bearer ${token}` } : {}, idleTimeoutMs: API_TIMEOUT_MS })
  if (res.status !== 200) {
    await res.discard()
    throw new Error(
      `${api}/cache/${name} answered ${res.status}${res.status === 404 || res.status === 401 ? ' (no such cache, or a private one and cachix-auth-token is missing or wrong)' : ''}`,
    )
  }
  const info = (await res.json()) as { uri?: string; publicSigningKeys?: string[] }
  const publicKeys = (info.publicSigningKeys ?? []).filter((k) => NIX_PUBLIC_KEY.test(k))
  if (publicKeys.length === 0) throw new Error(`${api}/cache/${name} lists no public signing key`)
  return { name: `cachix ${name}`, url: info.uri ?? `https://${name}.cachix.org`, publicKeys }
}

/**
 * A file:// cache gets its folders from whoever opens it first. A multi-user Nix's daemon (root)
 * opens it as a substituter, and folders it made would refuse this user's pushes: they are made here.
 */
export async function prepareLocalCache(url: string): Promise<void> {
  if (!url.startsWith('file://')) return
  const dir = decodeURIComponent(new URL(url).pathname)
  await Promise.all(['nar', 'log', 'realisations'].map((d) => mkdir(join(dir, d), { recursive: true })))
}

/**
 * The substituters for this run, before Nix is configured. A cache that cannot be set up warns and
 * is left out: the build still works, it only builds more.
 */
export async function resolveSubstituters(cache: CacheSettings, nixPath: string, ui: Ui): Promise<Substituter[]> {
  const subs: Substituter[] = []
  for (const name of unique([...(cache.cachix ? [cache.cachix.name] : []), ...cache.extraPullNames])) {
    try {
      subs.push(await lookUpCachix(name, name === cache.cachix?.name ? cache.cachix.authToken : ''))
    } catch (e) {
      ui.warning(`Cachix cache ${name}: could not read its public key (${messageOf(e)}); it is not used as a substituter, so what it holds is built instead.`)
    }
  }
  const binary = cache.binaryCache
  if (binary) {
    await prepareLocalCache(binary.url)
    const keys = [...binary.publicKeys]
    if (keys.length === 0 && binary.secretKey) {
      try {
        keys.push(await publicKeyOf(nixPath, binary.secretKey))
      } catch (e) {
        ui.warning(`binary-cache-secret-key: nix could not derive its public key (${lastLines(messageOf(e), 2)}); set binary-cache-public-key.`)
      }
    }
    if (keys.length === 0) {
      ui.warning(
        `binary-cache ${displayUrl(binary.url)} has no public key, so Nix will not trust what it holds (require-sigs) and substitutes nothing from it: set binary-cache-public-key, or binary-cache-secret-key to sign what is pushed.`,
      )
    }
    subs.push({ name: 'binary-cache', url: binary.url, publicKeys: keys })
  }
  for (const s of subs) ui.info(`substituter ${displayUrl(s.url)} (${s.name}${s.publicKeys.length ? `, key ${s.publicKeys.join(' ')}` : ''})`)
  return subs
}
