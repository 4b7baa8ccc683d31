// What a flocken manifest app will do, read from the script mkDockerManifest generated, before it
// runs: every registry, repository and tag it pushes, and the credentials it logs in with. flocken
// decides these at evaluation (from the flake and the environment), so the built script is the only
// place that knows them; guessing them from the action's inputs would read back the wrong place.

/** One place the app pushes to. */
export interface Destination {
  registry: string
  repository: string
  /** The first is pushed with podman, the rest are `crane tag`s of it. */
  tags: string[]
  /** As the script writes them, e.g. "$GITHUB_ACTOR" / "$GITHUB_TOKEN": expanded from the app's environment. */
  username?: string
  password?: string
}

// flocken's script, as src/docker-manifest/default.nix writes it (v2.x):
//   <podman> manifest push \ --all \ --format oci \ "<name>" \ "docker://<registry>/<repo>:<tag>"
//   <crane> tag \ "<registry>/<repo>:<first tag>" \ "<tag>"
//   <podman> login \ --username "<user>" \ --password "<password>" \ "<registry>"
const CONTINUED = String.raw`\s*\\\s*`
const PUSH = new RegExp(String.raw`/bin/podman manifest push${CONTINUED}--all${CONTINUED}--format \S+${CONTINUED}"[^"]*"${CONTINUED}"docker://([^"]+)"`, 'g')
const TAG = new RegExp(String.raw`/bin/crane tag${CONTINUED}"([^"]+)"${CONTINUED}"([^"]+)"`, 'g')
const LOGIN = new RegExp(String.raw`/bin/podman login${CONTINUED}--username "([^"]*)"${CONTINUED}--password "([^"]*)"${CONTINUED}"([^"]+)"`, 'g')

/** registry/repo:tag → its parts; the tag is after the last ':' that follows the last '/'. */
export function splitPushReference(ref: string): { registry: string; repository: string; tag: string } | undefined {
  const slash = ref.indexOf('/')
  const colon = ref.lastIndexOf(':')
  if (slash <= 0 || colon < ref.lastIndexOf('/')) return undefined
  return { registry: ref.slice(0, slash), repository: ref.slice(slash + 1, colon), tag: ref.slice(colon + 1) }
}

/**
 * The destinations of a flocken script, in the order it pushes them; undefined when the text is not
 * a flocken script (a custom app), whose destinations cannot be known before it runs.
 */
export function parseFlockenScript(text: string): Destination[] | undefined {
  const destinations: Destination[] = []
  for (const m of text.matchAll(PUSH)) {
    const ref = splitPushReference(m[1])
    if (!ref) continue
    destinations.push({ registry: ref.registry, repository: ref.repository, tags: [ref.tag] })
  }
  if (destinations.length === 0) return undefined
  for (const m of text.matchAll(TAG)) {
    const source = splitPushReference(m[1])
    const dest = source && destinations.find((d) => d.registry === source.registry && d.repository === source.repository && d.tags[0] === source.tag)
    if (dest && !dest.tags.includes(m[2])) dest.tags.push(m[2])
  }
  for (const m of text.matchAll(LOGIN)) {
    for (const d of destinations.filter((d) => d.registry === m[3])) Object.assign(d, { username: m[1], password: m[2] })
  }
  return destinations
}

const TAG_CHARS = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}/

/**
 * The tags a script that is not flocken's names in full for registry/repository: the tags a Nix-built
 * app (the seed's mkMultiArchManifest, say) has written into it, such as its per-arch
 * `<version>-amd64`. A tag the script makes at run time (`$VERSION`) cannot be learned this way.
 */
export function tagsNamedIn(script: string, registry: string, repository: string): string[] {
  const prefix = `${registry}/${repository}:`
  const tags = new Set<string>()
  for (let at = script.indexOf(prefix); at >= 0; at = script.indexOf(prefix, at + prefix.length)) {
    // The reference starts here (after a quote, a space or docker://), not inside a longer name.
    const before = script.slice(Math.max(0, at - 2), at)
    if (before.length > 0 && before !== '//' && /[A-Za-z0-9_.\-/]$/.test(before)) continue
    const tag = TAG_CHARS.exec(script.slice(at + prefix.length))?.[0]
    if (tag) tags.add(tag)
  }
  return [...tags]
}

/**
 * A string from the script with its `$NAME` and `${NAME}` expanded from `env`, as bash expands it
 * when the script runs; undefined when a variable it names is unset or empty there.
 */
export function expandVariables(value: string, env: NodeJS.ProcessEnv): string | undefined {
  let missing = false
  const expanded = value.replace(/\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))/g, (_, braced?: string, bare?: string) => {
    const v = env[(braced ?? bare)!]
    if (!v) missing = true
    return v ?? ''
  })
  return missing || !expanded ? undefined : expanded
}

/** What to tell a user whose flocken app did not evaluate: flocken's own words, and what fixes them. */
export function explainFlockenError(stderr: string, manifest: string, ref: string): string | undefined {
  const said = (text: string) => stderr.includes(text)
  if (said('At least one `tag` must be set')) {
    return (
      `flocken derived no tag for ${ref || 'this run'} from the manifest app ${manifest}. It tags a version (VERSION, which the action sets on a v1.2.3 tag, or the input version), ` +
      `the branch (its branch option, or GITHUB_REF_NAME in GitHub mode) and latest on the default branch. ` +
      `Set the action's version or tags input and use TAGS in the flake (tags = lib.splitString "," (builtins.getEnv "TAGS")), set flocken's branch, or run the publish only on tags and the default branch.`
    )
  }
  if (said('At least one `registry` must be set')) {
    return `The manifest app ${manifest} names no registry: flocken 2.5 and later need registries."<host>" = { repo = …; username = …; password = …; }, or github.enable = true for ghcr.io.`
  }
  if (said('`github.actor` and `github.repo` must be set')) {
    return `The manifest app ${manifest} has github.enable but no actor or repository: the action sets GITHUB_ACTOR (input username) and GITHUB_REPOSITORY; outside GitHub, set github.actor and github.repo in the flake.`
  }
  if (said('At least one `imageFile` or `imageStream` must be set')) {
    return `The manifest app ${manifest} has no images: set imageFiles (or imageStreams) to self.packages.<system>.<container> for each system.`
  }
  if (/api\.github\.com|unable to download|fetchurl/i.test(stderr) && said('github')) {
    return `The manifest app ${manifest} uses flocken's GitHub mode, which reads the repository from GitHub's API while it evaluates: the runner must reach api.github.com (or set github.apiEndpoint).`
  }
  return undefined
}
