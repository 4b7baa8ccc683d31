// The reusable workflow's runners input: which runner label builds which system.
import { ARCHITECTURE_FORMS, parseSystem } from './platform.js'
import { type LinuxSystem } from '../model.js'
import { InputError } from './inputs.js'

/** A runner label: printable ASCII without spaces. */
const RUNNER_LABEL = /^[\x21-\x7e]{1,100}$/

/**
 * The reusable workflow's runners input: JSON mapping systems (any spelling architectures accepts,
 * but not native) to a runner label or a list of labels, e.g. {"aarch64-linux": "my-arm-runner"}.
 */
export function parseRunners(value: string): Partial<Record<LinuxSystem, string | string[]>> {
  const text = value.trim()
  if (!text) return {}
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    throw new InputError(
      'runners',
      `${JSON.stringify(text)} is not JSON: give an object from system to runner label, e.g. {"aarch64-linux": "ubuntu-24.04-arm"}.`,
    )
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new InputError('runners', `must be a JSON object from system to runner label, e.g. {"aarch64-linux": "ubuntu-24.04-arm"}.`)
  }
  const runners: Partial<Record<LinuxSystem, string | string[]>> = {}
  for (const [key, label] of Object.entries(parsed)) {
    const system = key.trim().toLowerCase() === 'native' ? undefined : parseSystem(key, 'x86_64-linux')
    if (!system) throw new InputError('runners', `${JSON.stringify(key)} is not a system; use ${ARCHITECTURE_FORMS.replace(' or native', '')}.`)
    if (system in runners) throw new InputError('runners', `${JSON.stringify(key)} names ${system}, which is already given.`)
    const labels = Array.isArray(label) ? label : [label]
    if (labels.length === 0 || !labels.every((l) => typeof l === 'string' && RUNNER_LABEL.test(l))) {
      throw new InputError(
        'runners',
        `the runner for ${system} must be a label or a non-empty list of labels (printable ASCII without spaces, at most 100 characters), not ${JSON.stringify(label)}.`,
      )
    }
    runners[system] = Array.isArray(label) ? labels : (label as string)
  }
  return runners
}
