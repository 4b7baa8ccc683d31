// The flake evaluation for the SBOMs' meta (src/nix/meta.ts), pure parts: the walk `nix eval --apply`
// applies to each image (nix/installables.ts), and the reading of its answer. The walk itself runs against real Nix in
// e2e/sbom.test.ts.
import { describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { DESCRIBE_IMAGE, packagesByPath, parseMeta } from '../../src/nix/meta.js'
import { attrPathCandidates, selectExpression } from '../../src/nix/installables.js'

describe('the walk (DESCRIBE_IMAGE)', () => {
  it('parses as Nix and describes a derivation with nixpkgs-shaped meta', () => {
    const expression = selectExpression([attrPathCandidates('packages.x86_64-linux.img', 'x86_64-linux')], DESCRIBE_IMAGE)
    const pkg = `derivation { name = "fd-10.2.0"; system = "x86_64-linux"; builder = "/bin/sh"; } // {
      pname = "fd"; version = "10.2.0";
      meta = { description = "A simple, fast alternative to find"; homepage = [ "https://github.com/sharkdp/fd" ];
        license = [ { spdxId = "Apache-2.0"; fullName = "Apache License 2.0"; } { spdxId = "MIT"; fullName = "MIT License"; } ];
        identifiers = { cpe = "cpe:2.3:a:sharkdp:fd:10.2.0:*:*:*:*:*:*:*"; purls = [ "pkg:github/sharkdp/fd@v10.2.0" ]; }; }; }`
    const img = `derivation { name = "img.tar.gz"; system = "x86_64-linux"; builder = "/bin/sh"; } // { contents = [ (${pkg}) ]; }`
    const json = execFileSync('nix', ['eval', '--json', '--expr', `(${expression}) { packages.x86_64-linux.img = ${img}; }`], {
      encoding: 'utf8',
      env: { ...process.env, NIX_CONFIG: 'experimental-features = nix-command' },
    })
    const [image] = parseMeta(JSON.parse(json) as Parameters<typeof parseMeta>[0])
    expect(image.conf).toBeUndefined()
    const fd = image.packages.find((p) => p.pname === 'fd')!
    expect(fd).toEqual({
      outputs: [expect.stringMatching(/^\/nix\/store\/[0-9a-z]{32}-fd-10\.2\.0$/)],
      name: 'fd-10.2.0',
      pname: 'fd',
      version: '10.2.0',
      description: 'A simple, fast alternative to find',
      homepage: 'https://github.com/sharkdp/fd',
      licenses: [
        { id: 'Apache-2.0', name: 'Apache License 2.0' },
        { id: 'MIT', name: 'MIT License' },
      ],
      cpe: 'cpe:2.3:a:sharkdp:fd:10.2.0:*:*:*:*:*:*:*',
      purl: 'pkg:github/sharkdp/fd@v10.2.0',
    })
  })
})

describe('parseMeta and packagesByPath', () => {
  it('drops empty fields and finds a package by any of its outputs', () => {
    const [image, missing] = parseMeta([
      {
        conf: '/nix/store/c-conf.json',
        packages: [
          {
            outputs: ['/nix/store/a-x-1', '/nix/store/b-x-1-dev'],
            name: 'x-1',
            pname: null,
            version: '',
            licenses: [{ id: null, name: 'Custom' }],
            cpe: null,
          },
          { outputs: ['/nix/store/a-x-1'], name: 'shadowed', licenses: [] },
        ],
      },
      null,
    ])
    expect(missing).toEqual({ conf: undefined, packages: [] })
    expect(image.conf).toBe('/nix/store/c-conf.json')
    expect(image.packages[0]).toEqual({ outputs: ['/nix/store/a-x-1', '/nix/store/b-x-1-dev'], name: 'x-1', licenses: [{ name: 'Custom' }] })
    const byPath = packagesByPath(image.packages)
    expect(byPath.get('/nix/store/b-x-1-dev')?.name).toBe('x-1')
    expect(byPath.get('/nix/store/a-x-1')?.name).toBe('x-1')
  })
})
