// The action's TypeScript entry run by @github/local-action, the way a runner would run it, against
// the real Nix, Docker daemon and QEMU (the bundled dist/ is run by every other e2e test).
import { beforeAll, describe, expect, it } from '@jest/globals'
import { execFile } from 'node:child_process'
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ROOT } from '../helpers/action.js'
import { makeFixtureRepo, stackEnv } from '../helpers/fixture.js'

let flake: string

beforeAll(async () => {
  flake = await makeFixtureRepo()
})

describe('@github/local-action', () => {
  it('runs src/action/main.ts: both architectures built, loaded and tested', async () => {
    const envFile = join(await mkdtemp(join(tmpdir(), 'nca-local-action-')), '.env')
    // The action runs in the project's folder here, so the flake is given by its path.
    await writeFile(
      envFile,
      [`INPUT_CONTAINER=greetContainer`, `INPUT_FLAKE=${flake}`, 'GITHUB_EVENT_NAME=pull_request', 'GITHUB_REF=refs/pull/3/merge', ''].join('\n'),
    )
    const output = await new Promise<string>((resolve, reject) =>
      execFile(
        'npx',
        ['--no-install', 'local-action', 'run', ROOT, 'src/action/main.ts', envFile],
        { cwd: ROOT, env: { ...process.env, NIX_CONFIG: stackEnv().NIX_CONFIG }, maxBuffer: 64 << 20 },
        (error, stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout + stderr)),
      ),
    )
    // local-action exits 0 even when the action fails: the failure shows as an error annotation.
    expect(output).not.toMatch(/::error::|\[error\]/i)
    expect(output).toMatch(/arch: aarch64/)
    expect(output).toContain('greetContainer linux/arm64 (greet:latest-arm64): passed')
    expect(output).toContain('greetContainer linux/amd64 (greet:latest-amd64): passed')
  })
})
