// Installables as Nix resolves them (src/nix/installables.ts): the attribute paths tried, the
// expression `nix eval <flake>#. --apply` gets, read by the real Nix, and one evaluation per flake.
import { describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import {
  attrPathCandidates,
  evaluateDerivations,
  evaluateEach,
  nixString,
  parseAttrPath,
  selectExpression,
  splitInstallable,
} from '../../src/nix/installables.js'
import { tempDir } from '../helpers/tmp.js'

const nixEnv = { ...process.env, NIX_CONFIG: 'experimental-features = nix-command flakes' }
const nix = { path: 'nix', env: nixEnv }

describe('nixString', () => {
  it.each([
    ['fdContainer', '"fdContainer"'],
    ['a"b', '"a\\"b"'],
    ['x${builtins.abort "no"}', '"x\\${builtins.abort \\"no\\"}"'],
    ['back\\slash', '"back\\\\slash"'],
  ])('%j is the Nix string %s', (text, nixText) => {
    expect(nixString(text)).toBe(nixText)
  })

  it('is read back by Nix as the same text', () => {
    const text = 'x${y} "q" \\ $'
    expect(execFileSync('nix', ['eval', '--raw', '--expr', nixString(text)], { encoding: 'utf8', env: nixEnv })).toBe(text)
  })
})

describe('installables and attribute paths', () => {
  it.each([
    ['.#packages.x86_64-linux.fdContainer', '.', 'packages.x86_64-linux.fdContainer'],
    ['github:acme/tools?dir=images#fd', 'github:acme/tools?dir=images', 'fd'],
    ['./sub', './sub', ''],
  ])('%s is flake %s, fragment %s', (installable, flake, fragment) => {
    expect(splitInstallable(installable)).toEqual({ flake, fragment })
  })

  it.each<[string, string[]]>([
    ['packages.x86_64-linux.fd', ['packages', 'x86_64-linux', 'fd']],
    ['legacyPackages.x86_64-linux."fd-1.0".image', ['legacyPackages', 'x86_64-linux', 'fd-1.0', 'image']],
    ['', []],
  ])('the attribute path %j is %j', (path, names) => {
    expect(parseAttrPath(path)).toEqual(names)
  })

  it('refuses an unclosed quote', () => {
    expect(() => parseAttrPath('a."b')).toThrow(/unclosed quote/)
  })

  it.each<[string, string[][]]>([
    ['fdCross', [['packages', 'aarch64-linux', 'fdCross'], ['legacyPackages', 'aarch64-linux', 'fdCross'], ['fdCross']]],
    ['.packages.x86_64-linux.fdCross', [['packages', 'x86_64-linux', 'fdCross']]],
  ])('Nix looks for %j at %j (on an aarch64-linux runner)', (fragment, paths) => {
    expect(attrPathCandidates(fragment, 'aarch64-linux')).toEqual(paths)
  })
})

describe('selectExpression, read by the real Nix', () => {
  const outputs = `{
    packages.x86_64-linux = { fd = "packages fd"; "fd-1.0" = "quoted"; };
    legacyPackages.x86_64-linux.legacy = "legacy";
    top = "top";
  }`
  const select = (fragments: string[]) =>
    JSON.parse(
      execFileSync(
        'nix',
        [
          'eval',
          '--json',
          '--expr',
          `(${selectExpression(
            fragments.map((f) => attrPathCandidates(f, 'x86_64-linux')),
            'v: { v = v; }',
          )}) ${outputs}`,
        ],
        {
          encoding: 'utf8',
          env: nixEnv,
        },
      ),
    ) as unknown[]

  it('finds each value where nix build would, in order, and null where there is none', () => {
    expect(select(['fd', 'legacy', 'top', 'packages.x86_64-linux.fd', '.top', '."packages".x86_64-linux."fd-1.0"', 'nope', '.fd'])).toEqual([
      { v: 'packages fd' },
      { v: 'legacy' },
      { v: 'top' },
      { v: 'packages fd' },
      { v: 'top' },
      { v: 'quoted' },
      null,
      null,
    ])
  })
})

describe('evaluateDerivations: one nix eval per flake (real Nix, a flake in a directory)', () => {
  const flake = tempDir('installables')
  writeFileSync(
    join(flake, 'flake.nix'),
    `{
      outputs = { self }: let
        image = system: name: derivation { inherit system name; builder = "/bin/sh"; };
      in {
        packages.x86_64-linux = {
          fdContainer = image "x86_64-linux" "fd.tar";
          "fdContainer-aarch64" = image "x86_64-linux" "fd-aarch64.tar";
          notAnImage = "text";
        };
        packages.aarch64-linux.fdContainer = image "aarch64-linux" "fd.tar";
      };
    }`,
  )
  const ref = `path:${flake}`

  it('gives every derivation and its own system, the cross-compiled one an x86_64-linux derivation', async () => {
    const installables = [`${ref}#packages.x86_64-linux.fdContainer`, `${ref}#packages.x86_64-linux.fdContainer-aarch64`, `${ref}#fdContainer`]
    const found = await evaluateDerivations(nix, installables, 'aarch64-linux')
    expect([...found.entries()]).toEqual([
      [installables[0], { drvPath: expect.stringMatching(/-fd\.tar\.drv$/), system: 'x86_64-linux' }],
      [installables[1], { drvPath: expect.stringMatching(/-fd-aarch64\.tar\.drv$/), system: 'x86_64-linux' }],
      // Resolved as Nix resolves it on an aarch64-linux runner.
      [installables[2], { drvPath: expect.stringMatching(/-fd\.tar\.drv$/), system: 'aarch64-linux' }],
    ])
    expect(found.get(installables[0])!.drvPath).not.toBe(found.get(installables[2])!.drvPath)
  })

  it('names every installable that is no attribute or no derivation, and what Nix looked for', async () => {
    await expect(evaluateDerivations(nix, [`${ref}#nope`, `${ref}#packages.x86_64-linux.notAnImage`], 'x86_64-linux')).rejects.toThrow(
      new RegExp(
        `${ref}#nope: the flake has no such attribute \\(Nix looks for packages\\.x86_64-linux\\.nope, legacyPackages\\.x86_64-linux\\.nope, nope\\)\\n` +
          `${ref}#packages\\.x86_64-linux\\.notAnImage is not a derivation`,
      ),
    )
  })

  it('answers in the order asked across flakes', async () => {
    const [one, two] = [tempDir('installables-one'), tempDir('installables-two')]
    writeFileSync(join(one, 'flake.nix'), '{ outputs = { self }: { v = 1; w = 3; }; }')
    writeFileSync(join(two, 'flake.nix'), '{ outputs = { self }: { v = 2; }; }')
    expect(await evaluateEach(nix, [`path:${one}#.v`, `path:${two}#.v`, `path:${one}#.w`], 'x: x', 'x86_64-linux')).toEqual([1, 2, 3])
  })
})
