// SSH keys as the action meets them: a builder's public host key (a .pub or known_hosts line, or
// the base64 form Nix's machines format wants) and the private key pasted into a secret. Pure
// functions; no message ever quotes a private key.
import { createHash } from 'node:crypto'

/** Why a key was rejected; config/settings.ts turns it into an error naming the input. */
export class KeyError extends Error {}

const KEY_TYPE = /^(ssh-(ed25519|rsa|dss)|ecdsa-sha2-nistp(256|384|521)|sk-(ssh-ed25519|ecdsa-sha2-nistp256)@openssh\.com)$/

/** A public key line's type and base64 blob, checked to agree with each other. */
function keyFromLine(line: string): { type: string; blob: string } | undefined {
  const words = line.trim().split(/\s+/)
  // A known_hosts or ssh-keyscan line starts with the host: skip to the key type.
  const at = words.findIndex((w) => KEY_TYPE.test(w))
  if (at < 0 || at > 1 || words.length < at + 2) return undefined
  const [type, blob] = [words[at], words[at + 1]]
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(blob)) return undefined
  const bytes = Buffer.from(blob, 'base64')
  // The blob starts with its own type: a uint32 length, then the name.
  if (bytes.length < 4) return undefined
  const len = bytes.readUInt32BE(0)
  if (bytes.subarray(4, 4 + len).toString('latin1') !== type) return undefined
  return { type, blob }
}

/** The base64 form Nix's machines file wants, from a key line or from that base64 itself. */
export function parseHostKey(value: string): string | undefined {
  const v = value.trim()
  if (!v) return undefined
  let key = keyFromLine(v)
  if (!key && /^[A-Za-z0-9+/]+={0,2}$/.test(v)) key = keyFromLine(Buffer.from(v, 'base64').toString('latin1'))
  return key ? Buffer.from(`${key.type} ${key.blob}`).toString('base64') : undefined
}

/** `SHA256:…` as ssh prints it, so a warning names the key it trusted. */
export function hostKeyFingerprint(base64Line: string): string {
  const key = keyFromLine(Buffer.from(base64Line, 'base64').toString('latin1'))
  if (!key) return 'unknown key'
  const digest = createHash('sha256').update(Buffer.from(key.blob, 'base64')).digest('base64').replace(/=+$/, '')
  return `${key.type} SHA256:${digest}`
}

const KEY_PREFERENCE = ['ssh-ed25519', 'ecdsa-sha2-nistp256', 'ecdsa-sha2-nistp384', 'ecdsa-sha2-nistp521', 'ssh-rsa']

/** The best key in ssh-keyscan's output (ed25519 first), in Nix's base64 form. */
export function pickScannedKey(output: string): string | undefined {
  const keys = output
    .split('\n')
    .filter((l) => l.trim() && !l.startsWith('#'))
    .map((l) => keyFromLine(l))
    .filter((k): k is { type: string; blob: string } => k !== undefined)
  const rank = (t: string) => KEY_PREFERENCE.indexOf(t) + 1 || KEY_PREFERENCE.length + 1
  const best = keys.sort((a, b) => rank(a.type) - rank(b.type))[0]
  return best && Buffer.from(`${best.type} ${best.blob}`).toString('base64')
}

/**
 * A private key as pasted into a secret: line endings normalised and a final newline added (ssh
 * refuses a key file without one). Error messages never quote the key.
 */
export function parsePrivateKey(value: string): string {
  const text = value.replace(/\r\n?/g, '\n').trim()
  if (keyFromLine(text.split('\n')[0])) throw new KeyError('is a public key: give the private key (the file without .pub), from -----BEGIN to -----END')
  const m = /^-----BEGIN ([A-Z0-9 ]*)PRIVATE KEY-----\n([\s\S]+)\n-----END \1PRIVATE KEY-----$/.exec(text)
  if (!m)
    throw new KeyError('is not a private key: paste the whole key file, from its -----BEGIN … PRIVATE KEY----- line to its -----END … PRIVATE KEY----- line')
  const passphrase = new KeyError('is protected by a passphrase, which nothing can type in a workflow: use a key without one, kept only as a secret')
  if (m[1] === 'ENCRYPTED ' || /^Proc-Type: 4,ENCRYPTED$/m.test(m[2])) throw passphrase
  if (m[1] === 'OPENSSH ') {
    const body = Buffer.from(m[2].replace(/\s+/g, ''), 'base64')
    const magic = 'openssh-key-v1\0'
    if (body.length < magic.length + 4 || body.subarray(0, magic.length).toString('latin1') !== magic)
      throw new KeyError('is not a readable OpenSSH private key: its body is damaged')
    const len = body.readUInt32BE(magic.length)
    if (body.subarray(magic.length + 4, magic.length + 4 + len).toString('latin1') !== 'none') throw passphrase
  }
  return `${text}\n`
}
