// config/inputs.ts: the input names and defaults, kept by hand beside action.yml, which is what the
// runner reads. A difference would pass every other test: the runner would fill in action.yml's
// default while the CLI and these tests used the code's. So action.yml itself is read here.
import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'
import { DEFAULTS, INPUT_NAMES, type InputName, splitArgs } from '../../src/config/inputs.js'
import { parseSettings } from '../../src/config/settings.js'
import { REPO_DIR } from '../helpers/fixture.js'
import { type Inputs, PUSH_TO_MAIN, settingsOf } from '../helpers/settings.js'

interface ActionInput {
  default?: string
  required?: boolean
}
const action = parse(readFileSync(join(REPO_DIR, 'action.yml'), 'utf8')) as { inputs: Record<string, ActionInput> }
const declared = Object.keys(action.inputs)
// The runner evaluates a ${{ }} default (github.token) before the action starts: the code cannot
// hold it, and must not hold another.
const isExpression = (value: string) => /^\$\{\{.*\}\}$/.test(value.trim())
const literalDefaults = Object.fromEntries(
  Object.entries(action.inputs).flatMap(([name, input]) => (input.default === undefined || isExpression(input.default) ? [] : [[name, String(input.default)]])),
) as Inputs
// Enough for parseSettings to succeed on a push; neither input has a default of its own.
const minimal: Inputs = { container: 'fdContainer', password: 'token' }

describe('action.yml and config/inputs.ts agree', () => {
  it('on the names of the inputs', () => {
    const code = new Set<string>(INPUT_NAMES)
    const onlyInActionYml = declared.filter((name) => !code.has(name)).map((name) => `${name}: in action.yml, missing from INPUT_NAMES`)
    const onlyInCode = INPUT_NAMES.filter((name) => !(name in action.inputs)).map((name) => `${name}: in INPUT_NAMES, missing from action.yml`)
    expect([...onlyInActionYml, ...onlyInCode]).toEqual([])
  })

  it('on every default: the same text, or none in the code where action.yml has none or an expression', () => {
    const mismatches = declared.flatMap((name) => {
      const yml = action.inputs[name].default
      const code = DEFAULTS[name as InputName]
      const expected = yml === undefined || isExpression(String(yml)) ? undefined : String(yml)
      return code === expected ? [] : [`${name}: action.yml default ${JSON.stringify(yml)}, DEFAULTS in src/config/inputs.ts ${JSON.stringify(code)}`]
    })
    const extra = Object.keys(DEFAULTS)
      .filter((name) => !(name in action.inputs))
      .map((name) => `${name}: has a default in DEFAULTS but is no input of action.yml`)
    expect([...mismatches, ...extra]).toEqual([])
  })

  it('in what parseSettings reads: every input of action.yml, and nothing else', () => {
    const read = new Set<string>()
    parseSettings((name) => {
      read.add(name)
      return minimal[name] ?? ''
    }, PUSH_TO_MAIN)
    const unread = declared.filter((name) => !read.has(name)).map((name) => `${name}: in action.yml, never read by parseSettings`)
    const undeclared = [...read].filter((name) => !(name in action.inputs)).map((name) => `${name}: read by parseSettings, not in action.yml`)
    expect([...unread, ...undeclared]).toEqual([])
  })

  it("in effect: an input left unset behaves as action.yml's default given explicitly", () => {
    expect(settingsOf(minimal)).toEqual(settingsOf({ ...literalDefaults, ...minimal }))
  })

  it.each(declared.filter((name) => action.inputs[name].required === true))('on required inputs: %s fails when it is empty', (name) => {
    expect(() => settingsOf({ ...minimal, [name]: '' })).toThrow(new RegExp(`^Input '${name}': is required`))
  })
})

describe('splitArgs', () => {
  it.each([
    ['--help', ['--help']],
    ['--version -v', ['--version', '-v']],
    [`"a b" 'c d' e`, ['a b', 'c d', 'e']],
    ['$(id) ; rm -rf / `x`', ['$(id)', ';', 'rm', '-rf', '/', '`x`']],
    ['', []],
  ])('test-args %j → %j, never expanded', (value, args) => {
    expect(splitArgs(value)).toEqual(args)
  })
})
