// Publishing one multi-arch index per container, only after every image passed its smoke test:
// through the flake's flocken manifest app, or by digest over the registry API (publisher: builtin). Either
// way the index is then read back from the registry and checked against what was built.
import type { ImageRecord } from '../image/record.js'
import type { BuiltImage, Compression } from '../model.js'
import { type Settings, isValidRepository, type Container } from '../config/settings.js'
import { type BuiltinPush, type UploadStats, pushByDigest } from './builtin.js'
import type { AnnotationSet } from './annotations.js'
import { type Credentials, RegistryClient, RegistryError } from '../registry/client.js'
import { PUSH_RETRIES, RetriesSpent, type RetryOptions } from '../registry/retry-policy.js'
import { isValidTag } from '../config/tags.js'
import { afterDelays, retry } from '../retry.js'
import { messageOf } from '../errors.js'

export interface PublishedImage {
  container: string
  /** registry/repository */
  name: string
  digest: string
  tags: string[]
  platforms: string[]
  /** The index as the registry returned it. */
  manifest: unknown
  /** The builtin publisher's blob counts: bytes sent versus skipped because the registry had them. */
  upload?: UploadStats
  /** Target.alsoTagged as read back: each tag and what it is ("the index", or a platform's image). */
  alsoTagged?: { tag: string; is: string }[]
}

export interface Publication {
  images: PublishedImage[]
}

/** A built image and, when it was loaded into Docker, its layer digests. */
export type PublishableImage = BuiltImage & { layers?: string[] }

export class PublishError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'PublishError'
  }
}

// podman's words and Node's for a registry that did not answer at all.
const UNREACHABLE =
  /connection refused|connection reset|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENOTFOUND|EAI_AGAIN|EPIPE|no such host|socket hang up|other side closed|fetch failed|cannot reach|i\/o timeout|unexpected EOF|TLS handshake timeout/i
// Their words for a registry that answered it is overloaded or failing (whole words: a digest may hold "429").
const OVERLOADED = /\b(?:HTTP )?50[0234]\b|Service Unavailable|Bad Gateway|Gateway Timeout|too many requests|\b429\b/i
const AUTH = /unauthorized|authentication required|invalid username\/password|incorrect username or password|denied|\b401\b|\b403\b/i

// Node's words (and Go's) for a proxy that would not open the tunnel: neither the registry's answer
// nor its absence, so neither a login nor an outage.
const PROXY = /ERR_PROXY_TUNNEL[^\n]*|Failed to establish tunnel[^\n]*|Proxy Authentication Required|proxyconnect tcp[^\n]*/i

// Node's and Go's words for a certificate this runner does not trust: the registry answered, so
// trying again cannot help.
const CERTIFICATE =
  /unable to verify the first certificate|self[- ]signed certificate|unable to get (?:local )?issuer certificate|certificate has expired|certificate is not yet valid|does not match certificate|x509: certificate/i

/** Whether a tool's failure (the manifest app's) looks brief: a registry gone or overloaded, not a refused login or certificate. */
export function isTransient(text: string): boolean {
  return (UNREACHABLE.test(text) || OVERLOADED.test(text)) && !AUTH.test(text) && !CERTIFICATE.test(text) && !PROXY.test(text)
}

/**
 * A manifest app refused part-way through its push although the registry, asked again by the
 * action, still takes the login: its tool's token ran out mid-push (short-lived registry tokens;
 * podman does not renew one inside an upload). A fresh run logs in anew, so it is worth another try.
 */
export class LoginLapsed extends Error {
  constructor(cause: unknown) {
    super(messageOf(cause), { cause })
    this.name = 'LoginLapsed'
  }
}

/** Whether each target's registry lets its login push now (an upload opened and cancelled). */
export async function loginsAccepted(targets: Target[]): Promise<boolean> {
  const accepted = await Promise.all(
    targets.map((t) => new RegistryClient(t.registry, t.repository, t.credentials, 'pull,push').canPush().catch(() => undefined)),
  )
  return accepted.every((a) => a === true)
}

/** What the registry did, as far as a failed push tells. */
export type Verdict =
  | { kind: 'refused-login' }
  | { kind: 'login-lapsed' }
  | { kind: 'proxy'; words: string }
  | { kind: 'certificate'; words: string }
  /** It answered with a failure: `answer` is its status and codes, or a tool's words for them. */
  | { kind: 'answered'; answer: string }
  | { kind: 'unreachable' }

/**
 * The verdict on a failure: from a RegistryError's status and fields (the builtin publisher), else
 * from the words of a tool's output (the manifest app's podman); undefined when neither tells.
 */
export function verdictOf(e: unknown): Verdict | undefined {
  const text = messageOf(e)
  const proxy = PROXY.exec(text)
  if (proxy) return { kind: 'proxy', words: proxy[0] }
  if (e instanceof LoginLapsed) return { kind: 'login-lapsed' }
  if (e instanceof RegistryError) {
    const { status, answer } = e
    if (status === 401 || status === 403) return { kind: 'refused-login' }
    if (status !== undefined) return { kind: 'answered', answer: `HTTP ${status}${answer.codes ? ` (${answer.codes.join(', ')})` : ''}` }
    if (answer.unanswered === 'unreachable') return { kind: 'unreachable' }
  }
  if (AUTH.test(text)) return { kind: 'refused-login' }
  const certificate = CERTIFICATE.exec(text)
  if (certificate) return { kind: 'certificate', words: certificate[0] }
  const overloaded = OVERLOADED.exec(text)
  if (overloaded) return { kind: 'answered', answer: overloaded[0] }
  return UNREACHABLE.test(text) ? { kind: 'unreachable' } : undefined
}

/**
 * A manifest app is retried whole, as often and as long as the builtin publisher retries one step
 * (2, 4, 8, 16 s): podman's `manifest push` retries nothing itself, so each run gets one failure
 * past, and blobs already sent are skipped the next time.
 */
const APP_DELAYS = Array.from({ length: PUSH_RETRIES.attempts - 1 }, (_, i) => Math.min(PUSH_RETRIES.firstDelayMs * 2 ** i, PUSH_RETRIES.maxDelayMs))

/**
 * Retries an idempotent push with bounded backoff when the registry seems briefly unavailable, or
 * took the login again after refusing the push part-way (LoginLapsed).
 */
export function withRetries<T>(what: string, fn: () => Promise<T>, log: (m: string) => void, delaysMs = APP_DELAYS): Promise<T> {
  const text = (e: unknown) => messageOf(e)
  return retry(fn, {
    delayMs: afterDelays(delaysMs),
    retryable: (e) => e instanceof LoginLapsed || isTransient(text(e)),
    onRetry: (e, failures, delay) =>
      log(`${what} failed (attempt ${failures} of ${delaysMs.length + 1}), retrying in ${delay / 1000}s: ${text(e).split('\n').slice(-1)[0]}`),
  })
}

/** One repository the images are pushed to and read back from, its tags, and the login for it. */
export interface Target {
  registry: string
  repository: string
  tags: string[]
  credentials: Credentials
  /** Where this target comes from, for messages: the flake's flocken script, or the action's inputs. */
  source: string
  /**
   * Other tags a manifest app that is not flocken names for this repository in its script (per-arch
   * tags, a version): each must turn out to be the index or one of its tested images.
   */
  alsoTagged?: string[]
}

/** Where the action's inputs say to push (the builtin publisher, and a manifest app that is not flocken). */
export function inputTarget(
  settings: Settings,
  container: Container,
  login: Credentials = { username: settings.username, password: settings.password },
): Target {
  return {
    registry: settings.registry,
    repository: container.repository,
    tags: settings.tags,
    credentials: login,
    source: 'inputs registry, repository and tags',
  }
}

/** Refuses, before anything is pushed, a destination the registry would reject half-way through. */
export function checkTargets(targets: Target[], manifest: string): void {
  for (const t of targets) {
    const bad = t.tags.find((tag) => !isValidTag(tag))
    if (bad !== undefined) {
      throw new PublishError(
        `The manifest app ${manifest} would push ${t.registry}/${t.repository}:${bad}, and '${bad}' is not a valid tag (letters, digits, '.', '_' and '-', at most 128, not starting with '.' or '-'); nothing was pushed. ` +
          `Tags come from flocken's tags, branch and version options in the flake (see ${t.source}).`,
      )
    }
    if (!isValidRepository(t.repository)) {
      throw new PublishError(
        `The manifest app ${manifest} would push to ${t.registry}/${t.repository}, which is not a valid repository name (lowercase letters, digits and separators); nothing was pushed. Fix repo (or github.repo) in the flake (see ${t.source}).`,
      )
    }
  }
}

export function describeTargets(targets: Target[]): string {
  return targets.map((t) => `${t.registry}/${t.repository} (tags ${t.tags.join(', ')})`).join('; ')
}

export const FROM_INPUTS = 'inputs username and password'

/** Whose login a registry refused, and where it came from. */
export function loginOf(targets: Target[], settings: Pick<Settings, 'username'>): { user: string; from: string } {
  const users = [...new Set(targets.map((t) => t.credentials.username))]
  const from = [...new Set(targets.map((t) => t.credentials.from ?? FROM_INPUTS))]
  if (users.length === 1 && users[0] === settings.username) return { user: users[0], from: from.join(' or ') }
  return { user: users.join("' or '"), from: "the logins of the flake's registries" }
}

/** How the tries of a failed push ended, as far as the builtin publisher's say. */
function afterRetries(e: unknown): string {
  if (!(e instanceof RetriesSpent)) return 'after retries'
  return `after retries (${e.tries} tries${e.why === 'budget' ? "; the push's retry budget was spent" : ''})`
}

/** A failed push in words that say what the registry did (refused, answered a failure, was not reached) and what to do. */
export function explainPushFailure(e: unknown, targets: Target[], login: { user: string; from: string }, what: string): Error {
  const text = messageOf(e)
  const registries = [...new Set(targets.map((t) => t.registry))].join(' or ')
  const verdict = verdictOf(e)
  const explained = (lead: string) => new PublishError(`${what}: ${registries} ${lead}\n${text.slice(-1500)}`)
  switch (verdict?.kind) {
    case 'refused-login':
      return explained(`refused the credentials of user '${login.user}' (${login.from}; on ghcr.io the workflow needs permissions: packages: write).`)
    case 'login-lapsed':
      return explained(
        `refused the push part-way, each time, although it took the login of user '${login.user}' when the action asked again: the token the app's tool got ran out during the push, as registries with short-lived tokens do. Re-run, or lengthen the registry's token lifetime.`,
      )
    case 'certificate':
      return explained(
        `answered with a certificate this runner does not trust (${verdict.words}); nothing was retried. ` +
          `For a registry whose CA is a private one, install the CA in the runner's system store (/usr/local/share/ca-certificates, then update-ca-certificates) or give the job a PEM file holding it in SSL_CERT_FILE or NODE_EXTRA_CA_CERTS.`,
      )
    case 'proxy':
      return explained(
        `could not be reached through the proxy, which did not open the connection (${verdict.words}). Check HTTPS_PROXY and HTTP_PROXY (a login goes in the proxy's URL), or list the registry in NO_PROXY if it needs no proxy.`,
      )
    case 'answered':
      // A failure that is not worth another try (a 404, a digest refused) says what it is itself.
      if (e instanceof RegistryError && !(e instanceof RetriesSpent)) break
      return explained(`answered ${verdict.answer} ${afterRetries(e)}; re-run once it is healthy (pushing again is safe).`)
    case 'unreachable':
      return explained(`could not be reached ${afterRetries(e)}; check that it is up and re-run (pushing again is safe).`)
  }
  return e instanceof Error ? e : new Error(text)
}

/**
 * The builtin publisher (builtin.ts): every system's image by digest, one index from those digests,
 * then the tags; blobs the registry has are skipped. Credentials stay in this process.
 */
export async function pushBuiltin(
  target: Target,
  images: Pick<ImageRecord, 'built' | 'loaded'>[],
  metadata: { annotations: AnnotationSet; labels: Record<string, string>; compression: Compression },
  log: (m: string) => void,
  retries: RetryOptions = PUSH_RETRIES,
): Promise<BuiltinPush> {
  try {
    return await pushByDigest(
      target,
      images.map(({ built, loaded }) => ({ image: built, loaded })),
      { tags: target.tags, ...metadata },
      log,
      retries,
    )
  } catch (e) {
    throw explainPushFailure(
      e,
      [target],
      { user: target.credentials.username, from: target.credentials.from ?? FROM_INPUTS },
      `Pushing ${target.registry}/${target.repository}`,
    )
  }
}
