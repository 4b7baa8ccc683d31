// STAND-IN for a cloud's credential helper (ECR's, GCR's), which needs its cloud: a script that
// speaks the docker-credential protocol (`get`, the server on stdin, its JSON on stdout), knowing one
// login. Found on PATH as docker finds one.
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/** Writes docker-credential-standin into dir/bin, and returns that folder for PATH. */
export function standInCredentialHelper(dir: string, login: { server: string; username: string; secret: string }): string {
  const bin = join(dir, 'bin')
  mkdirSync(bin, { recursive: true })
  const helper = join(bin, 'docker-credential-standin')
  writeFileSync(
    helper,
    `#!/bin/sh\n[ "$1" = get ] || exit 2\nread -r server\n[ "$server" = "${login.server}" ] || { echo "credentials not found in native keychain"; exit 1; }\n` +
      `printf '{"ServerURL":"%s","Username":"${login.username}","Secret":"${login.secret}"}' "$server"\n`,
  )
  chmodSync(helper, 0o755)
  return bin
}
