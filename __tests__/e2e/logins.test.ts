// The runner's existing logins, as docker/login-action and credential helpers leave them: the action
// pushes with them when the inputs name no login, and says where it found one, never what it is.
import { beforeAll, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { runAction } from '../helpers/action.js'
import { fixtureOnStack } from '../helpers/fixture.js'
import { type RegistryLogin, registryTags, stackRegistry } from '../helpers/registry.js'
import { tempDir } from '../helpers/tmp.js'
import { standInCredentialHelper } from '../helpers/credential-helper.js'

let flake: string
let main: RegistryLogin
const unique = `${process.pid}-${Date.now().toString(36)}`

beforeAll(async () => {
  let env: Record<string, string>
  ;({ env, flake } = await fixtureOnStack())
  main = stackRegistry(false, env)
})

/** A Docker config folder with the login the real docker CLI writes, as docker/login-action runs it. */
function dockerLogin(): string {
  const config = tempDir('docker-config')
  execFileSync('docker', ['--config', config, 'login', '--username', main.user, '--password-stdin', main.registry], {
    input: main.password,
    stdio: ['pipe', 'ignore', 'pipe'],
  })
  return config
}

/** A builtin push of one system's image with no username or password input. */
function pushWithoutInputs(repository: string, env: Record<string, string>) {
  return runAction({
    cwd: flake,
    inputs: { container: 'greetStoreContainer', architectures: 'x86_64-linux', publisher: 'builtin', registry: main.registry, repository },
    env: { GITHUB_EVENT_NAME: 'push', GITHUB_REF: 'refs/heads/main', ...env },
  })
}

describe('logins the runner already has', () => {
  it('pushes with the login `docker login` wrote to config.json, and says where it found it', async () => {
    const config = dockerLogin()
    const repository = `acme/login-docker-${unique}`
    const run = await pushWithoutInputs(repository, { DOCKER_CONFIG: config })
    expect(run.errors).toEqual([])
    expect(run.log).toContain(`${main.registry}: logging in as ${main.user}, the login found in ${join(config, 'config.json')}.`)
    expect(await registryTags(repository)).toEqual(['latest', 'main'])
    expect(run.log).toContain(`::add-mask::${main.password}`)
    expect(run.visibleLog).not.toContain(main.password)
  })

  // With a STAND-IN for a cloud's credential helper (helpers/credential-helper.ts).
  it("pushes with a credential helper's answer (credsStore; a stand-in helper, as ECR's and GCR's need their clouds)", async () => {
    const config = tempDir('docker-helper')
    const bin = standInCredentialHelper(config, { server: main.registry, username: main.user, secret: main.password })
    writeFileSync(join(config, 'config.json'), JSON.stringify({ credsStore: 'standin' }))
    const repository = `acme/login-helper-${unique}`
    const run = await pushWithoutInputs(repository, { DOCKER_CONFIG: config, PATH: `${bin}:${process.env.PATH}` })
    expect(run.errors).toEqual([])
    expect(run.log).toContain(`the login found in ${join(config, 'config.json')} (credential helper docker-credential-standin).`)
    expect(await registryTags(repository)).toEqual(['latest', 'main'])
    expect(run.visibleLog).not.toContain(main.password)
  })

  it("flocken's push gets the login `docker login` wrote as $GITHUB_ACTOR/$GITHUB_TOKEN, and the read-back uses it too", async () => {
    const config = dockerLogin()
    const id = `login-${unique}`
    const run = await runAction({
      cwd: flake,
      // greetStreamManifest: flocken pushing to registries."127.0.0.1:5000" as $GITHUB_ACTOR with $GITHUB_TOKEN.
      inputs: { container: 'greetStream', 'manifest-app': 'greetStreamManifest', registry: main.registry },
      env: { GITHUB_EVENT_NAME: 'push', GITHUB_REF: 'refs/heads/main', DOCKER_CONFIG: config, NCA_E2E_ID: id },
    })
    expect(run.errors).toEqual([])
    expect(run.log).toContain(`${main.registry}: logging in as ${main.user}, the login found in ${join(config, 'config.json')}.`)
    expect(await registryTags(`flocken-e2e/stream-${id}`)).toEqual(['stream'])
    expect(run.outputs.digest).toMatch(/^sha256:/)
    expect(run.visibleLog).not.toContain(main.password)
  })

  it('with no login anywhere, fails before building, naming the input and where it looked; nothing is pushed', async () => {
    const config = tempDir('docker-empty')
    const repository = `acme/login-none-${unique}`
    const run = await pushWithoutInputs(repository, { DOCKER_CONFIG: config, REGISTRY_AUTH_FILE: join(config, 'auth.json') })
    expect(run.errors.join('\n')).toMatch(
      new RegExp(
        `Input 'password' is empty and this runner has no login for ${main.registry.replace(/\./g, '\\.')} \\(looked in ${join(config, 'config.json')}, ${join(config, 'auth.json')}\\)`,
      ),
    )
    expect(run.log).not.toContain('::group::Build')
    expect(await registryTags(repository)).toBeUndefined()
  })
})
