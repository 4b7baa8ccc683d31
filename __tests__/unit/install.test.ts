import { describe, expect, it } from '@jest/globals'
import { installerConf } from '../../src/nix/install.js'

describe('installing Nix', () => {
  it('sets it up as the CI installers do: flakes on, the user trusted', () => {
    expect(installerConf('runner')).toBe('experimental-features = nix-command flakes\ntrusted-users = root runner\n')
  })
})
