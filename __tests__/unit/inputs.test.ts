import { describe, expect, it } from '@jest/globals'
import { splitArgs } from '../../src/config/inputs.js'

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
