// Image tags from the git ref, the way docker/metadata-action derives them, and the cleaned ref
// names handed to flocken (which would otherwise turn `feature/x` or `133/merge` into a bad tag).

export interface RefContext {
  eventName: string
  /** Full ref, e.g. refs/heads/main, refs/tags/v1.2.3, refs/pull/133/merge. */
  ref: string
  sha: string
  defaultBranch: string
}

const TAG = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$/
const SEMVER = /^v?(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/

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

/** The version a tag ref stands for: refs/tags/v1.2.3 → 1.2.3; anything else → undefined. */
export function versionFromRef(ref: string): string | undefined {
  const kind = parseRef(ref)
  if (kind.type !== 'tag') return undefined
  return SEMVER.test(kind.name) ? kind.name.replace(/^v/, '') : undefined
}

export function computeTags(ctx: RefContext, version?: string): string[] {
  const tags: string[] = []
  const kind = parseRef(ctx.ref)
  if (kind.type === 'tag') {
    const m = SEMVER.exec(kind.name)
    if (m) {
      const full = kind.name.replace(/^v/, '').replace(/\+.*$/, '')
      tags.push(full)
      if (!m[4]) tags.push(`${m[1]}.${m[2]}`, m[1], 'latest')
    } else {
      tags.push(cleanTag(kind.name))
    }
  } else if (kind.type === 'branch') {
    if (kind.name === ctx.defaultBranch) tags.push('latest')
    tags.push(cleanTag(kind.name))
  } else if (kind.type === 'pull') {
    tags.push(`pr-${cleanTag(kind.number)}`)
  }
  if (version) tags.push(version)
  if (/^[0-9a-f]{7,}$/.test(ctx.sha)) tags.push(`sha-${ctx.sha.slice(0, 7)}`)
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
