// What the main step tells the post step. The runner hands saved values back as STATE_<name>
// variables, and only as strings: flags are compared with === 'true' (the string 'false' is truthy).
// Nothing secret is saved here: the builder key stays in its 0600 file, and only its directory's
// path is remembered, so that the post step can remove it.
import * as core from '@actions/core'

const NAMES = {
  /** Set by the main step first thing, so the second run of dist/index.js knows it is the post step. */
  isPost: 'isPost',
  builderDir: 'builderDir',
} as const

export function markMainStarted(): void {
  core.saveState(NAMES.isPost, 'true')
}

export function isPost(): boolean {
  return core.getState(NAMES.isPost) === 'true'
}

export function saveBuilderDir(dir: string): void {
  core.saveState(NAMES.builderDir, dir)
}

export function savedBuilderDir(): string | undefined {
  return core.getState(NAMES.builderDir) || undefined
}
