// SSH keys for tests, made here and never stored.
import { generateKeyPairSync } from 'node:crypto'

/** An SSH wire-format string: its length, then its bytes. */
export function sshString(s: string | Buffer): Buffer {
  const b = typeof s === 'string' ? Buffer.from(s) : s
  const len = Buffer.alloc(4)
  len.writeUInt32BE(b.length)
  return Buffer.concat([len, b])
}
// A public ed25519 key blob is its type and 32 bytes.
export const blob = Buffer.concat([sshString('ssh-ed25519'), sshString(Buffer.alloc(32, 7))]).toString('base64')
export const keyLine = `ssh-ed25519 ${blob}`
export const keyBase64 = Buffer.from(keyLine).toString('base64')

export function opensshKey(cipher: string): string {
  const body = Buffer.concat([Buffer.from('openssh-key-v1\0'), sshString(cipher), sshString('none'), Buffer.alloc(40, 1)]).toString('base64')
  return `-----BEGIN OPENSSH PRIVATE KEY-----\n${body.match(/.{1,70}/g)!.join('\n')}\n-----END OPENSSH PRIVATE KEY-----\n`
}
export const pkcs8 = generateKeyPairSync('ed25519', {
  privateKeyEncoding: { format: 'pem', type: 'pkcs8' },
  publicKeyEncoding: { format: 'pem', type: 'spki' },
}).privateKey
export const encryptedPkcs8 = generateKeyPairSync('ed25519', {
  privateKeyEncoding: { format: 'pem', type: 'pkcs8', cipher: 'aes-256-cbc', passphrase: 'pass phrase' },
  publicKeyEncoding: { format: 'pem', type: 'spki' },
}).privateKey
