// QEMU user emulation through the kernel's binfmt_misc: lets an x86_64 runner build and run
// aarch64 images (and the reverse), many times slower than a native runner.
import { access, readFile, readdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { which } from '../exec.js'
import { canBeRoot, isRoot, runAsRoot } from '../root.js'
import type { LinuxSystem } from '../model.js'
const BINFMT = '/proc/sys/fs/binfmt_misc'

interface Handler {
  qemu: string
  magic: string
  mask: string
}

// ELF header patterns from QEMU's qemu-binfmt-conf.sh, written with the \x escapes the kernel parses.
const HANDLERS: Record<LinuxSystem, Handler> = {
  'aarch64-linux': {
    qemu: 'qemu-aarch64',
    magic: '\\x7fELF\\x02\\x01\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x02\\x00\\xb7\\x00',
    mask: '\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\x00\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xfe\\xff\\xff\\xff',
  },
  'x86_64-linux': {
    qemu: 'qemu-x86_64',
    magic: '\\x7fELF\\x02\\x01\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x02\\x00\\x3e\\x00',
    mask: '\\xff\\xff\\xff\\xff\\xff\\xfe\\xfe\\x00\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xfe\\xff\\xff\\xff',
  },
}

/**
 * The binfmt registration line. F (fix-binary) makes the kernel open the interpreter now, so it
 * also works inside Nix's build sandbox and in containers, where its path does not exist.
 */
export function registerLine(system: LinuxSystem, interpreter: string): string {
  const h = HANDLERS[system]
  return `:${h.qemu}:M::${h.magic}:${h.mask}:${interpreter}:F`
}

/** Foreign systems whose QEMU handler is registered and enabled. */
export async function registeredSystems(dir = BINFMT): Promise<LinuxSystem[]> {
  let names: string[]
  try {
    names = await readdir(dir)
  } catch {
    return []
  }
  const found: LinuxSystem[] = []
  for (const [system, h] of Object.entries(HANDLERS) as [LinuxSystem, Handler][]) {
    for (const name of names.filter((n) => n.startsWith(h.qemu))) {
      const text = await readFile(join(dir, name), 'utf8').catch(() => '')
      if (/^enabled$/m.test(text)) {
        found.push(system)
        break
      }
    }
  }
  return found
}

export async function qemuInterpreter(system: LinuxSystem): Promise<string | undefined> {
  const name = `${HANDLERS[system].qemu}-static`
  return (await which(name)) ?? (await which(name, '/usr/bin:/usr/local/bin'))
}

export async function canSetUp(): Promise<boolean> {
  return process.platform === 'linux' && (await canBeRoot())
}

/** Registers QEMU handlers for the given systems, installing qemu-user-static when it is missing. */
export async function setUpEmulation(systems: LinuxSystem[], log: (msg: string) => void, dir = BINFMT): Promise<void> {
  const missing = await registeredSystems(dir).then((r) => systems.filter((s) => !r.includes(s)))
  if (missing.length === 0) {
    log(`QEMU handlers already registered for ${systems.join(', ')}`)
    return
  }
  try {
    await access(join(dir, 'register'))
  } catch {
    await runAsRoot('mount', ['-t', 'binfmt_misc', 'binfmt_misc', dir])
  }
  for (const system of missing) {
    let interpreter = await qemuInterpreter(system)
    if (!interpreter && (await which('apt-get'))) {
      log('qemu-user-static is missing: installing it with apt-get')
      await runAsRoot('apt-get', ['install', '-y', '--no-install-recommends', 'qemu-user-static'])
      interpreter = await qemuInterpreter(system)
    }
    if (!interpreter) {
      throw new Error(
        `QEMU for ${system} (${HANDLERS[system].qemu}-static) is not installed and could not be installed: install qemu-user-static, or set emulate: false and build ${system} on a native runner.`,
      )
    }
    // Installing the package may have registered the handler already.
    if ((await registeredSystems(dir)).includes(system)) continue
    const line = registerLine(system, interpreter)
    if (isRoot()) await writeFile(join(dir, 'register'), line)
    else await runAsRoot('tee', [join(dir, 'register')], { input: line })
    log(`registered ${interpreter} for ${system} (binfmt_misc, fix-binary)`)
  }
  const still = (await registeredSystems(dir)).filter((s) => systems.includes(s))
  if (still.length !== systems.length) {
    throw new Error(
      `QEMU handlers could not be registered for ${systems.filter((s) => !still.includes(s)).join(', ')}: check that binfmt_misc is available on this runner.`,
    )
  }
}
