// Which login the action pushes and reads back with: the inputs' when they name one, else the one
// the runner already has for that registry (docker/login-action, `docker login`, a credential helper,
// `podman login`). The workflow token, password's default, is a login only on ghcr.io.
import type { Ui } from '../model.js'
import type { Settings } from '../config/settings.js'
import { registerSecret } from '../exec.js'
import { type StoredLogin as Login, authFiles, storedLogin } from '../registry/credentials.js'
import { FROM_INPUTS, PublishError } from './publish.js'

/** Whether the password input is a login for this registry, not just the workflow token it defaults to. */
export function inputsLogin(settings: Pick<Settings, 'registry' | 'password' | 'githubToken'>): boolean {
  return !!settings.password && (settings.registry === 'ghcr.io' || settings.password !== settings.githubToken)
}

/** A stored login for a registry, its secret masked before anything can print it. */
export async function storedLoginFor(registry: string, ui: Pick<Ui, 'mask'>): Promise<Login | undefined> {
  const login = await storedLogin(registry)
  if (login) {
    registerSecret(login.password)
    ui.mask?.(login.password)
  }
  return login
}

/**
 * The login for the registry input, found before anything is built: a push that cannot log in
 * fails now, naming where it looked, not after the build and the tests.
 */
export async function registryLogin(settings: Settings, ui: Pick<Ui, 'info' | 'mask'>): Promise<Login> {
  if (inputsLogin(settings)) return { username: settings.username, password: settings.password, from: FROM_INPUTS }
  const stored = await storedLoginFor(settings.registry, ui)
  if (stored) {
    ui.info(`${settings.registry}: logging in as ${stored.username}, the login found in ${stored.from}.`)
    return stored
  }
  if (settings.password) return { username: settings.username, password: settings.password, from: 'input password (the workflow token)' }
  throw new PublishError(
    `Input 'password' is empty and this runner has no login for ${settings.registry} (looked in ${authFiles()
      .map((f) => f.path)
      .join(', ')}): pass username and password, or log in first (docker/login-action, docker login, podman login). Nothing was built or pushed.`,
  )
}
