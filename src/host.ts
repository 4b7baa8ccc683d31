// The facts about this runner that the plan depends on, gathered once.
import { dockerAvailable } from './docker.js'
import { canSetUp, registeredSystems } from './emulation.js'
import type { HostSystem } from './platform.js'
import type { HostFacts } from './plan.js'

export async function probeHost(system: HostSystem): Promise<HostFacts> {
  const [binfmt, canEmulate, docker] = await Promise.all([registeredSystems(), canSetUp(), dockerAvailable()])
  return { system, binfmt, canEmulate, builders: [], docker }
}
