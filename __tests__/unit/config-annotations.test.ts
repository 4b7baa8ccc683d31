// The annotations and labels inputs as metadata-action writes them.
import { describe, expect, it } from '@jest/globals'
import { parseAnnotations, parseLabels } from '../../src/config/annotations.js'

describe('the annotations input', () => {
  it.each<[string, ReturnType<typeof parseAnnotations>]>([
    ['org.opencontainers.image.title=fd', [{ levels: ['index', 'manifest'], key: 'org.opencontainers.image.title', value: 'fd' }]],
    ['manifest:org.opencontainers.image.vendor=Acme Inc.', [{ levels: ['manifest'], key: 'org.opencontainers.image.vendor', value: 'Acme Inc.' }]],
    ['index:a.b=c=d', [{ levels: ['index'], key: 'a.b', value: 'c=d' }]],
    [
      'manifest,index:x=1\n\n# a comment\nindex:y=',
      [
        { levels: ['manifest', 'index'], key: 'x', value: '1' },
        { levels: ['index'], key: 'y', value: '' },
      ],
    ],
    ['', []],
  ])('%j', (input, expected) => expect(parseAnnotations(input)).toEqual(expected))

  it.each<[string, RegExp]>([
    ['just-a-key', /Input 'annotations': "just-a-key" is not key=value/],
    [
      'manifest-descriptor:x=1',
      /Input 'annotations': level "manifest-descriptor" of x is not one of index, manifest \(descriptors are not pushed on their own\)/,
    ],
    ['layer:x=1', /level "layer" of x is not one of index, manifest: write index:x=…/],
    ['index:=1', /"" is not a valid key/],
    ['in dex:x y=1', /"x y" is not a valid key/],
  ])('refuses %j', (input, message) => expect(() => parseAnnotations(input)).toThrow(message))

  it("takes metadata-action's annotations output as it is", () => {
    const output = [
      'manifest:org.opencontainers.image.created=2026-12-01T10:00:00.000Z',
      'manifest:org.opencontainers.image.description=A fast find',
      'manifest:org.opencontainers.image.licenses=MIT',
      'manifest:org.opencontainers.image.revision=0123456789abcdef0123456789abcdef01234567',
      'manifest:org.opencontainers.image.source=https://github.com/acme/fd',
    ].join('\n')
    expect(parseAnnotations(output).map((a) => a.levels.join())).toEqual(Array(5).fill('manifest'))
  })
})

describe('the labels input', () => {
  it("reads metadata-action's labels output", () => {
    expect(parseLabels('org.opencontainers.image.title=fd\norg.opencontainers.image.version=1.2.3')).toEqual({
      'org.opencontainers.image.title': 'fd',
      'org.opencontainers.image.version': '1.2.3',
    })
  })
  it('refuses a line without =', () => expect(() => parseLabels('title')).toThrow(/Input 'labels': "title" is not key=value/))
})
