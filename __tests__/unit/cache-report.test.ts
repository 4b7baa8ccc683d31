import { describe, expect, it } from '@jest/globals'
import { imageSource } from '../../src/cache/report.js'

describe('imageSource: where an image came from, from what Nix reported', () => {
  const image = { storePath: '/nix/store/ooo-greet.tar', drvPath: '/nix/store/ddd-greet.tar.drv' }
  const did = (built: string[], fetched: string[]) => ({ built, fetched, warnings: [] })
  it.each<[string, ReturnType<typeof did> | undefined, string[], string | undefined]>([
    ['built', did([image.drvPath], []), [], 'built'],
    ['substituted', did([], [image.storePath]), [], 'substituted'],
    ['imported from the Actions cache', did([], []), [image.storePath], 'restored'],
    ['already there', did([], []), [], 'in store'],
    ['unknown without a build log', undefined, [], undefined],
  ])('%s', (_, activity, restored, source) => {
    expect(imageSource(image, activity, restored)).toBe(source)
  })
})
