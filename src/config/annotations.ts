// The annotations and labels inputs, as docker/metadata-action writes its outputs: one
// `[levels:]key=value` per line. Parsed before any work starts, so a bad line fails the run at once.
import { InputError } from './inputs.js'

export type AnnotationLevel = 'index' | 'manifest'

/** One line of the annotations input, as docker/metadata-action writes them: `[levels:]key=value`. */
export interface Annotation {
  levels: AnnotationLevel[]
  key: string
  value: string
}

const OCI = 'org.opencontainers.image'
const LEVELS: readonly AnnotationLevel[] = ['index', 'manifest']
// metadata-action also writes these levels; they describe descriptors inside an index or an OCI
// layout, which a registry push has no place for.
const UNSUPPORTED_LEVELS = ['manifest-descriptor', 'index-descriptor']
const KEY = /^[A-Za-z0-9][A-Za-z0-9._/-]*$/

/** `key=value` lines (blank lines and `#` comments skipped), the shape both inputs take. */
function keyValueLines(input: string, value: string): { key: string; value: string }[] {
  const out: { key: string; value: string }[] = []
  for (const raw of value.split(/\r?\n/)) {
    const line = raw.trim()
    if (!line || line.startsWith('#')) continue
    const eq = line.indexOf('=')
    if (eq <= 0) throw new InputError(input, `${JSON.stringify(line)} is not key=value: give one annotation or label per line, e.g. ${OCI}.title=fd.`)
    out.push({ key: line.slice(0, eq).trim(), value: line.slice(eq + 1).trim() })
  }
  return out
}

function checkKey(input: string, key: string): void {
  if (!KEY.test(key)) throw new InputError(input, `${JSON.stringify(key)} is not a valid key: use letters, digits, '.', '_', '/' and '-', e.g. ${OCI}.title.`)
}

/** The annotations input: metadata-action's `annotations` output as it is, or lines written by hand. */
export function parseAnnotations(value: string): Annotation[] {
  return keyValueLines('annotations', value).map(({ key: left, value }) => {
    const colon = left.indexOf(':')
    const prefix = colon >= 0 ? left.slice(0, colon) : undefined
    const key = left.slice(colon + 1)
    checkKey('annotations', key)
    // Without a level a line applies to the index and to every manifest.
    const levels = prefix === undefined ? [...LEVELS] : prefix.split(',').map((l) => l.trim())
    for (const level of levels) {
      if (LEVELS.includes(level as AnnotationLevel)) continue
      const why = UNSUPPORTED_LEVELS.includes(level) ? ' (descriptors are not pushed on their own)' : ''
      throw new InputError(
        'annotations',
        `level ${JSON.stringify(level)} of ${key} is not one of index, manifest${why}: write index:${key}=…, manifest:${key}=… or ${key}=… for both.`,
      )
    }
    return { levels: levels as AnnotationLevel[], key, value }
  })
}

/** The labels input: metadata-action's `labels` output, `key=value` per line. */
export function parseLabels(value: string): Record<string, string> {
  const labels: Record<string, string> = {}
  for (const { key, value: v } of keyValueLines('labels', value)) {
    checkKey('labels', key)
    labels[key] = v
  }
  return labels
}
