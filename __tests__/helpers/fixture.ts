// Test helpers for the offline fixture flake (__tests__/fixture) and the local test stack
// (scripts/stack.sh). Node built-ins only.
import { execFile, execFileSync } from 'node:child_process'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'

const run = promisify(execFile)

const HERE = dirname(fileURLToPath(import.meta.url))
export const FIXTURE_DIR = join(HERE, '..', 'fixture')
export const REPO_DIR = join(HERE, '..', '..')
export const STACK_SCRIPT = join(REPO_DIR, 'scripts', 'stack.sh')

/**
 * Lays the fixture flake out in a fresh temporary git repository with the real flocken in vendor/
 * (scripts/fixture-repo.sh) and returns its path. `files` (path relative to the repo → content) are
 * committed on top, e.g. to change a script and so force a rebuild.
 */
export async function makeFixtureRepo(files: Record<string, string> = {}): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'nca-fixture-'))
  await run('bash', [join(REPO_DIR, 'scripts', 'fixture-repo.sh'), dir])
  if (Object.keys(files).length === 0) return dir
  for (const [name, content] of Object.entries(files)) {
    const file = join(dir, name)
    await mkdir(dirname(file), { recursive: true })
    await writeFile(file, content)
  }
  const git = (...args: string[]) => run('git', args, { cwd: dir })
  await git('add', '-A')
  await git('-c', 'user.name=nca test', '-c', 'user.email=nca-test@example.invalid', '-c', 'commit.gpgsign=false', 'commit', '-q', '-m', 'fixture files')
  return dir
}

/** Parses the `export NAME=VALUE` lines that `scripts/stack.sh env` prints. */
export function parseExports(text: string): Record<string, string> {
  const env: Record<string, string> = {}
  for (const line of text.split('\n')) {
    const m = /^export ([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line.trim())
    if (m) env[m[1]] = unquote(m[2])
  }
  return env
}

// The two forms stack.sh prints: '...' (with '\'' for a quote) and $'...' (escapes \\ \' \n).
function unquote(value: string): string {
  if (value.startsWith("$'") && value.endsWith("'")) {
    return value.slice(2, -1).replace(/\\(.)/g, (_, c: string) => ({ n: '\n', t: '\t' })[c] ?? c)
  }
  if (value.startsWith("'") && value.endsWith("'")) {
    return value.slice(1, -1).replaceAll("'\\''", "'")
  }
  return value
}

/**
 * The environment of the local test stack (NIX_CONFIG, NCA_REGISTRY, NCA_REGISTRY_USER,
 * NCA_REGISTRY_PASSWORD, NCA_SSH_KEY, NCA_SSH_PORT, NCA_SSH_HOST_KEY, STACK_DIR), as printed by
 * `scripts/stack.sh env`. Honours STACK_DIR from the calling environment.
 */
export function stackEnv(): Record<string, string> {
  // A runner lane (scripts/runner-lane.sh) hands its user the stack's environment as that user sees it.
  if (process.env.NCA_STACK_ENV) return parseExports(readFileSync(process.env.NCA_STACK_ENV, 'utf8'))
  const out = execFileSync('bash', [STACK_SCRIPT, 'env'], { encoding: 'utf8' })
  return parseExports(out)
}

/** What most end-to-end tests start with: the stack's NIX_CONFIG for this process, and a fixture repo. */
export async function fixtureOnStack(): Promise<{ env: Record<string, string>; flake: string }> {
  const env = stackEnv()
  process.env.NIX_CONFIG = env.NIX_CONFIG
  return { env, flake: await makeFixtureRepo() }
}

/**
 * STAND-IN for GitHub's REST API, which cannot be reached here: flocken's GitHub mode reads
 * /repos/<owner>/<repo> while it evaluates, and the fixture flake points github.apiEndpoint at
 * NCA_GITHUB_API. Writes that answer for `repository` and returns the endpoint (a file:// URL).
 */
export function githubApiStandIn(repository: string, defaultBranch = 'main'): string {
  // One per user: a runner lane's user cannot write root's.
  const root = join(tmpdir(), `nca-github-api-${process.getuid?.() ?? 0}`)
  const [owner, name] = repository.toLowerCase().split('/')
  mkdirSync(join(root, 'repos', owner), { recursive: true })
  writeFileSync(
    join(root, 'repos', owner, name),
    JSON.stringify({
      name,
      default_branch: defaultBranch,
      html_url: `https://github.com/${repository}`,
      description: FIXTURE_DESCRIPTION,
      license: { spdx_id: 'MIT' },
      owner: { login: owner, html_url: `https://github.com/${owner}` },
      homepage: null,
    }),
  )
  return `file://${root}`
}

/** What the GitHub API stand-in says of every repository (read back from annotations). */
export const FIXTURE_DESCRIPTION = 'Greets whoever runs it (nix-container-action fixture)'

/**
 * The same stand-in over HTTP on loopback, for the action's own request (GITHUB_API_URL): GitHub's
 * API cannot be reached here. GET /repos/<owner>/<name> answers githubApiStandIn's file for it.
 */
export async function githubApiServer(): Promise<{ url: string; close: () => Promise<void> }> {
  const { createServer } = await import('node:http')
  const root = fileURLToPath(githubApiStandIn('acme/fixture'))
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname).toLowerCase()
    const file = /^\/repos\/[\w.-]+\/[\w.-]+$/.test(path) ? join(root, path) : undefined
    let body: Buffer | undefined
    try {
      body = file ? readFileSync(file) : undefined
    } catch {
      body = undefined
    }
    if (!body) return void res.writeHead(404, { 'content-type': 'application/json' }).end('{"message":"Not Found"}')
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length }).end(body)
  })
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready))
  const { port } = server.address() as { port: number }
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((done) => server.close(() => done())) }
}
