// `nix path-info --json` as each Nix prints it: the answers scripts/record-path-info.sh recorded
// from Nix 2.8, 2.26 and 2.34 (plain --json and every --json-format each accepts, from the local
// store and from a signed binary cache) all read as the same paths, and so do Nix 2.35's format 3
// and hand-written answers.
import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { type PathInfo, parsePathInfo, pathInfoArgs } from '../../src/nix/path-info.js'
import { parseNixVersion } from '../../src/nix/nix.js'
import { nixHashToHex } from '../../src/image/store-names.js'
import { REPO_DIR } from '../helpers/fixture.js'

const recorded = (file: string) => readFileSync(join(REPO_DIR, '__tests__', 'recorded', 'path-info', file), 'utf8')
const byPath = (infos: PathInfo[]) => [...infos].sort((a, b) => a.path.localeCompare(b.path))

// The closure of __tests__/recorded/path-info/closure.nix: an output referring to another output and
// to a text file (content-addressed, so it has no deriver), and a path no store has.
const S = '/nix/store'
const top: PathInfo = {
  path: `${S}/505lgjidfk0wailw5jxpa55dldj82p2d-pathinfo-fixture-top`,
  valid: true,
  narHash: 'sha256-D0xxcysKVAFkoGU0R6dSAiuWlrHzyeuGhTpHbcIvsZY=',
  narSize: 248,
  references: [`${S}/76y6lmw8w87gyfd9d99d47nzpny0j7na-pathinfo-fixture-leaf`, `${S}/m7ril0a4573ph4j31gj9d09hhfwsmrmf-pathinfo-fixture-note`],
  deriver: `${S}/d9p2pdbpijfirafn52mvcxv3fki785ga-pathinfo-fixture-top.drv`,
}
const leaf: PathInfo = {
  path: `${S}/76y6lmw8w87gyfd9d99d47nzpny0j7na-pathinfo-fixture-leaf`,
  valid: true,
  narHash: 'sha256-EFUdrtf6Rn0LWIJufrmg8q99aT3jGfLvd1//zaJEufY=',
  narSize: 120,
  references: [],
  deriver: `${S}/9wnfxrvks6ndhw5mzasl17ri2l0agsk7-pathinfo-fixture-leaf.drv`,
}
const note: PathInfo = {
  path: `${S}/m7ril0a4573ph4j31gj9d09hhfwsmrmf-pathinfo-fixture-note`,
  valid: true,
  narHash: 'sha256-i1ZzjnMu2VsO64ousvAcnpXoECLKrJzOfGPLyhjOr1I=',
  narSize: 144,
  references: [],
}
const missing: PathInfo = { path: `${S}/0123456789abcdfghijklmnpqrsvwxyz-missing`, valid: false, references: [] }
// A binary cache also says what it stores for each path (the compressed NAR).
const cached = [{ ...top, downloadSize: 224 }, { ...leaf, downloadSize: 124 }, { ...note, downloadSize: 152 }, missing]

describe('asking for JSON each Nix prints without complaint', () => {
  const plain = ['path-info', '--json']
  const format2 = ['path-info', '--json', '--json-format', '2']
  it.each<[string, string[]]>([
    ['nix (Nix) 2.8.0', plain],
    ['nix (Nix) 2.18.9', plain],
    // Refuses --json-format (recorded: 2.26-format-*.json are missing, stderr.txt says why).
    ['nix (Nix) 2.26.3', plain],
    ['nix (Nix) 2.32.4', plain],
    ['nix (Nix) 2.33.0', format2],
    // Warns about plain --json; has formats 1 and 2 only (recorded).
    ['nix (Nix) 2.34.8', format2],
    ['nix (Nix) 2.35.1', format2],
    ['nix (Nix) 2.35.0pre20260301_0123abc', format2],
    // Determinate Nix names the Nix it is made from last; 3.15 is the first made from 2.33.
    ['nix (Determinate Nix 3.14.0) 2.32.4', plain],
    ['nix (Determinate Nix 3.15.1) 2.33.0', format2],
    ['nix (Determinate Nix 3.22.2) 2.35.2', format2],
    // Lix has no --json-format.
    ['nix (Lix, like Nix) 2.93.3', plain],
    ['nix (Nix) 3.0.0', format2],
  ])('%s', (versionLine, args) => {
    expect(pathInfoArgs(parseNixVersion(versionLine))).toEqual(args)
  })
})

describe('nix path-info --json as Nix prints it', () => {
  it.each<[string, PathInfo[]]>([
    ['2.8-json.json', [top, missing]],
    ['2.8-json-recursive.json', [top, leaf, note]],
    ['2.8-json-cache.json', cached],
    ['2.26-json.json', [top, missing]],
    ['2.26-json-recursive.json', [top, leaf, note]],
    ['2.26-json-cache.json', cached],
    ['2.34-json.json', [top, missing]],
    ['2.34-json-recursive.json', [top, leaf, note]],
    ['2.34-json-cache.json', cached],
    ['2.34-format-1.json', [top, missing]],
    ['2.34-format-1-recursive.json', [top, leaf, note]],
    ['2.34-format-1-cache.json', cached],
    ['2.34-format-2.json', [top, missing]],
    ['2.34-format-2-recursive.json', [top, leaf, note]],
    ['2.34-format-2-cache.json', cached],
    // Not recorded (no Nix 2.35 here): 2.34's format-2 answer as Nix 2.35's source and its own test
    // data print format 3, with version 3 and each signature as {keyName, sig}.
    ['derived-2.35-format-3-cache.json', cached],
  ])('%s', (file, expected) => {
    expect(byPath(parsePathInfo(recorded(file)))).toEqual(byPath(expected))
  })

  it('format 2 names its store directory: base names resolve in it, not in the one guessed from the arguments', () => {
    const answer = JSON.parse(recorded('2.34-format-2.json')) as { storeDir: string }
    answer.storeDir = '/custom/store'
    const [topInfo] = parsePathInfo(JSON.stringify(answer), '/nix/store').filter((i) => i.valid)
    expect(topInfo.path).toBe('/custom/store/505lgjidfk0wailw5jxpa55dldj82p2d-pathinfo-fixture-top')
    expect(topInfo.references).toEqual(top.references.map((r) => r.replace(S, '/custom/store')))
    expect(topInfo.deriver).toBe(top.deriver?.replace(S, '/custom/store'))
  })
})

describe('a NAR hash is text in every form', () => {
  const hex = '0f4c71732b0a540164a0653447a752022b9696b1f3c9eb86853a476dc22fb196'
  it.each<[string, unknown, string | undefined]>([
    ['SRI, as every released Nix prints it', top.narHash, top.narHash],
    ['structured, base64', { algorithm: 'sha256', format: 'base64', hash: 'D0xxcysKVAFkoGU0R6dSAiuWlrHzyeuGhTpHbcIvsZY=' }, top.narHash],
    ['structured, base16', { algorithm: 'sha256', format: 'base16', hash: hex }, `sha256:${hex}`],
    [
      'structured, nix32',
      { algorithm: 'sha256', format: 'nix32', hash: '15mi5z16sirshn3fpjgkn6b9caq2aaklfd35l1j02m0a5drp2k0g' },
      'sha256:15mi5z16sirshn3fpjgkn6b9caq2aaklfd35l1j02m0a5drp2k0g',
    ],
    ['structured, SRI inside', { algorithm: 'sha256', format: 'sri', hash: top.narHash }, top.narHash],
    ['structured without a hash', { algorithm: 'sha256' }, undefined],
    ['a number', 7, undefined],
  ])('%s', (_, narHash, text) => {
    const [info] = parsePathInfo(JSON.stringify({ [top.path]: { narHash, narSize: 248, references: [] } }))
    expect(info.narHash).toBe(text)
    // The SBOM's hash is the same whichever form Nix gave.
    if (text) expect(nixHashToHex(info.narHash)).toEqual({ alg: 'SHA-256', content: hex })
  })
})

describe('nix path-info --json, hand-written', () => {
  const A = '/nix/store/day2fmi35gp1452bli5dvxjwrn1lcw4c-greet-1.0'
  const B = '/nix/store/cwvdy5szchw0fk5xmlc5cycm3shzc65y-busybox-1.35.0'
  const C = '/nix/store/060gj2qd0vw4vz0ir3y2zcrvr7xpns14-greet-motd'
  const SRI = 'sha256-8QFZ4W2VutjwEAvhACOnIti8jpLuLdoXfee1TfuXJIM='
  const expected: PathInfo[] = [
    { path: A, valid: true, narHash: SRI, narSize: 600, references: [C, B].sort(), deriver: '/nix/store/5rg42hdp9n4rknm719qd8i5nzdc5ipls-greet-1.0.drv' },
    { path: '/nix/store/00000000000000000000000000000000-nope', valid: false, references: [] },
  ]

  it('Nix 2.8: an array of objects with a path; invalid paths have valid: false', () => {
    const json = JSON.stringify([
      { path: A, narHash: SRI, narSize: 600, references: [B, C], deriver: '/nix/store/5rg42hdp9n4rknm719qd8i5nzdc5ipls-greet-1.0.drv', registrationTime: 1 },
      { path: '/nix/store/00000000000000000000000000000000-nope', valid: false },
    ])
    expect(parsePathInfo(json)).toEqual(expected)
  })

  it('newer Nix: an object keyed by path; invalid paths are null; a reference named twice counts once', () => {
    const json = JSON.stringify({
      [A]: { narHash: SRI, narSize: 600, references: [B, C, B], deriver: '/nix/store/5rg42hdp9n4rknm719qd8i5nzdc5ipls-greet-1.0.drv' },
      '/nix/store/00000000000000000000000000000000-nope': null,
    })
    expect(parsePathInfo(json)).toEqual(expected)
  })

  it('store base names outside the format-2 wrapper resolve in the store directory given', () => {
    const json = JSON.stringify({
      [A.slice(11)]: { narHash: SRI, narSize: 600, references: [B.slice(11), C.slice(11)], deriver: '5rg42hdp9n4rknm719qd8i5nzdc5ipls-greet-1.0.drv' },
    })
    expect(parsePathInfo(json)).toEqual([expected[0]])
  })
})
