import { describe, expect, it } from '@jest/globals'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import {
  type StoreFacts,
  buildersInClientConfig,
  daemonConfFile,
  daemonNeeds,
  ensureDaemonHas,
  missingLines,
  parseStoreInfo,
  restartCommand,
  settingsFile,
  storeInfoCommand,
} from '../../src/nix/daemon.js'
import { isRoot } from '../../src/root.js'
import { tempDir } from '../helpers/tmp.js'
import { REPO_DIR } from '../helpers/fixture.js'

describe('asking Nix about its store', () => {
  it.each<[string, string[]]>([
    ['2.8.0', ['store', 'ping', '--json']],
    ['2.18.9', ['store', 'ping', '--json']],
    ['2.19.0', ['store', 'info', '--json']],
    ['2.26.3', ['store', 'info', '--json']],
    ['2.34.8', ['store', 'info', '--json']],
  ])('Nix %s: nix %j', (version, command) => expect(storeInfoCommand(version)).toEqual(command))

  it.each<[string, StoreFacts]>([
    ['2.26-store-info-local.json', { daemon: false, trusted: true }],
    ['2.26-store-info-daemon-trusted.json', { daemon: true, trusted: true }],
    ['2.26-store-info-daemon-untrusted.json', { daemon: true, trusted: false }],
    ['2.34-store-info-local.json', { daemon: false, trusted: true }],
    ['2.34-store-info-daemon-trusted.json', { daemon: true, trusted: true }],
    ['2.34-store-info-daemon-untrusted.json', { daemon: true, trusted: false }],
  ])('what Nix printed: %s', (file, facts) => {
    expect(parseStoreInfo(readFileSync(join(REPO_DIR, '__tests__', 'recorded', 'path-info', file), 'utf8'))).toEqual(facts)
  })

  it.each<[string, string, StoreFacts]>([
    ['Determinate Nix before 3.15 (as Nix 2.32)', '{"trusted":0,"url":"daemon","version":"2.32.4"}', { daemon: true, trusted: false }],
    ['Determinate Nix 3.15 on (as Nix 2.33)', '{"trusted":false,"url":"daemon","version":"2.33.0"}', { daemon: true, trusted: false }],
    ['Nix 2.14: no trust yet', '{"url":"daemon","version":"2.14.1"}', { daemon: true, trusted: undefined }],
    ['a socket elsewhere', '{"trusted":false,"url":"unix:///run/nix/socket","version":"2.34.8"}', { daemon: true, trusted: false }],
    ['a daemon with store parameters', '{"trusted":false,"url":"daemon?max-connections=2","version":"2.34.8"}', { daemon: true, trusted: false }],
    ['a remote store over SSH', '{"trusted":true,"url":"ssh-ng://nix@builder","version":"2.34.8"}', { daemon: false, trusted: true }],
    ['trust in a form no Nix prints', '{"trusted":"no","url":"daemon"}', { daemon: true, trusted: undefined }],
    ['no url', '{"trusted":1}', { daemon: false, trusted: true }],
  ])('%s', (_, json, facts) => expect(parseStoreInfo(json)).toEqual(facts))
})

describe("the daemon's nix.conf", () => {
  it('is where NIX_CONF_DIR points, else /etc/nix', () => {
    expect(daemonConfFile({})).toBe('/etc/nix/nix.conf')
    expect(daemonConfFile({ NIX_CONF_DIR: '/x/etc' })).toBe('/x/etc/nix.conf')
  })

  it('gets only the lines it does not have, however they are spaced', () => {
    const current = 'build-users-group = nixbld\nextra-platforms=aarch64-linux\n'
    expect(missingLines(current, ['extra-platforms = aarch64-linux', 'extra-substituters = file:///c'])).toEqual(['extra-substituters = file:///c'])
  })
})

describe('daemonNeeds', () => {
  it('names each setting and why it is needed', () => {
    expect(
      daemonNeeds('extra-platforms = aarch64-linux', ['aarch64-linux'], ['extra-substituters = file:///c', 'extra-trusted-public-keys = k:AAAA='], {
        input: false,
        clientConfig: false,
      }),
    ).toEqual({
      lines: [
        { line: 'extra-platforms = aarch64-linux', why: 'to build aarch64-linux under QEMU' },
        { line: 'extra-substituters = file:///c', why: 'to substitute from the caches' },
        { line: 'extra-trusted-public-keys = k:AAAA=', why: 'to substitute from the caches' },
      ],
      trustOnly: [],
    })
  })

  it("builders need trust, from the inputs or from the client's NIX_CONFIG", () => {
    expect(daemonNeeds(undefined, [], [], { input: true, clientConfig: false }).trustOnly).toEqual([
      { setting: 'builders', why: 'to build on the machines of input builders' },
    ])
    expect(daemonNeeds(undefined, [], [], { input: false, clientConfig: true }).trustOnly).toEqual([
      { setting: 'builders', why: 'to build on the machines NIX_CONFIG names' },
    ])
  })

  it.each<[string | undefined, boolean]>([
    [undefined, false],
    ['substituters =\nbuilders =', false],
    ['builders = ssh-ng://b aarch64-linux', true],
    ['  extra-builders = @/etc/nix/machines', true],
  ])('NIX_CONFIG %j names builders: %s', (config, named) => expect(buildersInClientConfig(config)).toBe(named))
})

describe('where the action writes the daemon settings it adds', () => {
  it.each<[string, string, string]>([
    ['plain Nix: nix.conf', 'build-users-group = nixbld\n', '/etc/nix/nix.conf'],
    [
      'Determinate Nix: the file its nix.conf includes',
      'extra-experimental-features = parse-toml-timestamps\n\n!include nix.custom.conf\n',
      '/etc/nix/nix.custom.conf',
    ],
    ['an include by absolute path', 'include /srv/nix/nix.custom.conf\n', '/srv/nix/nix.custom.conf'],
    ['an include of another file is not it', '!include machine.conf\n', '/etc/nix/nix.conf'],
  ])('%s', (_, text, file) => expect(settingsFile('/etc/nix/nix.conf', text)).toBe(file))

  it.each<[NodeJS.Platform, boolean, string]>([
    ['linux', false, 'systemctl restart nix-daemon.service'],
    ['linux', true, 'systemctl restart nix-daemon.service'],
    ['darwin', false, 'launchctl kickstart -k system/org.nixos.nix-daemon'],
    ['darwin', true, 'launchctl kickstart -k system/systems.determinate.nix-daemon'],
  ])('restarts the daemon on %s (Determinate: %s) with %s', (platform, determinate, line) => {
    const { cmd, args } = restartCommand(platform, determinate)
    expect([cmd, ...args].join(' ')).toBe(line)
  })
})

// The real systemctl of a machine whose init is not systemd (a self-hosted runner in a container),
// as root, as the action meets it there (the suite runs it as root; elsewhere it is skipped, not passed).
const withoutSystemd = process.platform === 'linux' && !existsSync('/run/systemd/system') && existsSync('/usr/bin/systemctl') && isRoot()
describe('a daemon that cannot be restarted', () => {
  const conf = tempDir('daemon-conf')
  ;(withoutSystemd ? it : it.skip)('says what was changed in which file, that a restart is still needed, and the other way out', async () => {
    writeFileSync(join(conf, 'nix.conf'), 'build-users-group = nixbld\n!include nix.custom.conf\n')
    const saved = process.env.NIX_CONF_DIR
    process.env.NIX_CONF_DIR = conf
    try {
      const needs = daemonNeeds('extra-platforms = aarch64-linux', ['aarch64-linux'], [], { input: false, clientConfig: false })
      const run = ensureDaemonHas('nix', '2.34.0', { daemon: true, trusted: false }, needs, () => undefined)
      await expect(run).rejects.toThrow(
        new RegExp(
          `added extra-platforms = aarch64-linux to ${join(conf, 'nix.custom.conf')}, but could not restart nix-daemon to read them \\(.*systemd.*\\)\\. ` +
            `The daemon reads its configuration only when it starts: restart it .* add \`trusted-users = root \\S+\` to ${join(conf, 'nix.conf')}`,
          's',
        ),
      )
      expect(readFileSync(join(conf, 'nix.custom.conf'), 'utf8')).toContain('extra-platforms = aarch64-linux')
      expect(readFileSync(join(conf, 'nix.conf'), 'utf8')).not.toContain('extra-platforms')
    } finally {
      if (saved === undefined) delete process.env.NIX_CONF_DIR
      else process.env.NIX_CONF_DIR = saved
    }
  })
})
