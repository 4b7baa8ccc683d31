// OCI metadata on what is pushed. ghcr.io links a package to its repository by
// org.opencontainers.image.source and shows its description and licenses: without them a new
// package is an orphan. Every value comes from the commit (created is its commit time, not the
// clock), so a re-run of the same commit pushes the same digests.
import { resolve } from 'node:path'
import { run } from '../exec.js'
import { httpRequest } from '../http.js'
import { messageOf } from '../errors.js'
import type { Annotation } from '../config/annotations.js'

/** What is written on the index and on each platform's manifest. */
export interface AnnotationSet {
  index: Record<string, string>
  manifest: Record<string, string>
}

/** What the annotations say about the source, each when known. */
export interface SourceFacts {
  /** The repository's web page, e.g. https://github.com/acme/fd. */
  source?: string
  revision?: string
  /** The commit's time, RFC 3339 in UTC. */
  created?: string
  version?: string
  /** The image's name: the last part of its repository. */
  title?: string
  description?: string
  licenses?: string
  url?: string
}

const OCI = 'org.opencontainers.image'

/** The annotations the action writes by itself, from what is known of the source. */
export function defaultAnnotations(facts: SourceFacts): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [name, value] of Object.entries(facts) as [keyof SourceFacts, string | undefined][]) if (value) out[`${OCI}.${name}`] = value
  return out
}

/**
 * One container's annotations: the defaults (titled by the last part of its repository) on both
 * levels, then the input's lines on theirs (a line overrides a default).
 */
export function annotationSet(facts: SourceFacts, repository: string, user: Annotation[]): AnnotationSet {
  const defaults = defaultAnnotations({ ...facts, title: facts.title ?? repository.split('/').pop() })
  const set: AnnotationSet = { index: { ...defaults }, manifest: { ...defaults } }
  for (const a of user) for (const level of a.levels) set[level][a.key] = a.value
  return set
}

/** A commit time (seconds since the epoch, as `git show --format=%ct` prints it) as RFC 3339 UTC. */
export function commitTime(seconds: string): string | undefined {
  const n = Number(seconds.trim())
  return Number.isInteger(n) && n > 0 ? new Date(n * 1000).toISOString().replace(/\.000Z$/, 'Z') : undefined
}

interface GitHubRepo {
  html_url?: string
  description?: string | null
  homepage?: string | null
  license?: { spdx_id?: string | null } | null
}

/** What GitHub's API says of the repository; undefined, with the reason logged, when it does not answer. */
async function repositoryFacts(apiUrl: string, repository: string, token: string, log: (m: string) => void): Promise<Partial<SourceFacts> | undefined> {
  const url = `${apiUrl.replace(/\/+$/, '')}/repos/${repository}`
  try {
    const headers: Record<string, string> = { accept: 'application/vnd.github+json', 'user-agent': 'nix-container-action' }
    if (token) headers.authorization = `Bearer ${token}`
    const res = await httpRequest(url, { headers, idleTimeoutMs: 10_000 })
    if (res.status !== 200) {
      await res.discard()
      throw new Error(`HTTP ${res.status}`)
    }
    const repo = await res.json<GitHubRepo>()
    const spdx = repo.license?.spdx_id
    return {
      source: repo.html_url,
      description: repo.description ?? undefined,
      licenses: spdx && spdx !== 'NOASSERTION' ? spdx : undefined,
      url: repo.homepage || undefined,
    }
  } catch (e) {
    log(`annotations: ${url} did not answer (${messageOf(e)}), so description and licenses are left out; give them with the annotations input.`)
    return undefined
  }
}

export interface SourceContext {
  /** A local flake directory whose git HEAD is the commit built, when there is one. */
  flakeDir?: string
  /** GITHUB_SHA, for when the flake is not in a git checkout here. */
  sha: string
  /** owner/name as GitHub spells it, '' outside GitHub. */
  repository: string
  serverUrl: string
  apiUrl: string
  githubToken: string
  version?: string
}

/** The directory of a flake given as a local path (`.`, `./sub`, `/abs`, `path:…`, `git+file://…`); undefined otherwise. */
export function localFlakeDir(flake: string): string | undefined {
  const path = flake
    .replace(/^path:/, '')
    .replace(/^git\+file:\/\//, '')
    .replace(/[?#].*$/, '')
  return /^[./]/.test(path) ? resolve(path) : undefined
}

/** The commit the flake directory has checked out and its time, or nothing outside a git checkout. */
async function gitFacts(dir: string | undefined): Promise<Pick<SourceFacts, 'revision' | 'created'>> {
  if (!dir) return {}
  const r = await run({ cmd: 'git', args: ['-C', dir, 'show', '--no-patch', '--format=%H %ct', 'HEAD'] }, { echo: false, check: false }).catch(() => undefined)
  const [revision, seconds] = r?.code === 0 ? r.stdout.trim().split(' ') : []
  return revision ? { revision, created: commitTime(seconds ?? '') } : {}
}

/** Everything the default annotations need; never fails (what cannot be found is left out). */
export async function sourceFacts(ctx: SourceContext, log: (m: string) => void): Promise<SourceFacts> {
  const [git, repo] = await Promise.all([
    gitFacts(ctx.flakeDir),
    ctx.repository ? repositoryFacts(ctx.apiUrl, ctx.repository, ctx.githubToken, log) : Promise.resolve(undefined),
  ])
  return {
    source: repo?.source ?? (ctx.repository ? `${ctx.serverUrl.replace(/\/+$/, '')}/${ctx.repository}` : undefined),
    revision: git.revision ?? (ctx.sha || undefined),
    created: git.created,
    version: ctx.version,
    description: repo?.description,
    licenses: repo?.licenses,
    url: repo?.url,
  }
}
