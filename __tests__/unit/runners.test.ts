import { describe, expect, it } from '@jest/globals'
import { InputError } from '../../src/config/inputs.js'
import { parseRunners } from '../../src/config/runners.js'

describe("parseRunners (the reusable workflow's runners input)", () => {
  it.each<[string, string, ReturnType<typeof parseRunners>]>([
    ['empty', '', {}],
    ['an empty object', ' {} ', {}],
    ['one override', '{"aarch64-linux": "my-arm"}', { 'aarch64-linux': 'my-arm' }],
    ['any architecture spelling', '{"amd64": "big-x64", "linux/arm64": "big-arm"}', { 'x86_64-linux': 'big-x64', 'aarch64-linux': 'big-arm' }],
    ['a list of labels', '{"x86_64-linux": ["self-hosted", "linux", "x64"]}', { 'x86_64-linux': ['self-hosted', 'linux', 'x64'] }],
  ])('%s', (_, value, expected) => {
    expect(parseRunners(value)).toEqual(expected)
  })

  it.each<[string, string, RegExp]>([
    ['not JSON', '{aarch64-linux: my-arm}', /Input 'runners': .* is not JSON/],
    ['a list', '["ubuntu-24.04"]', /Input 'runners': must be a JSON object/],
    ['an unknown system', '{"riscv64-linux": "r"}', /Input 'runners': "riscv64-linux" is not a system; use x86_64-linux, .*linux\/arm64\.$/],
    ['native', '{"native": "r"}', /Input 'runners': "native" is not a system/],
    ['one system twice', '{"arm64": "a", "aarch64-linux": "b"}', /Input 'runners': "aarch64-linux" names aarch64-linux, which is already given/],
    ['an empty label', '{"arm64": ""}', /Input 'runners': the runner for aarch64-linux must be a label/],
    ['a label with a space', '{"arm64": "my arm"}', /must be a label/],
    ['an empty list', '{"arm64": []}', /must be a label or a non-empty list/],
    ['a number', '{"arm64": 4}', /must be a label/],
  ])('rejects %s', (_, value, message) => {
    expect(() => parseRunners(value)).toThrow(InputError)
    expect(() => parseRunners(value)).toThrow(message)
  })
})
