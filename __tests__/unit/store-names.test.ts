import { describe, expect, it } from '@jest/globals'
import { PackageURL } from 'packageurl-js'
import { type StoreName, decodeNix32, nixHashToHex, nixPurl, parseStoreName, storeNameOf } from '../../src/image/store-names.js'

describe('store names, as builtins.parseDrvName splits them', () => {
  it.each([
    ['bash-interactive-5.2p37', { name: 'bash-interactive', version: '5.2p37' }],
    ['bash-5.2p37', { name: 'bash', version: '5.2p37' }],
    ['greet-motd', { name: 'greet-motd' }],
    ['python3.12-requests-2.32.3', { name: 'python3.12-requests', version: '2.32.3' }],
    ['gtk+3-3.24.43', { name: 'gtk+3', version: '3.24.43' }],
    ['openssl-3.0.15-bin', { name: 'openssl', version: '3.0.15', output: 'bin' }],
    ['glibc-2.40-36-dev', { name: 'glibc', version: '2.40-36', output: 'dev' }],
    ['util-linux-minimal-2.39.4-lib', { name: 'util-linux-minimal', version: '2.39.4', output: 'lib' }],
    ['tzdata-2024b', { name: 'tzdata', version: '2024b' }],
    ['source', { name: 'source' }],
    ['hello-', { name: 'hello-' }],
    ['nss-cacert-3.104', { name: 'nss-cacert', version: '3.104' }],
  ])('%s', (storeName, expected) => {
    expect(parseStoreName(storeName)).toEqual(expected)
  })

  it('takes the name from a store path', () => {
    expect(storeNameOf('/nix/store/day2fmi35gp1452bli5dvxjwrn1lcw4c-greet-1.0')).toBe('greet-1.0')
  })

  it.each([
    [{ name: 'bash-interactive', version: '5.2p37' }, 'pkg:nix/bash-interactive@5.2p37'],
    [{ name: 'gtk+3', version: '3.24.43' }, 'pkg:nix/gtk%2B3@3.24.43'],
    [{ name: 'greet-motd' }, 'pkg:nix/greet-motd'],
    [{ name: 'openssl', version: '3.0.15', output: 'bin' }, 'pkg:nix/openssl@3.0.15?output=bin'],
  ] as [StoreName, string][])('purl of %j is %s, and packageurl-js reads it back', (parsed, purl) => {
    expect(nixPurl(parsed)).toBe(purl)
    const back = PackageURL.fromString(purl)
    expect([back.type, back.name, back.version ?? undefined]).toEqual(['nix', parsed.name, parsed.version])
  })
})

describe('NAR hashes to CycloneDX hex (vectors from nix hash to-base32 / to-base16)', () => {
  const hex = 'f10159e16d95bad8f0100be10023a722d8bc8e92ee2dda177de7b54dfb972483'
  it.each([
    ['SRI (Nix 2.4+)', 'sha256-8QFZ4W2VutjwEAvhACOnIti8jpLuLdoXfee1TfuXJIM='],
    ['base-32 (Nix 2.3)', 'sha256:10r4jzxlvdg7glbxlbgfja7brn12lwih1q8b23qdiflmdphmj0gi'],
    ['base-16', `sha256:${hex}`],
  ])('%s', (_, hash) => {
    expect(nixHashToHex(hash)).toEqual({ alg: 'SHA-256', content: hex })
  })

  it('decodes a second base-32 vector', () => {
    expect(decodeNix32('1i31wdkmapxd3hma9mkhdqgbcm3jip3hgc4shhv0kyfkc2s2kl02', 32).toString('hex')).toBe(
      '02d029b460d3f90936849ab007c78d7254b61e6e70d6a42a1cad5f5567e361c4',
    )
  })

  it.each([[undefined], ['md5'], ['sha256-tooshort'], [42], [{ algorithm: 'sha256', hash: '8QFZ4W2VutjwEAvhACOnIti8jpLuLdoXfee1TfuXJIM=' }]])(
    'gives nothing for %j',
    (hash) => {
      expect(nixHashToHex(hash)).toBeUndefined()
    },
  )
})
