import { describe, expect, it } from '@jest/globals'
import { hostKeyFingerprint, parseHostKey, parsePrivateKey, pickScannedKey } from '../../src/config/ssh-keys.js'
import { blob, encryptedPkcs8, keyBase64, keyLine, opensshKey, pkcs8, sshString } from '../helpers/ssh-keys.js'

describe('keys', () => {
  it.each([
    ['the key line', keyLine],
    ['the key line with a comment', `${keyLine} root@builder`],
    ['a known_hosts or ssh-keyscan line', `[127.0.0.1]:2222 ${keyLine}`],
    ['the base64 form of /etc/nix/machines', keyBase64],
    ['the base64 form of a line with a comment', Buffer.from(`${keyLine} root@builder\n`).toString('base64')],
  ])('reads a host key from %s', (_, value) => {
    expect(parseHostKey(value)).toBe(keyBase64)
  })

  it.each(['', 'ssh-ed25519', 'ssh-ed25519 not-base64!', `ssh-rsa ${blob}`, 'c3NoLWVkMjU1MTk=', '-----BEGIN OPENSSH PRIVATE KEY-----'])(
    'refuses %j as a host key',
    (value) => {
      expect(parseHostKey(value)).toBeUndefined()
    },
  )

  it('prints the fingerprint ssh prints', () => {
    expect(hostKeyFingerprint(keyBase64)).toMatch(/^ssh-ed25519 SHA256:[A-Za-z0-9+/]{43}$/)
  })

  it('picks the ed25519 key from ssh-keyscan output', () => {
    const rsaBlob = Buffer.concat([sshString('ssh-rsa'), Buffer.alloc(16, 1)]).toString('base64')
    const out = `# 127.0.0.1:2222 SSH-2.0-OpenSSH_9.2p1\n[127.0.0.1]:2222 ssh-rsa ${rsaBlob}\n[127.0.0.1]:2222 ${keyLine}\n`
    expect(pickScannedKey(out)).toBe(keyBase64)
    expect(pickScannedKey('# 127.0.0.1:2222 SSH-2.0-OpenSSH_9.2p1\n')).toBeUndefined()
  })

  it('accepts unencrypted private keys and normalises their line endings', () => {
    expect(parsePrivateKey(opensshKey('none'))).toBe(opensshKey('none'))
    expect(parsePrivateKey(opensshKey('none').replace(/\n/g, '\r\n').trimEnd())).toBe(opensshKey('none'))
    expect(parsePrivateKey(pkcs8)).toBe(pkcs8)
  })

  it.each([
    ['an OpenSSH key with a passphrase', opensshKey('aes256-ctr'), /protected by a passphrase/],
    ['a PKCS#8 key with a passphrase', encryptedPkcs8, /protected by a passphrase/],
    [
      'an old PEM key with a passphrase',
      '-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00\n\nAAAA\n-----END RSA PRIVATE KEY-----',
      /protected by a passphrase/,
    ],
    ['a public key', keyLine, /is a public key: give the private key/],
    ['half a key', opensshKey('none').split('\n').slice(0, 3).join('\n'), /is not a private key: paste the whole key file/],
    ['a damaged OpenSSH key', '-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n-----END OPENSSH PRIVATE KEY-----', /its body is damaged/],
  ])('refuses %s without quoting it', (_, value, message) => {
    let error: Error | undefined
    try {
      parsePrivateKey(value)
    } catch (e) {
      error = e as Error
    }
    expect(error?.message).toMatch(message)
    for (const line of value.split('\n').filter((l) => l.length > 20 && !l.startsWith('-----'))) expect(error?.message).not.toContain(line)
  })
})
