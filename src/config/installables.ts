// The installables input: which flake installable gives the image of a container for a system, when
// it is not packages.<system>.<container> (a flake that cross-compiles every image on one system
// names them as it likes, e.g. packages.x86_64-linux.fdContainer-aarch64). Pure.
import type { HostSystem, LinuxSystem } from '../model.js'
import { FLAKE, InputError } from './inputs.js'
import { parseSystem } from './platform.js'

const FORMS =
  'write one SYSTEM=INSTALLABLE per line, or CONTAINER/SYSTEM=INSTALLABLE when there are several containers, e.g. aarch64-linux=.#packages.x86_64-linux.fdContainer-aarch64'

// An attribute path as Nix parses one: names joined by dots, a name with dots in "quotes". No
// outputs (^out) and nothing a shell or a Nix string would treat specially.
const ATTR_PATH = /^(?:[A-Za-z0-9_'+-]+|"[A-Za-z0-9_'+.-]+")(?:\.(?:[A-Za-z0-9_'+-]+|"[A-Za-z0-9_'+.-]+"))*$/

/** A container's installables by system, as the input gives them (the other systems use the default). */
export type InstallableMap = Map<string, Partial<Record<LinuxSystem, string>>>

/**
 * `.#attr` and `#attr` are attributes of the flake input, joined to it as the default installables
 * are; anything else must be a whole installable, `<flake reference>#<attribute path>`.
 */
function resolve(text: string, flake: string, where: string): string {
  const hash = text.indexOf('#')
  const ref = hash < 0 ? text : text.slice(0, hash)
  const attr = hash < 0 ? '' : text.slice(hash + 1)
  // A leading dot makes the path absolute for Nix (no packages.<system> prefix is tried).
  const path = attr.startsWith('.') ? attr.slice(1) : attr
  if (hash < 0 || !ATTR_PATH.test(path) || (ref !== '' && ref !== '.' && !FLAKE.test(ref))) {
    throw new InputError(
      'installables',
      `${where}: ${JSON.stringify(text)} is not a flake installable: use .#<attribute path> (an attribute of the flake input) or <flake reference>#<attribute path>, e.g. .#packages.x86_64-linux.fdContainer-aarch64.`,
    )
  }
  return ref === '' || ref === '.' ? `${flake}#${attr}` : text
}

/**
 * The installables input, one `SYSTEM=INSTALLABLE` or `CONTAINER/SYSTEM=INSTALLABLE` per line,
 * checked against the containers and systems the run builds. SYSTEM takes every spelling the
 * architectures input takes; `linux/arm64` is a system, not a container.
 */
export function parseInstallables(
  value: string,
  containers: readonly string[],
  systems: readonly LinuxSystem[],
  flake: string,
  host: HostSystem,
): InstallableMap {
  const map: InstallableMap = new Map(containers.map((c) => [c, {}]))
  const lines = value.split('\n').map((l, i) => ({ line: l.trim(), where: `line ${i + 1}` }))
  for (const { line, where } of lines.filter((l) => l.line !== '')) {
    const eq = line.indexOf('=')
    if (eq < 0) throw new InputError('installables', `${where} ${JSON.stringify(line)} has no '=': ${FORMS}.`)
    const key = line.slice(0, eq).trim()
    const quoted = `${where} ${JSON.stringify(line)}`
    let container: string | undefined
    let system = parseSystem(key, host)
    if (!system && key.includes('/')) {
      container = key.slice(0, key.indexOf('/'))
      system = parseSystem(key.slice(key.indexOf('/') + 1), host)
    }
    if (!system) {
      const named = container === undefined ? key : key.slice(container.length + 1)
      throw new InputError('installables', `${quoted}: ${JSON.stringify(named)} is not a system (use x86_64-linux or aarch64-linux); ${FORMS}.`)
    }
    if (container === undefined) {
      if (containers.length > 1) {
        throw new InputError('installables', `${quoted} names no container, and there are ${containers.length} (${containers.join(', ')}); ${FORMS}.`)
      }
      container = containers[0]
    }
    const mine = map.get(container)
    if (!mine) throw new InputError('installables', `${quoted}: ${container} is not one of the containers (input container: ${containers.join(', ')}).`)
    if (!systems.includes(system)) {
      throw new InputError('installables', `${quoted}: ${system} is not built (input architectures: ${systems.join(', ')}).`)
    }
    if (mine[system]) throw new InputError('installables', `${quoted}: ${container} ${system} is already given (${mine[system]}).`)
    mine[system] = resolve(line.slice(eq + 1).trim(), flake, quoted)
  }
  return map
}
