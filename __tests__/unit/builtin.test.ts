import { describe, expect, it } from '@jest/globals'
import { ociIndex, ociManifest, withLabels } from '../../src/publish/builtin.js'

describe('what the builtin publisher writes', () => {
  const config = { mediaType: 'application/vnd.oci.image.config.v1+json', digest: 'sha256:c', size: 10 }
  it('annotations on the manifest and the index, none when there are none', () => {
    expect(JSON.parse(ociManifest(config, [], { a: 'b' }).toString())).toMatchObject({ annotations: { a: 'b' } })
    expect(JSON.parse(ociIndex([], { a: 'b' }).toString())).toMatchObject({ annotations: { a: 'b' } })
    expect(JSON.parse(ociIndex([], {}).toString())).not.toHaveProperty('annotations')
  })
  it('adds the labels to config.Labels, and keeps a config without labels byte for byte', () => {
    const built = Buffer.from('{"architecture":"amd64","config":{"Entrypoint":["/bin/fd"],"Labels":{"a":"1"}},"os":"linux"}')
    expect(withLabels(built, {})).toBe(built)
    expect(JSON.parse(withLabels(built, { b: '2' }).toString())).toEqual({
      architecture: 'amd64',
      config: { Entrypoint: ['/bin/fd'], Labels: { a: '1', b: '2' } },
      os: 'linux',
    })
    expect(JSON.parse(withLabels(Buffer.from('{"config":{"Labels":null}}'), { b: '2' }).toString())).toEqual({ config: { Labels: { b: '2' } } })
  })
})
