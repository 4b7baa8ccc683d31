import { describe, expect, it } from '@jest/globals'
import { buildersInClientConfig, daemonConfFile, daemonNeeds, missingLines, parseStoreInfo, storeInfoCommand } from '../../src/nix/daemon.js'
import { installerConf } from '../../src/nix/install.js'

describe('asking Nix about its store', () => {
  it.each<[string, string[]]>([
    ['2.8.0', ['store', 'ping', '--json']],
    ['2.18.9', ['store', 'ping', '--json']],
    ['2.19.0', ['store', 'info', '--json']],
    ['2.26.3', ['store', 'info', '--json']],
  ])('Nix %s: nix %j', (version, command) => expect(storeInfoCommand(version)).toEqual(command))

  it.each<[string, ReturnType<typeof parseStoreInfo>]>([
    ['{"trusted":1,"url":"daemon","version":"2.26.3"}', { daemon: true, trusted: true }],
    ['{"trusted":0,"url":"daemon","version":"2.26.3"}', { daemon: true, trusted: false }],
    ['{"url":"unix:///run/nix/socket","trusted":false}', { daemon: true, trusted: false }],
    ['{"url":"local","version":"2.26.3"}', { daemon: false, trusted: undefined }],
  ])('%s', (json, facts) => expect(parseStoreInfo(json)).toEqual(facts))
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

describe('installing Nix', () => {
  it('sets it up as the CI installers do: flakes on, the user trusted', () => {
    expect(installerConf('runner')).toBe('experimental-features = nix-command flakes\ntrusted-users = root runner\n')
  })
})
