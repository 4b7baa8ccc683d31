// `nix path-info --json`: one reader for every caller, for every shape Nix prints. Nix 2.8 to 2.18
// (and Lix) print an array of objects, each with its `path` (a path the store lacks: `"valid": false`);
// Nix 2.19 and later an object keyed by path (a path the store lacks: null), which is also
// `--json-format 1` from Nix 2.33 on. Formats 2 and 3 wrap that object as
// `{"version", "storeDir", "info"}`, keyed by base names, with base names as references and deriver;
// format 3 differs from 2 only in its signatures, which nothing here reads.
import { run } from '../exec.js'
import { type Nix, isLix, nixAtLeast } from './nix.js'

export interface PathInfo {
  path: string
  valid: boolean
  /** SRI (`sha256-<base64>`), or `<algorithm>:<digest>` as Nix before 2.4 and a structured hash give it. */
  narHash?: string
  narSize?: number
  /** What a binary cache stores for the path (its compressed NAR). */
  downloadSize?: number
  references: string[]
  deriver?: string
}

/** A store path from either JSON form: absolute, or a base name in `storeDir`. */
function absolute(path: string, storeDir: string): string {
  return path.startsWith('/') ? path : `${storeDir}/${path}`
}

export function storeDirOf(path: string): string {
  return path.startsWith('/') ? path.slice(0, path.lastIndexOf('/')) : '/nix/store'
}

const number = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined)

/**
 * A hash as text. Development versions of Nix before 2.33 printed format 2's hashes as objects
 * (`{"algorithm", "format", "hash"}`); Nix 2.33 went back to SRI strings before its release, so
 * readers of a PathInfo only ever see text.
 */
function hashText(v: unknown): string | undefined {
  if (typeof v === 'string') return v
  if (!v || typeof v !== 'object') return undefined
  const { algorithm, format, hash } = v as Record<string, unknown>
  if (typeof algorithm !== 'string' || typeof hash !== 'string') return undefined
  if (hash.startsWith(`${algorithm}-`) || hash.startsWith(`${algorithm}:`)) return hash
  return format === 'base64' ? `${algorithm}-${hash}` : `${algorithm}:${hash}`
}

type Entry = Record<string, unknown> | null

/** The answer's entries, keyed by path or base name, and the store directory it names (formats 2 and 3). */
function entriesOf(data: unknown): { entries: [string, Entry][]; storeDir?: string } {
  if (Array.isArray(data)) return { entries: (data as Record<string, unknown>[]).map((o) => [String(o.path), o]) }
  const o = data as Record<string, unknown>
  // A keyed answer cannot have these keys: its keys are store paths.
  if (typeof o.version === 'number' && o.info && typeof o.info === 'object') {
    return { entries: Object.entries(o.info as Record<string, Entry>), storeDir: typeof o.storeDir === 'string' ? o.storeDir : undefined }
  }
  return { entries: Object.entries(o as Record<string, Entry>) }
}

export function parsePathInfo(json: string, storeDir = '/nix/store'): PathInfo[] {
  const answer = entriesOf(JSON.parse(json))
  return answer.entries.map(([key, o]) => {
    const dir = answer.storeDir ?? (typeof o?.storeDir === 'string' ? o.storeDir : key.startsWith('/') ? storeDirOf(key) : storeDir)
    const path = absolute(key, dir)
    if (!o || o.valid === false) return { path, valid: false, references: [] }
    const refs = Array.isArray(o.references) ? (o.references as string[]).map((r) => absolute(r, dir)) : []
    return {
      path,
      valid: true,
      narHash: hashText(o.narHash),
      narSize: number(o.narSize),
      downloadSize: number(o.downloadSize),
      references: [...new Set(refs)].sort(),
      deriver: typeof o.deriver === 'string' ? absolute(o.deriver, dir) : undefined,
    }
  })
}

/**
 * `nix path-info` in JSON, in a form this Nix prints without complaint: Nix 2.33 added
 * --json-format and warns without it (a later release is to refuse); earlier versions and Lix refuse
 * the flag. Format 2 rather than the newest: every Nix with the flag has it, and format 3 changes
 * only the signatures.
 */
export function pathInfoArgs(version: string): string[] {
  return nixAtLeast(version, 2, 33) && !isLix(version) ? ['path-info', '--json', '--json-format', '2'] : ['path-info', '--json']
}

/**
 * Runs `nix path-info` in JSON with `args` and reads its answer. `storeDir` resolves base names in
 * an answer that does not name its store directory; by default that of the first absolute path
 * among the arguments.
 */
export async function queryPathInfo(nix: Nix, args: readonly string[], options: { timeoutMs?: number; storeDir?: string } = {}): Promise<PathInfo[]> {
  const { stdout } = await run({ cmd: nix.path, args: [...pathInfoArgs(nix.version), ...args], env: nix.env }, { echo: false, timeoutMs: options.timeoutMs })
  return parsePathInfo(stdout, options.storeDir ?? storeDirOf(args.find((a) => a.startsWith('/')) ?? ''))
}
