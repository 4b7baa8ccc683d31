import { describe, expect, it } from '@jest/globals'
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
import { type MachineLine } from '../../src/model.js'
import { keyBase64 } from '../helpers/ssh-keys.js'

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
