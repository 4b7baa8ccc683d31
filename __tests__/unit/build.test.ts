// What nix build is asked and what it answers: the arguments, the log it prints while it works, and
// the derivations an image is found in.
import { describe, expect, it } from '@jest/globals'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import {
  buildArgs,
  confOfDerivation,
  derivationOutput,
  findInDerivationClosure,
  pairResults,
  parseBuildLog,
  parseDerivationInputs,
} from '../../src/image/build.js'
import type { PlanEntry } from '../../src/model.js'
import { tempDir } from '../helpers/tmp.js'

describe('nix build arguments', () => {
  it('builds everything in one call with explicit installables', () => {
    expect(buildArgs(['.#packages.x86_64-linux.a', '.#packages.aarch64-linux.a'])).toEqual([
      'build',
      '--json',
      '--no-link',
      '--print-build-logs',
      '--keep-going',
      '.#packages.x86_64-linux.a',
      '.#packages.aarch64-linux.a',
    ])
  })

  it('links the results where the run says, so they stay garbage collector roots', () => {
    expect(buildArgs(['.#a'], true, '/runner/tmp/nca-build-x/result')).toEqual([
      'build',
      '--impure',
      '--json',
      '--out-link',
      '/runner/tmp/nca-build-x/result',
      '--print-build-logs',
      '--keep-going',
      '.#a',
    ])
  })
})

describe('pairResults: which build result is which image', () => {
  type Entry = Pick<PlanEntry, 'installable' | 'system' | 'drvPath' | 'buildSystem'>
  const x86 = (container: string, drvPath?: string): Entry => ({ installable: `.#packages.x86_64-linux.${container}`, system: 'x86_64-linux', drvPath })
  const arm = (container: string, drvPath?: string): Entry => ({ installable: `.#packages.aarch64-linux.${container}`, system: 'aarch64-linux', drvPath })
  const cross = (target: string, drvPath?: string): Entry => ({
    installable: `.#packages.x86_64-linux.fdContainer-${target}`,
    system: target === 'aarch64' ? 'aarch64-linux' : 'x86_64-linux',
    drvPath,
    ...(target === 'aarch64' ? { buildSystem: 'x86_64-linux' } : {}),
  })
  const result = (drvPath: string, system?: string) => ({ drvPath, system })

  it.each<[string, Entry[], { drvPath: string; system?: string }[], Record<string, string>]>([
    [
      'cross-compiled images, both x86_64-linux derivations: by the derivations evaluated for the plan, in any order',
      [cross('x86_64', '/s/a.drv'), cross('aarch64', '/s/b.drv')],
      [result('/s/b.drv'), result('/s/a.drv')],
      { '.#packages.x86_64-linux.fdContainer-x86_64': '/s/a.drv', '.#packages.x86_64-linux.fdContainer-aarch64': '/s/b.drv' },
    ],
    [
      'one container per system, not evaluated: by the system each derivation declares',
      [x86('fd'), arm('fd')],
      [result('/s/arm.drv', 'aarch64-linux'), result('/s/x86.drv', 'x86_64-linux')],
      { '.#packages.x86_64-linux.fd': '/s/x86.drv', '.#packages.aarch64-linux.fd': '/s/arm.drv' },
    ],
    [
      'two containers per system: nothing is sure, so nothing is paired',
      [x86('fd'), x86('rg')],
      [result('/s/1.drv', 'x86_64-linux'), result('/s/2.drv', 'x86_64-linux')],
      {},
    ],
    [
      'cross-compiled images not evaluated: both x86_64-linux, so nothing is paired',
      [cross('x86_64'), cross('aarch64')],
      [result('/s/a.drv', 'x86_64-linux'), result('/s/b.drv', 'x86_64-linux')],
      {},
    ],
    [
      'a derivation the build evaluated otherwise (--impure): by its system, the other by its own derivation',
      [cross('x86_64', '/s/a.drv'), arm('rg', '/s/pure.drv')],
      [result('/s/a.drv', 'x86_64-linux'), result('/s/impure.drv', 'aarch64-linux')],
      { '.#packages.x86_64-linux.fdContainer-x86_64': '/s/a.drv', '.#packages.aarch64-linux.rg': '/s/impure.drv' },
    ],
    [
      'systems not read yet: only what the evaluation knows',
      [cross('aarch64', '/s/b.drv'), x86('rg')],
      [result('/s/b.drv'), result('/s/rg.drv')],
      { '.#packages.x86_64-linux.fdContainer-aarch64': '/s/b.drv' },
    ],
  ])('%s', (_, entries, results, expected) => {
    expect(Object.fromEntries(pairResults(entries, results))).toEqual(expected)
  })
})

describe('parseBuildLog (what nix build prints on stderr while it works)', () => {
  const S = '/nix/store'
  it.each<[string, string, Partial<ReturnType<typeof parseBuildLog>>]>([
    ['nothing to do', '', { built: [], fetched: [], warnings: [] }],
    [
      'Nix 2.8: a cold store, nothing cached, with --print-build-logs',
      `building '${S}/aaa-greet.tar.drv'...\ngreet.tar> Adding layer 1\nbuilding '${S}/bbb-greet.tar.drv'...\n`,
      { built: [`${S}/aaa-greet.tar.drv`, `${S}/bbb-greet.tar.drv`], fetched: [] },
    ],
    [
      'an empty store, a warm cache',
      `copying path '${S}/ccc-greet.tar' from 'http://127.0.0.1:8080'...\ncopying path '${S}/ddd-greet.tar' from 'file:///tmp/cache'...\n`,
      { built: [], fetched: [`${S}/ccc-greet.tar`, `${S}/ddd-greet.tar`] },
    ],
    [
      'a remote builder: built there, inputs copied to it (not substituted)',
      `copying 1 paths...\ncopying path '${S}/eee-greet.sh' to 'ssh-ng://nix@127.0.0.1'...\nbuilding '${S}/fff-greet.tar.drv' on 'ssh-ng://nix@127.0.0.1'...\n`,
      { built: [`${S}/fff-greet.tar.drv`], fetched: [] },
    ],
    [
      "a builder's own output that looks like Nix's is prefixed and ignored",
      `greet.tar> building '${S}/zzz-fake.drv'...\ngreet.tar> copying path '${S}/zzz' from 'x'...\n`,
      { built: [], fetched: [] },
    ],
    [
      'a substituter ignored for an untrusted user',
      `warning: ignoring untrusted substituter 'http://127.0.0.1:8080', you are not a trusted user.\nwarning: Git tree '/src' is dirty\nbuilding '${S}/x.drv'...\n`,
      { built: [`${S}/x.drv`], warnings: [`ignoring untrusted substituter 'http://127.0.0.1:8080', you are not a trusted user.`] },
    ],
    ['a derivation named twice (a retried build) counts once', `building '${S}/x.drv'...\nbuilding '${S}/x.drv'...\n`, { built: [`${S}/x.drv`] }],
  ])('%s', (_, stderr, expected) => {
    expect(parseBuildLog(stderr)).toMatchObject(expected)
  })
})

describe('parseDerivationInputs: the input derivations a .drv names', () => {
  const S = '/nix/store'
  it.each<[string, string, string[]]>([
    [
      'a manifest app naming both images (as the fixture has it)',
      `Derive([("out","${S}/y-greet-manifest","","")],[("${S}/a-greet.tar.drv",["out"]),("${S}/b-greet.tar.drv",["out"])],["${S}/s-write-script.sh"],"x86_64-linux","/bin/sh",["sh"],[("name","greet-manifest")])`,
      [`${S}/a-greet.tar.drv`, `${S}/b-greet.tar.drv`],
    ],
    ['no inputs', `Derive([("out","${S}/x","","")],[],[],"x86_64-linux","/bin/sh",[],[])`, []],
    [
      'several outputs of one input, and a string in the environment that looks like an input',
      `Derive([("dev","${S}/d","",""),("out","${S}/o","","")],[("${S}/c-lib.drv",["dev","out"])],[],"aarch64-linux","/bin/sh",[],[("text","(\\"${S}/fake.drv\\",[\\"out\\"])\\n")])`,
      [`${S}/c-lib.drv`],
    ],
  ])('%s', (_, aterm, inputs) => {
    expect(parseDerivationInputs(aterm)).toEqual(inputs)
  })

  it('refuses what is not a derivation, and ends on a cut-off file', () => {
    expect(() => parseDerivationInputs('{"not":"aterm"}')).toThrow(/not a derivation/)
    expect(parseDerivationInputs('Derive([("out","/nix/store/x')).toEqual([])
  })
})

describe('findInDerivationClosure: real .drv files in a directory', () => {
  const dir = tempDir('drv')
  const drv = (name: string, inputs: string[]) =>
    writeFile(
      join(dir, `${name}.drv`),
      `Derive([("out","${dir}/${name}","","")],[${inputs.map((i) => `("${dir}/${i}.drv",["out"])`).join(',')}],[],"x86_64-linux","/bin/sh",[],[])`,
    )
  const path = (name: string) => join(dir, `${name}.drv`)

  it('finds images two levels down, and only those present', async () => {
    await Promise.all([
      drv('app', ['wrapper', 'bash']),
      drv('wrapper', ['img-amd64', 'img-arm64']),
      drv('bash', []),
      drv('img-amd64', []),
      drv('img-arm64', []),
      drv('other', []),
    ])
    expect(await findInDerivationClosure([path('app')], [path('img-amd64'), path('img-arm64')])).toEqual(new Set([path('img-amd64'), path('img-arm64')]))
    expect(await findInDerivationClosure([path('app')], [path('img-amd64'), path('other')])).toEqual(new Set([path('img-amd64')]))
  })

  it('says it cannot tell when a .drv is not readable here', async () => {
    expect(await findInDerivationClosure([join(dir, 'missing.drv')], [path('img-amd64')])).toBeUndefined()
  })
})

describe("confOfDerivation: dockerTools' conf JSON among the derivations an image is made from", () => {
  const dir = tempDir('conf-drv')
  const drv = (name: string, inputs: string[]) =>
    writeFile(
      join(dir, `${name}.drv`),
      `Derive([("out","${dir}/${name}","","")],[${inputs.map((i) => `("${dir}/${i}.drv",["out"])`).join(',')}],[],"x86_64-linux","/bin/sh",[],[])`,
    )
  const path = (name: string) => join(dir, `${name}.drv`)

  it('finds it under a stream script, and under the stream a .tar.gz is piped from (buildLayeredImage)', async () => {
    await Promise.all([
      drv('fd-conf.json', ['jq']),
      drv('jq', []),
      drv('stream-fd', ['fd-conf.json', 'python3']),
      drv('python3', []),
      drv('fd.tar.gz', ['stream-fd', 'pigz']),
      drv('pigz', []),
    ])
    expect(await confOfDerivation(path('stream-fd'))).toBe(join(dir, 'fd-conf.json'))
    expect(await confOfDerivation(path('fd.tar.gz'))).toBe(join(dir, 'fd-conf.json'))
  })

  it('gives none deeper down, for two at once, or when a .drv is not readable here', async () => {
    await Promise.all([drv('base-conf.json', []), drv('wrapped', ['fd.tar.gz']), drv('two', ['fd-conf.json', 'base-conf.json']), drv('broken', ['missing'])])
    expect(await confOfDerivation(path('wrapped'))).toBeUndefined()
    expect(await confOfDerivation(path('two'))).toBeUndefined()
    expect(await confOfDerivation(path('broken'))).toBeUndefined()
  })

  it('reads the out path a .drv declares', () => {
    expect(derivationOutput('Derive([("out","/nix/store/c-fd-conf.json","","")],[],[],"x86_64-linux","/bin/sh",[],[])')).toBe('/nix/store/c-fd-conf.json')
    expect(derivationOutput('{}')).toBeUndefined()
  })
})
