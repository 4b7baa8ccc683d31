import { describe, expect, it } from '@jest/globals'
import { generateKeyPairSync } from 'node:crypto'
import { hostKeyFingerprint, parseHostKey, parsePrivateKey, pickScannedKey } from '../../src/config/ssh-keys.js'
import { parseSettings } from '../../src/config/settings.js'
import { makePlan } from '../../src/pipeline/plan.js'
import { type HostFacts, type MachineLine } from '../../src/model.js'
import {
  buildersValue,
  classifyPingFailure,
  formatMachineLine,
  inputBuilders,
  isRosettaBuilder,
  mergeBuilders,
  parseMachineLine,
  parseSshUri,
  pingArgs,
  splitMachines,
  sshAlias,
  sshConfigText,
  toBuilder,
} from '../../src/config/machine-line.js'
import { nixConfig } from '../../src/nix/config.js'
import { type InputName, type RunnerContext } from '../../src/config/inputs.js'

// Test keys are made here, never stored: a public ed25519 key blob is its type and 32 bytes.
function sshString(s: string | Buffer): Buffer {
  const b = typeof s === 'string' ? Buffer.from(s) : s
  const len = Buffer.alloc(4)
  len.writeUInt32BE(b.length)
  return Buffer.concat([len, b])
}
const blob = Buffer.concat([sshString('ssh-ed25519'), sshString(Buffer.alloc(32, 7))]).toString('base64')
const keyLine = `ssh-ed25519 ${blob}`
const keyBase64 = Buffer.from(keyLine).toString('base64')

function opensshKey(cipher: string): string {
  const body = Buffer.concat([Buffer.from('openssh-key-v1\0'), sshString(cipher), sshString('none'), Buffer.alloc(40, 1)]).toString('base64')
  return `-----BEGIN OPENSSH PRIVATE KEY-----\n${body.match(/.{1,70}/g)!.join('\n')}\n-----END OPENSSH PRIVATE KEY-----\n`
}
const pkcs8 = generateKeyPairSync('ed25519', {
  privateKeyEncoding: { format: 'pem', type: 'pkcs8' },
  publicKeyEncoding: { format: 'pem', type: 'spki' },
}).privateKey
const encryptedPkcs8 = generateKeyPairSync('ed25519', {
  privateKeyEncoding: { format: 'pem', type: 'pkcs8', cipher: 'aes-256-cbc', passphrase: 'pass phrase' },
  publicKeyEncoding: { format: 'pem', type: 'spki' },
}).privateKey

describe('machine lines', () => {
  it('splits a builders value as Nix does: newlines and ;, # comments, @files', () => {
    expect(splitMachines('ssh://a x86_64-linux ; ssh-ng://b aarch64-linux # the arm box\n\n@/etc/nix/machines\n# only a comment')).toEqual({
      lines: ['ssh://a x86_64-linux', 'ssh-ng://b aarch64-linux'],
      files: ['/etc/nix/machines'],
    })
  })

  it('parses all eight fields, with - for a field left out', () => {
    expect(parseMachineLine(`ssh-ng://builder@10.0.0.5 aarch64-linux,x86_64-linux /etc/nix/key 8 2 big-parallel,kvm - ${keyBase64}`)).toEqual({
      uri: 'ssh-ng://builder@10.0.0.5',
      systems: ['aarch64-linux', 'x86_64-linux'],
      sshKey: '/etc/nix/key',
      maxJobs: 8,
      speedFactor: 2,
      supportedFeatures: ['big-parallel', 'kvm'],
      mandatoryFeatures: [],
      publicHostKey: keyBase64,
    })
  })

  it("reads nix-darwin's nix-rosetta-builder line (its key and port are in /etc/ssh/ssh_config.d)", () => {
    const line = parseMachineLine('ssh-ng://rosetta-builder aarch64-linux,x86_64-linux - 8 1 benchmark,big-parallel,kvm,nixos-test - -')
    expect(line).toMatchObject({ uri: 'ssh-ng://rosetta-builder', sshKey: undefined, maxJobs: 8, publicHostKey: undefined })
    expect(isRosettaBuilder(line.uri)).toBe(true)
    expect(toBuilder(line, '/etc/nix/machines')).toEqual({
      uri: 'ssh-ng://rosetta-builder',
      systems: ['x86_64-linux', 'aarch64-linux'],
      from: '/etc/nix/machines',
      line,
    })
  })

  it('takes a line without a scheme as ssh://, as Nix does', () => {
    expect(parseMachineLine('builder@host x86_64-linux').uri).toBe('ssh://builder@host')
  })

  it.each<[string, boolean, RegExp]>([
    ['ssh-ng://h aarch64-linux - 0', false, /field 4 \(max jobs\) "0" is not a whole number of at least 1, or -/],
    ['ssh-ng://h aarch64-linux - 1 fast', false, /field 5 \(speed factor\) "fast"/],
    ['ssh-ng://h aarch64-linux - 1 1 - - - extra', false, /has 9 fields; a machine line has at most 8/],
    ['ssh-ng://h AArch64', false, /field 2 \(systems\) has "AArch64", which is not a Nix system/],
    ['ssh-ng://h aarch64-linux - - - - - not-a-key', false, /field 8 \(public host key\) is not the base64 of an SSH public key line/],
    ['ssh-ng://h', true, /lists no system this action builds: .*ssh-ng:\/\/h aarch64-linux \(accepted: x86_64-linux, aarch64-linux\)/],
    ['ssh-ng://h aarch64-darwin', true, /lists no system this action builds/],
    ['https://h aarch64-linux', true, /"https:\/\/h" is not an ssh builder: use ssh-ng:\/\/user@host or ssh-ng:\/\/user@host:port/],
    ['ssh-ng://h?ssh-key=/k aarch64-linux', true, /without a path or \?options/],
    ['ssh-ng://h:99999 aarch64-linux', true, /is not an ssh builder/],
    [
      'ssh-ng://h aarch64-linux - 1 1 kvm kvm',
      true,
      /field 7 \(mandatory features\) is "kvm": Nix sends such a machine only derivations that require those features.*write - there/,
    ],
  ])('rejects %j (strict: %s)', (line, strict, message) => {
    expect(() => parseMachineLine(line, strict)).toThrow(message)
  })

  it.each([
    ['ssh-ng://root@127.0.0.1:2222', { scheme: 'ssh-ng', user: 'root', host: '127.0.0.1', port: 2222 }],
    ['ssh://host', { scheme: 'ssh', user: undefined, host: 'host', port: undefined }],
    ['builder@example.org', { scheme: 'ssh', user: 'builder', host: 'example.org', port: undefined }],
    ['ssh-ng://b@[::1]:22', { scheme: 'ssh-ng', user: 'b', host: '::1', port: 22 }],
  ])('parses the ssh URI %s', (uri, target) => {
    expect(parseSshUri(uri)).toEqual(target)
  })

  it.each(['ssh-ng://a b', 'ssh-ng://-bad', 'ssh-ng://h/path', 'ssh-ng://us;er@h', 'ssh-ng://h:0'])('refuses the ssh URI %j', (uri) => {
    expect(parseSshUri(uri)).toBeUndefined()
  })

  it('formats a line back with - for what is left out, and round-trips', () => {
    const m: MachineLine = { uri: 'ssh-ng://b@h', systems: ['aarch64-linux'], supportedFeatures: [], mandatoryFeatures: [] }
    expect(formatMachineLine(m)).toBe('ssh-ng://b@h aarch64-linux - 1 1 - - -')
    const full = `ssh-ng://b@h aarch64-linux /k 4 2 kvm big ${keyBase64}`
    expect(formatMachineLine(parseMachineLine(full))).toBe(full)
  })

  it('refuses to write a field Nix would cut at ; or #', () => {
    expect(() =>
      formatMachineLine({ uri: 'ssh-ng://b@h', systems: ['aarch64-linux'], sshKey: '/tmp/a;b', supportedFeatures: [], mandatoryFeatures: [] }),
    ).toThrow(/';', '#' or a space/)
  })
})

describe('builders for the planner', () => {
  const line = (text: string) => parseMachineLine(text)

  it.each<[string, string[] | undefined]>([
    ['ssh-ng://h aarch64-linux', ['aarch64-linux']],
    ['ssh-ng://h aarch64-linux,i686-linux,x86_64-darwin', ['aarch64-linux']],
    ['ssh-ng://h aarch64-darwin', undefined],
    // A machine with mandatory features only takes derivations that require them: never our images.
    ['ssh-ng://h aarch64-linux - 1 1 kvm kvm', undefined],
  ])('%s builds %j', (text, systems) => {
    expect(toBuilder(line(text), 'x')?.systems).toEqual(systems)
  })

  it('puts input builders first and drops later duplicates', () => {
    const a = toBuilder(line('ssh-ng://a aarch64-linux'), "input 'builders'")!
    const a2 = toBuilder(line('ssh-ng://a x86_64-linux'), '/etc/nix/machines')!
    const b = toBuilder(line('ssh-ng://b x86_64-linux'), '/etc/nix/machines')!
    expect(mergeBuilders([a], [a2, b])).toEqual([a, b])
  })

  it('keeps the URI as written (with its port) for the plan', () => {
    expect(inputBuilders([parseMachineLine('ssh-ng://root@127.0.0.1:2222 aarch64-linux', true)])).toEqual([
      expect.objectContaining({ uri: 'ssh-ng://root@127.0.0.1:2222', systems: ['aarch64-linux'], from: "input 'builders'" }),
    ])
  })
})

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

describe('what the action writes for builders', () => {
  it('routes a port through an ssh Host alias, since Nix 2.8 cannot put one in a URI', () => {
    expect(sshAlias({ scheme: 'ssh-ng', host: '127.0.0.1', port: 2222 })).toBe('nca-127.0.0.1-2222')
    expect(sshAlias({ scheme: 'ssh-ng', host: '::1', port: 2222 })).toBe('nca-_1-2222')
    expect(sshConfigText([{ alias: 'nca-127.0.0.1-2222', host: '127.0.0.1', port: 2222 }])).toBe(
      [
        '# Written by nix-container-action for remote builders on a port; removed in its post step.',
        'Host nca-127.0.0.1-2222',
        '  HostName 127.0.0.1',
        '  Port 2222',
        '  HostKeyAlias nca-127.0.0.1-2222',
        'Match all',
        '  Include /etc/ssh/ssh_config',
        '  Include ~/.ssh/config',
        '',
      ].join('\n'),
    )
  })

  it('puts our builders before the ones Nix already had', () => {
    const ours = parseMachineLine(`ssh-ng://root@nca-127.0.0.1-2222 aarch64-linux /tmp/nca-builder-x/ssh-key 1 1 - - ${keyBase64}`)
    // A bare ';' before '@': Nix 2.8 would take ' @/etc/nix/machines' for a machine's name.
    expect(buildersValue([ours], '@/etc/nix/machines')).toBe(
      `ssh-ng://root@nca-127.0.0.1-2222 aarch64-linux /tmp/nca-builder-x/ssh-key 1 1 - - ${keyBase64};@/etc/nix/machines`,
    )
    expect(buildersValue([ours], '')).toBe(formatMachineLine(ours))
    expect(buildersValue([ours], 'ssh://a x86_64-linux\n ssh://b x86_64-linux ; @/etc/nix/machines')).toMatch(
      /;ssh:\/\/a x86_64-linux;ssh:\/\/b x86_64-linux;@\/etc\/nix\/machines$/,
    )
  })

  it('adds builders and builders-use-substitutes to nix.conf, before extra-conf so it can override them', () => {
    const host: HostFacts = {
      system: 'x86_64-linux',
      binfmt: [],
      canEmulate: true,
      docker: true,
      builders: [{ uri: 'ssh-ng://b@h', systems: ['aarch64-linux'] }],
    }
    const plan = makePlan({ containers: [{ name: 'c' }], systems: ['x86_64-linux', 'aarch64-linux'], flake: '.', emulate: 'false', test: true }, host)
    expect(
      nixConfig(plan, 'builders-use-substitutes = false', 'substituters =', 'ssh-ng://b@h aarch64-linux - 1 1 - - -;@/etc/nix/machines').split('\n'),
    ).toEqual([
      'substituters =',
      'extra-experimental-features = nix-command flakes',
      'builders = ssh-ng://b@h aarch64-linux - 1 1 - - -;@/etc/nix/machines',
      'builders-use-substitutes = true',
      'builders-use-substitutes = false',
    ])
    // A detected builder needs no builders line (Nix has it already), only the substitutes hint.
    expect(nixConfig(plan, '', '')).toBe('extra-experimental-features = nix-command flakes\nbuilders-use-substitutes = true')
    const local = makePlan({ containers: [{ name: 'c' }], systems: ['x86_64-linux'], flake: '.', emulate: 'false', test: true }, host)
    expect(nixConfig(local, '', '')).not.toContain('builders')
  })

  it('pings with the key and host key as store settings, never the key itself', () => {
    const m = parseMachineLine(`ssh-ng://root@nca-127.0.0.1-2222 aarch64-linux /tmp/nca-builder-x/ssh-key 1 1 - - ${keyBase64}`)
    expect(pingArgs(m)).toEqual([
      '--extra-experimental-features',
      'nix-command',
      'store',
      'ping',
      '--store',
      `ssh-ng://root@nca-127.0.0.1-2222?ssh-key=%2Ftmp%2Fnca-builder-x%2Fssh-key&base64-ssh-public-host-key=${encodeURIComponent(keyBase64)}`,
    ])
    expect(pingArgs(parseMachineLine('ssh-ng://rosetta-builder aarch64-linux')).at(-1)).toBe('ssh-ng://rosetta-builder')
  })

  it.each([
    ['Host key verification failed.', 'host-key'],
    ['@@@ WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED! @@@', 'host-key'],
    ['Load key "/etc/nix/builder_ed25519": Permission denied\nroot@h: Permission denied (publickey).', 'unreadable-key'],
    ['root@127.0.0.1: Permission denied (publickey).', 'auth'],
    ['ssh: connect to host 127.0.0.1 port 2223: Connection refused', 'transient'],
    ['kex_exchange_identification: read: Connection reset by peer', 'transient'],
  ])('classifies %j as %s', (stderr, kind) => {
    expect(classifyPingFailure(stderr)).toBe(kind)
  })
})

describe('parseSettings: builder inputs', () => {
  const ctx: RunnerContext = {
    host: 'x86_64-linux',
    actor: 'a',
    repositoryOwner: 'o',
    ref: { eventName: 'pull_request', ref: 'refs/pull/1/merge', sha: '0'.repeat(40), defaultBranch: 'main' },
  }
  const settings = (inputs: Partial<Record<InputName, string>>) => parseSettings((n) => inputs[n] ?? '', ctx)

  it('has no builders and waits 120 s by default', () => {
    expect(settings({ container: 'c' })).toMatchObject({ builders: [], builderSshKey: '', builderHostKey: undefined, builderTimeoutSec: 120 })
  })

  it('reads builder lines, a key and a host key', () => {
    const s = settings({
      container: 'c',
      builders: 'ssh-ng://root@127.0.0.1:2222 aarch64-linux\nbuilder@x86-box x86_64-linux',
      'builder-ssh-key': opensshKey('none'),
      'builder-host-key': keyLine,
      'builder-timeout': '5',
    })
    expect(s.builders.map((b) => b.uri)).toEqual(['ssh-ng://root@127.0.0.1:2222', 'ssh://builder@x86-box'])
    expect(s.builderSshKey).toBe(opensshKey('none'))
    expect(s.builderHostKey).toBe(keyBase64)
    expect(s.builderTimeoutSec).toBe(5)
  })

  it.each<[Partial<Record<InputName, string>>, RegExp]>([
    [
      { builders: 'ssh-ng://h' },
      /^Input 'builders': line 1 \(ssh-ng:\/\/h\) lists no system this action builds.*A line is: ssh-ng:\/\/user@host\[:port\] systems/,
    ],
    [{ builders: 'ssh-ng://h aarch64-linux\nftp://x aarch64-linux' }, /^Input 'builders': line 2 \(ftp:\/\/x\) "ftp:\/\/x" is not an ssh builder/],
    [{ builders: 'ssh-ng://h aarch64-linux; ssh-ng://h x86_64-linux' }, /^Input 'builders': ssh-ng:\/\/h is listed twice/],
    [{ builders: '@/etc/nix/machines' }, /^Input 'builders': @\/etc\/nix\/machines names a machines file/],
    [{ 'builder-ssh-key': opensshKey('none') }, /^Input 'builder-ssh-key': is set but builders is empty/],
    [{ builders: 'ssh-ng://h aarch64-linux', 'builder-ssh-key': opensshKey('aes256-ctr') }, /^Input 'builder-ssh-key': is protected by a passphrase/],
    [{ 'builder-host-key': 'AAAA' }, /^Input 'builder-host-key': is not an SSH public host key: give the builder's key line \(ssh-ed25519 AAAA…/],
    [{ 'builder-timeout': '0' }, /^Input 'builder-timeout': "0" is not accepted; use whole seconds from 1 to 3600\./],
    [{ 'builder-timeout': '2m' }, /^Input 'builder-timeout'/],
  ])('rejects %j', (inputs, message) => {
    expect(() => settings({ container: 'c', ...inputs })).toThrow(message)
  })
})
