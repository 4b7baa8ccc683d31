// The runner's facts that inputs default from, read from GitHub's environment variables.
import { readFileSync } from 'node:fs'
import { detectHost } from './platform.js'
import type { RunnerContext } from './inputs.js'

function defaultBranchFromEvent(path: string | undefined): string | undefined {
  if (!path) return undefined
  try {
    const event = JSON.parse(readFileSync(path, 'utf8')) as { repository?: { default_branch?: string } }
    return event.repository?.default_branch
  } catch {
    return undefined
  }
}

export function runnerContext(env: NodeJS.ProcessEnv = process.env): RunnerContext {
  const repository = env.GITHUB_REPOSITORY ?? ''
  return {
    host: detectHost(),
    actor: env.GITHUB_ACTOR ?? '',
    repositoryOwner: env.GITHUB_REPOSITORY_OWNER ?? repository.split('/')[0] ?? '',
    ref: {
      eventName: env.GITHUB_EVENT_NAME ?? '',
      ref: env.GITHUB_REF ?? '',
      sha: env.GITHUB_SHA ?? '',
      defaultBranch: defaultBranchFromEvent(env.GITHUB_EVENT_PATH) ?? 'main',
    },
  }
}
