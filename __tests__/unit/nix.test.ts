import { describe, expect, it } from '@jest/globals'
import { configShowCommand, parseNixVersion } from '../../src/nix/nix.js'

describe('Nix versions', () => {
  it.each<[string, string]>([
    ['nix (Nix) 2.26.3\n', '2.26.3'],
    ['nix (Nix) 2.8.0', '2.8.0'],
    ['nix (Determinate Nix 3.6.2) 2.29.0', '2.29.0'],
    ['nix (Nix) 2.31.0pre20250712_dirty', '2.31.0pre20250712_dirty'],
  ])('%j → %s', (output, version) => expect(parseNixVersion(output)).toBe(version))

  it.each<[string, string[]]>([
    ['2.8.0', ['show-config']],
    ['2.19.3', ['show-config']],
    ['2.20.0', ['config', 'show']],
    ['2.26.3', ['config', 'show']],
    ['3.0.0', ['config', 'show']],
  ])('%s reads its settings with nix %j', (version, command) => expect(configShowCommand(version)).toEqual(command))
})
