import { describe, expect, it } from '@jest/globals'
import { CACHIX_INSTALLABLE } from '../../src/cache/session.js'

describe('cachix', () => {
  it('the pinned cachix is a full nixpkgs revision with its hash', () => {
    expect(CACHIX_INSTALLABLE).toMatch(/^github:NixOS\/nixpkgs\/[0-9a-f]{40}\?narHash=sha256-[A-Za-z0-9+/]{43}=#cachix$/)
  })
})
