// The CLI's command table: pure, table-tested.
import { describe, expect, it } from '@jest/globals'
import { COMMANDS, arity, commandsHelp, findCommand, usageOf, wrap } from '../../src/cli/commands.js'

describe('the seed recipe names', () => {
  it.each([
    ['container-all', 'all'],
    ['container-all-multiarch', 'multiarch'],
    ['build-container', 'build'],
    ['build-multiarch', 'build-multiarch'],
    ['load-container', 'load'],
    ['load-native', 'load-native'],
    ['test-container', 'test'],
    ['check-rosetta-cache', 'check-rosetta-cache'],
    ['cache-rosetta-builder', 'cache-rosetta-builder'],
  ])('%s is the command %s, with the seed’s arguments', (seed, name) => {
    expect(findCommand(seed)?.name).toBe(name)
    expect(findCommand(name)?.name).toBe(name)
  })

  it('no two commands answer to the same word', () => {
    const words = COMMANDS.flatMap((c) => (c.seed && c.seed !== c.name ? [c.name, c.seed] : [c.name]))
    expect(new Set(words).size).toBe(words.length)
    expect(findCommand('frobnicate')).toBeUndefined()
  })

  it.each([
    ['container-all', { min: 2, max: 3 }],
    ['container-all-multiarch', { min: 2, max: 2 }],
    ['build-container', { min: 1, max: 2 }],
    ['build-multiarch', { min: 1, max: 1 }],
    ['load-container', { min: 0, max: 1 }],
    ['load-native', { min: 0, max: 0 }],
    ['test-container', { min: 1, max: 2 }],
    ['check-rosetta-cache', { min: 0, max: 0 }],
    ['matrix', { min: 0, max: 0 }],
  ])('%s takes %o positional arguments', (word, expected) => {
    expect(arity(findCommand(word)!)).toEqual(expected)
  })

  it('usage errors name the word that was typed', () => {
    expect(usageOf(findCommand('container-all')!, 'container-all')).toBe('usage: nix-container-action container-all <container> <tool> [system]')
    expect(usageOf(findCommand('matrix')!)).toBe('usage: nix-container-action matrix [--architectures <list>] [--runners <json>] [--installables <lines>]')
    expect(usageOf(findCommand('cache-rosetta-builder')!)).toBe(
      'usage: nix-container-action cache-rosetta-builder (--cachix-name <name> | --binary-cache <url>) [--current-system <path>]',
    )
  })

  it('help: every command, the seed’s recipe beside it, no line over 100 characters', () => {
    const help = commandsHelp()
    for (const c of COMMANDS) expect(help).toMatch(new RegExp(`^  ${c.name}\\b`, 'm'))
    expect(help).toMatch(/^ {2}all <container> <tool> \[system\] +just container-all$/m)
    expect(help).toMatch(/^ {2}load \[system\] +just load-container$/m)
    expect(help).toMatch(/^ {2}manifest <container>$/m)
    for (const line of help.split('\n')) expect(line.length).toBeLessThanOrEqual(100)
  })

  it('wrap breaks between words only', () => {
    expect(wrap('aa bb cc dd', 5)).toEqual(['aa bb', 'cc dd'])
    expect(wrap('a verylongword b', 4)).toEqual(['a', 'verylongword', 'b'])
    expect(wrap('', 10)).toEqual([])
  })
})
