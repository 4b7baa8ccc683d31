// What the main step tells the post step. The runner hands saved values back as STATE_<name>
// variables, and only as strings: flags are compared with === 'true' (the string 'false' is truthy).
// Nothing secret is saved here: the builder key stays in its 0600 file, and only its directory's
// path is remembered, so that the post step can remove it.
//
// Values are read from the environment the way @actions/core's getState reads them, so that
// index.ts can tell the steps apart without loading @actions/core; saving goes through it.
import type * as Core from '@actions/core'

type SaveState = Pick<typeof Core, 'saveState'>

const NAMES = {
  /** Set by the main step first thing, so the second run of dist/index.js knows it is the post step. */
  isPost: 'isPost',
  builderDir: 'builderDir',
} as const

const saved = (name: string, env: NodeJS.ProcessEnv): string => env[`STATE_${name}`] ?? ''

export function markMainStarted(core: SaveState): void {
  core.saveState(NAMES.isPost, 'true')
}

export function isPost(env: NodeJS.ProcessEnv = process.env): boolean {
  return saved(NAMES.isPost, env) === 'true'
}

export function saveBuilderDir(core: SaveState, dir: string): void {
  core.saveState(NAMES.builderDir, dir)
}

export function savedBuilderDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return saved(NAMES.builderDir, env) || undefined
}
