// Nix systems, OCI platforms and the host: their names and how inputs spell them.
import type { HostSystem, LinuxSystem } from '../model.js'

export const LINUX_SYSTEMS: readonly LinuxSystem[] = ['x86_64-linux', 'aarch64-linux']

const OCI_ARCH: Record<LinuxSystem, string> = {
  'x86_64-linux': 'amd64',
  'aarch64-linux': 'arm64',
}

/** Every spelling a user may write for a Linux system, lowercased. */
const ALIASES: Record<string, LinuxSystem> = {
  'x86_64-linux': 'x86_64-linux',
  x86_64: 'x86_64-linux',
  amd64: 'x86_64-linux',
  'linux/amd64': 'x86_64-linux',
  'aarch64-linux': 'aarch64-linux',
  aarch64: 'aarch64-linux',
  arm64: 'aarch64-linux',
  'linux/arm64': 'aarch64-linux',
  'linux/arm64/v8': 'aarch64-linux',
}

export const ARCHITECTURE_FORMS = `x86_64-linux, aarch64-linux, amd64, arm64, x86_64, aarch64, linux/amd64, linux/arm64 or native`

export function ociArch(system: LinuxSystem): string {
  return OCI_ARCH[system]
}

export function ociPlatform(system: LinuxSystem): string {
  return `linux/${OCI_ARCH[system]}`
}

/** One architecture as written by a user, or undefined when it is not one we build. */
export function parseSystem(value: string, host: HostSystem): LinuxSystem | undefined {
  const v = value.trim().toLowerCase()
  if (v === 'native') return nativeLinuxSystem(host)
  return ALIASES[v]
}

/** The seed's auto-detection: the Linux system of the same CPU as the host. */
export function nativeLinuxSystem(host: HostSystem): LinuxSystem {
  return host.startsWith('aarch64-') ? 'aarch64-linux' : 'x86_64-linux'
}

export function isLinux(host: HostSystem): boolean {
  return host.endsWith('-linux')
}

/** The Nix system of the machine this process runs on. */
export function detectHost(platform: string = process.platform, arch: string = process.arch): HostSystem {
  const cpu = arch === 'arm64' ? 'aarch64' : arch === 'x64' ? 'x86_64' : undefined
  const os = platform === 'linux' ? 'linux' : platform === 'darwin' ? 'darwin' : undefined
  if (!cpu || !os) {
    throw new Error(`This runner (${platform}/${arch}) is not supported: the action runs on Linux or macOS, on x64 or arm64.`)
  }
  return `${cpu}-${os}` as HostSystem
}
