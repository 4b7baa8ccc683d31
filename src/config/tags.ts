// Image tags from the git ref, by flocken's rule for both publishers, and the cleaned ref names
// handed to flocken (which would otherwise turn `feature/x` or `133/merge` into a bad tag).

export interface RefContext {
  eventName: string
  /** Full ref, e.g. refs/heads/main, refs/tags/v1.2.3, refs/pull/133/merge. */
  ref: string
  sha: string
  defaultBranch: string
}

const TAG = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$/

export function isValidTag(tag: string): boolean {
  return TAG.test(tag)
}

/** Anything that is not a tag character becomes '-', then leading separators go. */
export function cleanTag(name: string): string {
  return name
    .replace(/[^a-zA-Z0-9._-]+/g, '-')
    .replace(/^[.-]+/, '')
    .slice(0, 128)
}

export type RefKind = { type: 'branch'; name: string } | { type: 'tag'; name: string } | { type: 'pull'; number: string } | { type: 'other'; name: string }

export function parseRef(ref: string): RefKind {
  const m = /^refs\/(heads|tags|pull)\/(.+)$/.exec(ref)
  if (!m) return { type: 'other', name: ref }
  if (m[1] === 'heads') return { type: 'branch', name: m[2] }
  if (m[1] === 'tags') return { type: 'tag', name: m[2] }
  return { type: 'pull', number: m[2].split('/')[0] }
}

/**
 * The version a tag ref stands for, as flocken reads $VERSION: refs/tags/v1.2.3 → 1.2.3,
 * refs/tags/nightly → nightly; a branch or pull request has none.
 */
export function versionFromRef(ref: string): string | undefined {
  const kind = parseRef(ref)
  return kind.type === 'tag' ? cleanTag(kind.name.replace(/^v/, '')) || undefined : undefined
}

/** Nix's builtins.splitVersion: runs of digits, or of other characters, between '.' and '-'. */
export function splitVersion(version: string): string[] {
  return version.match(/[0-9]+|[^0-9.-]+/g) ?? []
}

/** A version's tags as flocken makes them: 1.2.3, 1.2 and 1; a pre-release (any '-') only itself. */
export function versionTags(version: string): string[] {
  const v = version.replace(/^v/, '')
  if (v.includes('-')) return [v]
  const parts = splitVersion(v)
  return [v, parts.slice(0, 2).join('.'), parts[0] ?? '']
}

/**
 * The tags of a run, one rule for both publishers (flocken's own): the branch, `latest` only on the
 * default branch (so a version tag never moves it), then the version (the `version` input, or the
 * git tag) with its major.minor and major. A pull request, pushed only with push: true, gets pr-<n>.
 */
export function computeTags(ctx: RefContext, version?: string): string[] {
  const tags: string[] = []
  const kind = parseRef(ctx.ref)
  if (kind.type === 'branch') {
    tags.push(cleanTag(kind.name))
    if (kind.name === ctx.defaultBranch) tags.push('latest')
  } else if (kind.type === 'pull') {
    tags.push(`pr-${cleanTag(kind.number)}`)
  }
  const v = version ?? versionFromRef(ctx.ref)
  if (v) tags.push(...versionTags(v))
  return [...new Set(tags.filter(isValidTag))]
}

/** GITHUB_REF_NAME and GITHUB_REF_TYPE as flocken should see them: always valid tags. */
export function cleanedRefEnv(ctx: RefContext): { GITHUB_REF_NAME: string; GITHUB_REF_TYPE: string } {
  const kind = parseRef(ctx.ref)
  switch (kind.type) {
    case 'branch':
      return { GITHUB_REF_NAME: cleanTag(kind.name), GITHUB_REF_TYPE: 'branch' }
    case 'tag':
      return { GITHUB_REF_NAME: cleanTag(kind.name), GITHUB_REF_TYPE: 'tag' }
    case 'pull':
      // Not 'branch': flocken would otherwise tag the image with the pull request's ref.
      return { GITHUB_REF_NAME: `pr-${cleanTag(kind.number)}`, GITHUB_REF_TYPE: 'pull_request' }
    default:
      return { GITHUB_REF_NAME: cleanTag(kind.name), GITHUB_REF_TYPE: '' }
  }
}
