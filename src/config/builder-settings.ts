// The remote builder inputs, read and checked (src/builders/ does the work): machine lines, the
// private key that opens them and the host key that proves them.
import { InputError, type ReadInput } from './inputs.js'
import type { MachineLine } from '../model.js'
import { KeyError, parseHostKey, parsePrivateKey } from './ssh-keys.js'
import { MACHINE_LINE_FORM, MachineLineError, parseMachineLine, splitMachines } from './machine-line.js'

export interface BuilderSettings {
  builders: MachineLine[]
  builderSshKey: string
  builderHostKey?: string
}

export function parseBuilderSettings(read: ReadInput): BuilderSettings {
  const builders = parseBuilders(read('builders'))
  return { builders, builderSshKey: parseBuilderSshKey(read('builder-ssh-key'), builders), builderHostKey: parseBuilderHostKey(read('builder-host-key')) }
}

function parseBuilders(value: string): MachineLine[] {
  const lines = splitMachines(value)
  if (lines.files.length > 0) {
    throw new InputError(
      'builders',
      `@${lines.files[0]} names a machines file; give the machine lines themselves (builders in /etc/nix/machines are found without this input).`,
    )
  }
  const seen = new Set<string>()
  return lines.lines.map((text, i) => {
    let line: MachineLine
    try {
      line = parseMachineLine(text, true)
    } catch (e) {
      if (!(e instanceof MachineLineError)) throw e
      throw new InputError('builders', `line ${i + 1} (${text.split(/\s+/)[0]}) ${e.message}. A line is: ${MACHINE_LINE_FORM}.`)
    }
    if (seen.has(line.uri)) throw new InputError('builders', `${line.uri} is listed twice.`)
    seen.add(line.uri)
    return line
  })
}

function parseBuilderSshKey(value: string, builders: MachineLine[]): string {
  if (!value.trim()) return ''
  if (builders.length === 0)
    throw new InputError('builder-ssh-key', 'is set but builders is empty: list the machines it opens in builders, e.g. ssh-ng://builder@host aarch64-linux.')
  try {
    return parsePrivateKey(value)
  } catch (e) {
    if (e instanceof KeyError) throw new InputError('builder-ssh-key', `${e.message}.`)
    throw e
  }
}

function parseBuilderHostKey(value: string): string | undefined {
  if (!value.trim()) return undefined
  const key = parseHostKey(value)
  if (!key) {
    throw new InputError(
      'builder-host-key',
      "is not an SSH public host key: give the builder's key line (ssh-ed25519 AAAA…, from its /etc/ssh/ssh_host_ed25519_key.pub or ssh-keyscan), or that line in base64 as /etc/nix/machines has it.",
    )
  }
  return key
}
