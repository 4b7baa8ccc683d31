// `nix path-info --json`: one reader for every caller, for both shapes Nix prints. Nix 2.8 to 2.18
// print an array of objects, each with its `path` (a path the store lacks: `"valid": false`); Nix 2.19
// and later print an object keyed by path (a path the store lacks: null).
import { run } from '../exec.js'
import { type Nix } from './nix.js'

export interface PathInfo {
  path: string
  valid: boolean
  narHash?: unknown
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

export function parsePathInfo(json: string, storeDir = '/nix/store'): PathInfo[] {
  const data = JSON.parse(json) as unknown
  const entries: [string, Record<string, unknown> | null][] = Array.isArray(data)
    ? (data as Record<string, unknown>[]).map((o) => [String(o.path), o])
    : Object.entries(data as Record<string, Record<string, unknown> | null>)
  return entries.map(([key, o]) => {
    const path = absolute(key, storeDir)
    if (!o || o.valid === false) return { path, valid: false, references: [] }
    const dir = storeDirOf(path)
    const refs = Array.isArray(o.references) ? (o.references as string[]).map((r) => absolute(r, dir)) : []
    return {
      path,
      valid: true,
      narHash: o.narHash,
      narSize: number(o.narSize),
      downloadSize: number(o.downloadSize),
      references: [...new Set(refs)].sort(),
      deriver: typeof o.deriver === 'string' ? absolute(o.deriver, dir) : undefined,
    }
  })
}

/**
 * Runs `nix path-info --json <args>` and reads its answer. `storeDir` resolves base names (newer Nix
 * may print them); by default that of the first absolute path among the arguments.
 */
export async function queryPathInfo(nix: Nix, args: readonly string[], options: { timeoutMs?: number; storeDir?: string } = {}): Promise<PathInfo[]> {
  const { stdout } = await run({ cmd: nix.path, args: ['path-info', '--json', ...args], env: nix.env }, { echo: false, timeoutMs: options.timeoutMs })
  return parsePathInfo(stdout, options.storeDir ?? storeDirOf(args.find((a) => a.startsWith('/')) ?? ''))
}
