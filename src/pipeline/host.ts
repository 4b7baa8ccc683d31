// The facts about this runner that the plan depends on, gathered once.
import { detectBuilders } from '../builders/remote.js'
import { dockerProblem } from '../image/docker.js'
import { canSetUp, registeredSystems } from '../nix/emulation.js'
import { type HostSystem, type HostFacts, type Builder } from '../model.js'
import { mergeBuilders } from '../config/machine-line.js'
import { findNix, nixVersion } from '../nix/nix.js'

/**
 * `given` are the builders from the action's inputs; they come before the ones this machine already
 * has (Nix's builders setting, /etc/nix/machines), so the plan names them when both build a system.
 */
export async function probeHost(system: HostSystem, given: Builder[] = []): Promise<HostFacts> {
  const [binfmt, canEmulate, problem, detected] = await Promise.all([
    registeredSystems(),
    canSetUp(),
    dockerProblem(),
    findNix().then((nix) => {
      // Started here, alongside the other probes; read when Nix is set up (its failure is reported there).
      if (nix) nixVersion(nix).catch(() => undefined)
      return detectBuilders(nix)
    }),
  ])
  return { system, binfmt, canEmulate, builders: mergeBuilders(given, detected), docker: !problem, dockerProblem: problem }
}
