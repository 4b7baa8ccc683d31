// Store paths as SBOM components name them, pure: <hash>-<pname>-<version>[-output], purls, and
// Nix's hashes (base-32, hex or SRI) as CycloneDX wants them.

export interface StoreName {
  name: string
  version?: string
  /** A multiple-output package's output, when the store name ends in one (openssl-3.0.13-dev). */
  output?: string
}

/** Outputs nixpkgs appends to a store name; `out` never appears there. */
const OUTPUTS = new Set(['bin', 'dev', 'lib', 'man', 'doc', 'info', 'devdoc', 'static', 'debug', 'sbin', 'modules', 'examples', 'python'])
const STORE_BASENAME = /^[0-9a-df-np-sv-z]{32}-(.+)$/

/** `/nix/store/<hash>-bash-interactive-5.2p37` → `bash-interactive-5.2p37`. */
export function storeNameOf(path: string): string {
  const base = path.slice(path.lastIndexOf('/') + 1)
  return STORE_BASENAME.exec(base)?.[1] ?? base
}

/**
 * Name and version the way Nix's builtins.parseDrvName splits them: the name runs up to the first
 * dash that is not followed by a letter. A known output suffix is split off the version.
 */
export function parseStoreName(storeName: string): StoreName {
  for (let i = 0; i < storeName.length - 1; i++) {
    if (storeName[i] === '-' && !/[A-Za-z]/.test(storeName[i + 1])) {
      const name = storeName.slice(0, i)
      let version = storeName.slice(i + 1)
      const dash = version.lastIndexOf('-')
      if (dash > 0 && OUTPUTS.has(version.slice(dash + 1))) {
        const output = version.slice(dash + 1)
        version = version.slice(0, dash)
        return { name, version, output }
      }
      return { name, version }
    }
  }
  return { name: storeName }
}

/** A package URL: pkg:nix/<name>@<version>, percent-encoded as the purl spec asks. */
export function nixPurl(parsed: StoreName): string {
  const enc = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
  return `pkg:nix/${enc(parsed.name)}${parsed.version ? `@${enc(parsed.version)}` : ''}${parsed.output ? `?output=${enc(parsed.output)}` : ''}`
}

const NIX32 = '0123456789abcdfghijklmnpqrsvwxyz'
const HASH_BYTES: Record<string, number> = { md5: 16, sha1: 20, sha256: 32, sha512: 64 }
const CDX_ALG: Record<string, string> = { md5: 'MD5', sha1: 'SHA-1', sha256: 'SHA-256', sha512: 'SHA-512' }

/** Nix's own base-32 (as in store paths and `sha256:…` hashes) to bytes. */
export function decodeNix32(text: string, bytes: number): Buffer {
  const out = Buffer.alloc(bytes)
  for (let n = 0; n < text.length; n++) {
    const digit = NIX32.indexOf(text[text.length - n - 1])
    if (digit === -1) throw new Error(`${JSON.stringify(text)} is not Nix base-32`)
    const b = n * 5
    const i = b >> 3
    const j = b & 7
    out[i] |= (digit << j) & 0xff
    if (i < bytes - 1) out[i + 1] |= digit >> (8 - j)
  }
  return out
}

/**
 * A NAR hash as PathInfo gives it (SRI `sha256-<base64>` in Nix 2.4 and later, `sha256:<base-32>`
 * before, or `sha256:<hex>`) as a CycloneDX hash: hex content.
 */
export function nixHashToHex(hash: unknown): { alg: string; content: string } | undefined {
  if (typeof hash !== 'string') return undefined
  const m = /^(md5|sha1|sha256|sha512)[-:](.+)$/.exec(hash)
  if (!m) return undefined
  const [, algorithm, value] = m
  const bytes = HASH_BYTES[algorithm]
  let raw: Buffer
  if (value.length === bytes * 2 && /^[0-9a-f]+$/i.test(value)) raw = Buffer.from(value, 'hex')
  else if (value.length === Math.ceil((bytes * 8) / 5) && [...value].every((c) => NIX32.includes(c))) raw = decodeNix32(value, bytes)
  else raw = Buffer.from(value, 'base64')
  if (raw.length !== bytes) return undefined
  return { alg: CDX_ALG[algorithm], content: raw.toString('hex') }
}
