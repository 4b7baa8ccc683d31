// The runner's facts that inputs default from, read from GitHub's environment variables.
import { readFileSync } from 'node:fs'
import { detectHost } from '../config/platform.js'
import { InputError, type RunnerContext } from '../config/inputs.js'

function defaultBranchFromEvent(path: string | undefined): string | undefined {
  if (!path) return undefined
  try {
    const event = JSON.parse(readFileSync(path, 'utf8')) as { repository?: { default_branch?: string } }
    return event.repository?.default_branch
  } catch {
    return undefined
  }
}

/** True for a pull request whose head is in another repository (a fork): its code is not trusted to write caches. */
export function isForkPullRequest(path: string | undefined, eventName: string | undefined): boolean {
  if (!path || !eventName?.startsWith('pull_request')) return false
  try {
    const event = JSON.parse(readFileSync(path, 'utf8')) as {
      pull_request?: { head?: { repo?: { full_name?: string } | null } }
      repository?: { full_name?: string }
    }
    const head = event.pull_request?.head?.repo?.full_name
    // A deleted fork has no head repository: still not this repository.
    return head !== event.repository?.full_name
  } catch {
    return false
  }
}

/** An action input as the runner passes it (INPUT_<NAME>), trimmed, as @actions/core's getInput reads it. */
export function actionInput(name: string, env: NodeJS.ProcessEnv = process.env): string {
  return (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim()
}

export function runnerContext(env: NodeJS.ProcessEnv = process.env): RunnerContext {
  const repository = env.GITHUB_REPOSITORY ?? ''
  return {
    host: detectHost(),
    actor: env.GITHUB_ACTOR ?? '',
    repository,
    repositoryOwner: env.GITHUB_REPOSITORY_OWNER ?? repository.split('/')[0] ?? '',
    forkPullRequest: isForkPullRequest(env.GITHUB_EVENT_PATH, env.GITHUB_EVENT_NAME),
    serverUrl: env.GITHUB_SERVER_URL,
    apiUrl: env.GITHUB_API_URL,
    ref: {
      eventName: env.GITHUB_EVENT_NAME ?? '',
      ref: env.GITHUB_REF ?? '',
      sha: env.GITHUB_SHA ?? '',
      defaultBranch: defaultBranchFromEvent(env.GITHUB_EVENT_PATH) ?? 'main',
    },
  }
}

/** Inputs that had another name before v1, by their old name: a workflow still using one is told. */
export const RENAMED_INPUTS: Readonly<Record<string, string>> = { token: 'password', manifest: 'manifest-app' }

/** Fails on an old input name, which the runner would only warn about (the value would be lost). */
export function checkRenamedInputs(env: NodeJS.ProcessEnv = process.env): void {
  for (const [old, now] of Object.entries(RENAMED_INPUTS)) {
    if (actionInput(old, env)) throw new InputError(old, `is now named ${now}: rename it in the workflow's with: (same value).`)
  }
}
