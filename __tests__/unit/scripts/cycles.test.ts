// scripts/cycles.mjs on small trees written here: each import form it must see (or must not), and
// the folder rules, which the modules of one tree can break without any module cycle.
import { describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { REPO_DIR } from '../../helpers/fixture.js'
import { tempDir } from '../../helpers/tmp.js'

const SCRIPT = join(REPO_DIR, 'scripts', 'cycles.mjs')

/** A tree of .ts files under a fresh directory: path → text. */
function tree(files: Record<string, string>): string {
  const dir = tempDir('cycles')
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true })
    writeFileSync(join(dir, path), text)
  }
  return dir
}

function check(dir: string, ...flags: string[]): { code: number; stdout: string } {
  const run = spawnSync(process.execPath, [SCRIPT, ...flags, dir], { cwd: dir, encoding: 'utf8' })
  expect(run.stderr).toBe('')
  return { code: run.status ?? 1, stdout: run.stdout }
}

describe('the module check sees every import form', () => {
  it.each<[string, string]>([
    ['a side-effect import', "import './b.js'\n"],
    ['an extension-less import', "import { b } from './b'\n"],
    ['a type-only import', "import type { B } from './b.js'\n"],
    ['export * from', "export * from './b.js'\n"],
    ['a dynamic import', "export const load = () => import('./b.js')\n"],
  ])('%s closes a cycle', (_, importOfB) => {
    const { code, stdout } = check(tree({ 'a.ts': importOfB, 'b.ts': "import { a } from './a.js'\nexport const b = a\n" }), '--modules-only')
    expect(stdout).toMatch(/^import cycle among 2 modules: a\.ts → b\.ts → a\.ts/m)
    expect(code).toBe(1)
  })

  it('resolves a folder to its index.ts', () => {
    const { code, stdout } = check(tree({ 'a.ts': "import { s } from './sub'\n", 'sub/index.ts': "import '../a.js'\nexport const s = 1\n" }), '--modules-only')
    expect(stdout).toMatch(/import cycle among 2 modules: a\.ts → sub\/index\.ts → a\.ts/)
    expect(code).toBe(1)
  })

  it('passes over imports in comments and strings', () => {
    const a = [
      "// import './b.js'",
      "/* import { b } from './b.js' */",
      'export const text = "import \'./b.js\'"',
      // A regular expression that opens what looks like a block comment must not hide what follows it.
      'export const slashes = /\\/*/g',
      "import { c } from './c.js'",
      'export const x = c',
    ].join('\n')
    const dir = tree({ 'a.ts': a, 'b.ts': "import './a.js'\n", 'c.ts': 'export const c = 1\n' })
    expect(check(dir, '--modules-only')).toEqual({ code: 0, stdout: 'no import cycle among the 3 modules of .\n' })
    // Were c.ts's import missed, this cycle would go unseen.
    writeFileSync(join(dir, 'c.ts'), "import './a.js'\nexport const c = 1\n")
    expect(check(dir, '--modules-only').stdout).toMatch(/import cycle among 2 modules: a\.ts → c\.ts → a\.ts/)
  })
})

describe('the folder check', () => {
  // No module imports itself here: only the folders go round.
  const folderCycle = {
    'x/one.ts': "import { two } from '../y/two.js'\nexport const one = two\n",
    'x/four.ts': 'export const four = 4\n',
    'y/two.ts': 'export const two = 2\n',
    'y/three.ts': "import type { four } from '../x/four.js'\nexport const three: typeof four = 3\n",
    'z/five.ts': "import { two } from '../y/two.js'\nexport const five = two\n",
    'root.ts': 'export const root = 0\n',
  }

  it('fails two folders that import each other, with one import for each direction', () => {
    const { code, stdout } = check(tree(folderCycle))
    expect(stdout).toContain('no import cycle among the 6 modules of .')
    expect(stdout).toMatch(/^folder cycle among x, y: x → y → x$/m)
    expect(stdout).toMatch(/^ {2}x → y: x\/one\.ts -> y\/two\.ts$/m)
    expect(stdout).toMatch(/^ {2}y → x: y\/three\.ts -> x\/four\.ts$/m)
    expect(stdout).not.toMatch(/z →/)
    expect(code).toBe(1)
  })

  it('finds a cycle that goes through a third folder', () => {
    const { code, stdout } = check(
      tree({
        'x/one.ts': "import '../y/two.js'\n",
        'y/two.ts': "import '../z/three.js'\n",
        'z/three.ts': "import '../x/four.js'\n",
        'x/four.ts': 'export const four = 4\n',
      }),
    )
    expect(stdout).toMatch(/^folder cycle among x, y, z: x → y → z → x$/m)
    expect(stdout).toMatch(/^ {2}z → x: z\/three\.ts -> x\/four\.ts$/m)
    expect(code).toBe(1)
  })

  it('fails a file directly in the root that imports a folder', () => {
    const { code, stdout } = check(tree({ 'root.ts': "import { two } from './y/two.js'\nexport const root = two\n", 'y/two.ts': 'export const two = 2\n' }))
    expect(stdout).toMatch(/a file directly in \. imports a folder .*: root\.ts -> y\/two\.ts$/m)
    expect(code).toBe(1)
  })

  it('passes folders that import downwards only, and the root files they share', () => {
    const { code, stdout } = check(
      tree({
        'x/one.ts': "import { two } from '../y/two.js'\nimport { root } from '../root.js'\nexport const one = two + root\n",
        'y/two.ts': "import { root } from '../root.js'\nexport const two = root\n",
        'root.ts': 'export const root = 0\n',
      }),
    )
    expect(stdout).toContain('no import cycle among the 3 folders of .')
    expect(code).toBe(0)
  })

  it('is left out with --modules-only', () => {
    expect(check(tree(folderCycle), '--modules-only')).toEqual({ code: 0, stdout: 'no import cycle among the 6 modules of .\n' })
  })
})
