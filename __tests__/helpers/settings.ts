// parseSettings as the action calls it: the inputs a workflow gives (the others unset, as the runner
// passes them), on a runner whose facts each test changes only where they matter to it.
import { parseSettings } from '../../src/config/settings.js'
import type { InputName, RunnerContext } from '../../src/config/inputs.js'

export type { RunnerContext }
export type Inputs = Partial<Record<InputName, string>>

/** Octo-Cat pushes main of a repository of Octo-Org, on an x86_64-linux runner. */
export const PUSH_TO_MAIN: RunnerContext = {
  host: 'x86_64-linux',
  actor: 'Octo-Cat',
  repositoryOwner: 'Octo-Org',
  ref: { eventName: 'push', ref: 'refs/heads/main', sha: '0123456789abcdef0123456789abcdef01234567', defaultBranch: 'main' },
}

/** The same runner, on another event and ref. */
export function onEvent(eventName: string, ref: string, context: RunnerContext = PUSH_TO_MAIN): RunnerContext {
  return { ...context, ref: { ...context.ref, eventName, ref } }
}

export function settingsOf(inputs: Inputs, context: RunnerContext = PUSH_TO_MAIN) {
  return parseSettings((name) => inputs[name] ?? '', { ...context })
}
