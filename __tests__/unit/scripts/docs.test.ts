// scripts/docs.mjs --check, the docs check `npm test` runs: it passes on the repository as it is, and
// each problem it exists for (a quick start over 40 lines, a description that breaks its table line,
// a link to nothing, an input the action does not have) fails it alone, saying what and where.
import { describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { REPO_DIR } from '../../helpers/fixture.js'
import { tempDir } from '../../helpers/tmp.js'

const SCRIPT = join(REPO_DIR, 'scripts', 'docs.mjs')
// `tool: fd` in the first recipe whose step uses the action (the reusable workflow's caller has one
// too, but that `with:` is the workflow's).
const ACTION_STEP_TOOL = /(\n- uses: <owner>\/nix-container-action@v1\n {2}with:\n(?: {4}.*\n)*? {4})tool: fd\n/

function docs(...args: string[]): { code: number; stderr: string } {
  const run = spawnSync(process.execPath, [SCRIPT, ...args], { cwd: REPO_DIR, encoding: 'utf8' })
  return { code: run.status ?? 1, stderr: run.stderr }
}

/** A copy of what the check reads; bench/RESULTS.md too, as docs/performance.md links to it. */
function copy(): string {
  const dir = tempDir('docs')
  for (const file of ['README.md', 'action.yml', 'docs']) cpSync(join(REPO_DIR, file), join(dir, file), { recursive: true })
  mkdirSync(join(dir, 'bench'))
  cpSync(join(REPO_DIR, 'bench', 'RESULTS.md'), join(dir, 'bench', 'RESULTS.md'))
  return dir
}

function edit(dir: string, file: string, change: (text: string) => string): void {
  const before = readFileSync(join(dir, file), 'utf8')
  const after = change(before)
  expect(after).not.toBe(before)
  writeFileSync(join(dir, file), after)
}

/** The quick start's length by the check's rule: its heading to the next ## heading (not one in a code block), trailing blanks left out. */
function quickStartLines(readme: string): { heading: number; count: number } {
  const lines = readme.split('\n')
  const heading = lines.indexOf('## Quick start')
  let inCode = false
  let end = lines.length
  for (let i = heading + 1; i < lines.length; i++) {
    if (/^\s{0,3}(```|~~~)/.test(lines[i])) inCode = !inCode
    if (!inCode && /^##? /.test(lines[i])) {
      end = i
      break
    }
  }
  while (lines[end - 1].trim() === '') end--
  return { heading, count: end - heading }
}

describe('the docs check', () => {
  it('passes on the repository', () => {
    const run = docs('--check')
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
  })

  it('passes on an untouched copy, read with --root', () => {
    const run = docs('--check', '--root', copy())
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
  })

  it.each<[string, (dir: string) => void, RegExp]>([
    [
      'a quick start of 41 lines',
      (dir) =>
        edit(dir, 'README.md', (text) => {
          const { heading, count } = quickStartLines(text)
          const lines = text.split('\n')
          lines.splice(heading + 2, 0, ...Array.from({ length: 41 - count }, (_, i) => `one more line ${i}`))
          return lines.join('\n')
        }),
      /^README\.md:\d+ \(## Quick start\): the quick start is 41 lines long .*at most 40/m,
    ],
    [
      'a description of 121 characters',
      (dir) => {
        edit(dir, 'action.yml', (text) => text.replace(/^( {2}flake:\n {4}description: ).*$/m, `$1${'x'.repeat(121)}`))
        // The tables follow action.yml, so only the length is wrong.
        expect(docs('--root', dir).code).toBe(0)
      },
      /^action\.yml:\d+ \(inputs\.flake\): the description is 121 characters long; at most 120/m,
    ],
    [
      'a broken link',
      (dir) => edit(dir, 'README.md', (text) => text.replace('](docs/caching.md)', '](docs/no-such-page.md)')),
      /^README\.md:\d+ \(### [^)]+\): the link docs\/no-such-page\.md points at nothing/m,
    ],
    [
      'an input the action does not have',
      (dir) => edit(dir, 'README.md', (text) => text.replace(ACTION_STEP_TOOL, '$1tools: fd\n')),
      /^README\.md:\d+ \([^)]+\): the step that uses <owner>\/nix-container-action@v1 gives the input "tools", which action\.yml does not have/m,
    ],
    [
      'a yaml block that does not parse',
      (dir) => edit(dir, 'README.md', (text) => text.replace(ACTION_STEP_TOOL, '$1tool: [fd\n')),
      /^README\.md:\d+ \([^)]+\): the yaml block does not parse/m,
    ],
  ])('fails on %s, saying where', (_, breakIt, message) => {
    const dir = copy()
    breakIt(dir)
    const run = docs('--check', '--root', dir)
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(message)
    if (!/parse/.test(message.source)) expect(run.stderr).toMatch(/docs check: 1 problem\(s\)$/m)
  })
})
