import { describe, expect, it } from '@jest/globals'
import { imageLocation, storePathOf } from '../../src/cli/rosetta.js'

describe("nix-rosetta-builder's Lima config (rosetta-builder.yaml)", () => {
  const image = '/nix/store/0123456789abcdfghijklmnpqrsvwxyz-nixos-rosetta-builder'
  it.each([
    ['as pkgs.formats.yaml writes it', `containerd:\n  user: false\ncpus: 8\ndisk: 100GiB\nimages:\n- location: ${image}/nixos.qcow2\nmemory: 6GiB\n`],
    ['indented and quoted', `images:\n  - location: "${image}/nixos.qcow2"\nmounts:\n  - location: /var/lib/rosetta-builder/linux-sshd-keys\n`],
    ['more keys in the entry', `images:\n- arch: aarch64\n  location: '${image}/nixos.qcow2'\n`],
  ])('the image location, %s', (_, yaml) => {
    expect(imageLocation(yaml)).toBe(`${image}/nixos.qcow2`)
    expect(storePathOf(imageLocation(yaml)!, '/nix/store')).toBe(image)
  })

  it('no images list, or a location only under another key: none', () => {
    expect(imageLocation('cpus: 8\nmounts:\n- location: /var/lib/x\n')).toBeUndefined()
    expect(imageLocation('images:\nmounts:\n- location: /var/lib/x\n')).toBeUndefined()
  })

  it('a location outside the store directory is no store path', () => {
    expect(storePathOf('/var/lib/rosetta-builder/nixos.qcow2', '/nix/store')).toBeUndefined()
    expect(storePathOf(`${image}`, '/nix/store')).toBe(image)
    expect(storePathOf('/tmp/store/abc-image/nixos.qcow2', '/tmp/store')).toBe('/tmp/store/abc-image')
  })
})
