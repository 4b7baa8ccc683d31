// Publishing through the flake's manifest app (flocken's mkDockerManifest, or any app): evaluated and
// built as `nix run --impure` would, checked to push exactly the tested images, its destinations
// read from its script, then run.
import { open } from 'node:fs/promises'
import { join } from 'node:path'
import { CommandError, registerSecret, run } from '../exec.js'
import { expandVariables, explainFlockenError, parseFlockenScript, tagsNamedIn } from './flocken-script.js'
import type { BuiltImage } from '../model.js'
import { type Settings, type Container, imageInstallable } from '../config/settings.js'
import { splitInstallable } from '../nix/installables.js'
import { findInDerivationClosure } from '../image/build.js'
import { cleanedRefEnv, versionFromRef } from '../config/tags.js'
import { type Nix } from '../nix/nix.js'
import type { Credentials } from '../registry/client.js'
import { LoginLapsed, PublishError, type Target, explainPushFailure, inputTarget, loginOf, loginsAccepted, verdictOf, withRetries } from './publish.js'

/**
 * The environment a manifest app is evaluated, built and run with: what flocken's mkDockerManifest
 * reads with builtins.getEnv (VERSION, GITHUB_*), its run-time password ($GITHUB_TOKEN), and
 * REGISTRY/TAGS for flakes that want the action's choices. The same for every container, because
 * one nix build evaluates all the apps.
 */
export function manifestEnv(settings: Settings, annotations: Record<string, string> = {}): Record<string, string> {
  const version = settings.version ?? versionFromRef(settings.ref.ref)
  return {
    ...(version ? { VERSION: version } : {}),
    TAGS: settings.tags.join(','),
    // For flocken's `annotations` (a JSON object: builtins.fromJSON in the flake, see the README).
    ANNOTATIONS: JSON.stringify(annotations),
    REGISTRY: settings.registry,
    GITHUB_TOKEN: settings.password,
    GITHUB_ACTOR: settings.username,
    // flocken's GitHub mode pushes to $GITHUB_REPOSITORY as it is; registries take lowercase names only.
    GITHUB_REPOSITORY: settings.githubRepository.toLowerCase(),
    ...cleanedRefEnv(settings.ref),
  }
}

/** What a custom (non-flocken) app also gets when it runs: the container's own repository. */
export function containerEnv(settings: Settings, container: Container): Record<string, string> {
  return { REPOSITORY: container.repository, IMAGE: `${settings.registry}/${container.repository}` }
}

/** The evaluation and build environment of the manifest apps: the run's, plus manifestEnv. */
export function appNix(nix: Nix, settings: Settings, annotations?: Record<string, string>): Nix {
  return { ...nix, env: { ...nix.env, ...manifestEnv(settings, annotations) }, impure: true }
}

export function manifestInstallable(flake: string, manifest: string): string {
  return `${flake}#${manifest}`
}

/**
 * The images a container's manifest app must push, as the flake names them: packages.<system>.<name>
 * of each system, or the attributes the installables input gives (another flake's, as a comment).
 */
function imageFiles(settings: Settings, container: Container): string {
  const systems = settings.systems.map((s) => `"${s}"`).join(' ')
  if (Object.keys(container.installables).length === 0) return `map (sys: inputs.self.packages.\${sys}.${container.name}) [ ${systems} ]`
  const images = settings.systems.map((system) => {
    const { flake, fragment } = splitInstallable(imageInstallable(settings.flake, container, system))
    return flake === settings.flake ? `inputs.self.${fragment.replace(/^\./, '')}` : `/* ${flake}#${fragment} */`
  })
  return `[ ${images.join(' ')} ]`
}

/** The Nix lines a flake without a manifest app needs, flocken's GitHub mode as its README shows it, for the error. */
export function manifestSnippet(settings: Settings, container: Container): string {
  const lines = [
    `legacyPackages.\${system}.${container.manifest} = inputs.flocken.legacyPackages.\${system}.mkDockerManifest {`,
    `  imageFiles = ${imageFiles(settings, container)};`,
    `  version = builtins.getEnv "VERSION";`,
  ]
  if (settings.registry === 'ghcr.io') {
    lines.push(
      `  # pushes to ghcr.io/<owner>/<repo> as GITHUB_ACTOR with $GITHUB_TOKEN; tags the branch, latest on the default branch`,
      `  github.enable = true;`,
    )
  } else {
    lines.push(
      `  branch = if builtins.getEnv "GITHUB_REF_TYPE" == "branch" then builtins.getEnv "GITHUB_REF_NAME" else "";`,
      `  registries."${settings.registry}" = {`,
      `    repo = "${container.repository}";`,
      `    username = "$GITHUB_ACTOR";`,
      `    password = "$GITHUB_TOKEN";`,
      `  };`,
    )
  }
  lines.push(`};`)
  return lines.join('\n')
}

/** A flake's manifest app, as evaluated before the build. */
export interface ManifestApp {
  installable: string
  /** The derivations it is made from: the app's own, or for an `apps` entry those its program names. */
  drvs: string[]
  /** A package (flocken's mkDockerManifest is one): built with the images, so publishing builds nothing. */
  derivation: boolean
  /** The program `nix run` would start: run as it is once built, so publishing evaluates nothing again. */
  program: string
  /** The environment it was evaluated with (appNix's), which it also runs with. */
  env: NodeJS.ProcessEnv
}

// The program nix run starts: an app's program, or a package's bin/<meta.mainProgram, pname or name>.
const APP_FIELDS =
  'm: let app = (m.type or "") == "app"; in { derivation = (m.type or "") == "derivation"; ' +
  'drvs = builtins.attrNames (builtins.getContext (if app then m.program else m.drvPath)); ' +
  'program = if app then m.program else "${m}/bin/${m.meta.mainProgram or (m.pname or (builtins.parseDrvName m.name).name)}"; }'

/**
 * A manifest app and the derivations it depends on, evaluated as `nix run --impure` evaluates it
 * (`nix` from appNix), or a PublishError with the Nix to add when the flake has no such app, or with
 * flocken's own complaint explained. Run before building, so a missing app costs no build.
 */
export async function manifestApp(nix: Nix, settings: Settings, container: Container): Promise<ManifestApp> {
  const installable = manifestInstallable(settings.flake, container.manifest)
  const result = await run(
    { cmd: nix.path, args: ['eval', '--impure', '--json', installable, '--apply', APP_FIELDS], env: nix.env },
    { echo: false, check: false },
  )
  if (result.code === 0) return { installable, env: nix.env ?? {}, ...(JSON.parse(result.stdout) as Omit<ManifestApp, 'installable' | 'env'>) }
  if (/does not provide attribute/.test(result.stderr)) {
    throw new PublishError(
      `Input 'manifest-app': the flake ${settings.flake} has no manifest app ${container.manifest} (looked in apps, packages and legacyPackages).\n` +
        `Add one with flocken (input flocken.url = "github:mirkolenz/flocken/v2"), for example:\n\n${manifestSnippet(settings, container)}\n\n` +
        `or set publisher: builtin to let the action push the images itself.`,
    )
  }
  const flocken = explainFlockenError(result.stderr, container.manifest, settings.ref.ref)
  if (flocken) {
    const said = result.stderr
      .split('\n')
      .filter((l) => /error|assert/i.test(l))
      .slice(-3)
      .join('\n')
    throw new PublishError(`${flocken}\nNothing was built or pushed. flocken said:\n${said}`)
  }
  throw new CommandError({ cmd: nix.path, args: ['eval', '--impure', installable] }, result)
}

/** The images the app will push must be exactly the ones that were built and tested. */
export async function checkManifestUsesBuiltImages(nix: Nix, manifestDrvs: string[], images: BuiltImage[], manifest: string): Promise<void> {
  const wanted = images.map((i) => i.drvPath)
  let closure = await findInDerivationClosure(manifestDrvs, wanted)
  if (!closure) {
    const nixStore = join(nix.path, '..', 'nix-store')
    const { stdout } = await run({ cmd: nixStore, args: ['--query', '--requisites', ...manifestDrvs], env: nix.env }, { echo: false })
    closure = new Set(stdout.split('\n').filter(Boolean))
  }
  const missing = images.filter((i) => !closure.has(i.drvPath))
  if (missing.length > 0) {
    const named = (list: BuiltImage[]) => list.map((m) => `${m.container} ${m.system} (${m.installable})`).join(', ')
    throw new PublishError(
      `The manifest app ${manifest} does not push the images that were built and tested: ${named(missing)} ${missing.length === 1 ? 'is' : 'are'} not among its inputs; nothing was pushed. ` +
        `Point its imageFiles at the image of each system, as the action builds them: ${images.map((i) => i.installable).join(', ')}.`,
    )
  }
}

/**
 * The whole environment a manifest app runs with. `login` is the action's for the registry input:
 * when it is one the runner had (no password input), it goes where the inputs' would, the
 * $GITHUB_ACTOR and $GITHUB_TOKEN that flocken's registries read at run time.
 */
export function appRunEnv(app: Pick<ManifestApp, 'env'>, settings: Settings, container: Container, login?: Credentials): NodeJS.ProcessEnv {
  const stored = login && login.password !== settings.password ? { GITHUB_ACTOR: login.username, GITHUB_TOKEN: login.password } : {}
  return { ...app.env, ...containerEnv(settings, container), ...stored }
}

/** Where a built app pushes, as far as it can be known before it runs. */
export interface AppTargets {
  targets: Target[]
  /** The app is flocken's script, whose destinations were read from it. */
  flocken: boolean
}

/** The app's script, or '' when it cannot be read here or is too large to be a script. */
async function readScript(program: string): Promise<string> {
  try {
    const file = await open(program, 'r')
    try {
      const { size } = await file.stat()
      // flocken's script is a few kilobytes; a large file is some other program.
      return size <= 1024 * 1024 ? await file.readFile('utf8') : ''
    } finally {
      await file.close()
    }
  } catch {
    // Not readable here (e.g. a store elsewhere): treated as an app whose destinations are unknown.
    return ''
  }
}

/**
 * Every place the built app will push to, read from its script before it runs. A custom app's
 * destinations cannot be read: then the inputs say where to look, the tags its script names there
 * are checked too, and the log says so.
 */
export async function appTargets(
  app: ManifestApp,
  settings: Settings,
  container: Container,
  log: (m: string) => void,
  loginFor: (registry: string) => Promise<Credentials> = () => Promise.resolve({ username: settings.username, password: settings.password }),
): Promise<AppTargets> {
  const manifest = container.manifest
  const script = await readScript(app.program)
  const destinations = parseFlockenScript(script)
  if (!destinations) {
    const fallback = inputTarget(settings, container, await loginFor(settings.registry))
    const alsoTagged = tagsNamedIn(script, fallback.registry, fallback.repository).filter((t) => !fallback.tags.includes(t))
    log(
      `${manifest} is not a flocken script (${app.program}), so where it pushes cannot be read before it runs: the action reads back ${fallback.registry}/${fallback.repository} with tags ${fallback.tags.join(', ')} (inputs registry, repository and tags)` +
        (alsoTagged.length ? `, and the tags its script names there: ${alsoTagged.join(', ')}.` : '.'),
    )
    return { targets: [{ ...fallback, alsoTagged }], flocken: false }
  }
  const env = appRunEnv(app, settings, container, await loginFor(settings.registry))
  const targets = await Promise.all(
    destinations.map(async (d) => {
      const username = d.username === undefined ? undefined : expandVariables(d.username, env)
      const password = d.password === undefined ? undefined : expandVariables(d.password, env)
      registerSecret(password)
      return {
        registry: d.registry,
        repository: d.repository,
        tags: d.tags,
        // The app's own login for that registry; the action's when the script's names no set variable.
        credentials: username && password ? { username, password } : await loginFor(d.registry),
        source: `flocken's script ${app.program}`,
      }
    }),
  )
  return { targets, flocken: true }
}

/** Starts the built app's program as `nix run --impure` would, with the environment it was evaluated with. */
export async function runManifestApp(
  app: ManifestApp,
  settings: Settings,
  container: Container,
  targets: Target[],
  log: (m: string) => void,
  login?: Credentials,
): Promise<void> {
  const manifest = container.manifest
  const once = async () => {
    try {
      await run({ cmd: app.program, args: [], env: appRunEnv(app, settings, container, login) })
    } catch (e) {
      // Refused part-way: a refused login, or a token that ran out mid-push if the registry still takes it.
      if (verdictOf(e)?.kind === 'refused-login' && (await loginsAccepted(targets))) throw new LoginLapsed(e)
      throw e
    }
  }
  try {
    await withRetries(`The manifest app ${manifest}`, once, log)
  } catch (e) {
    throw explainPushFailure(e, targets, loginOf(targets, settings), `The manifest app ${manifest} failed`)
  }
}
