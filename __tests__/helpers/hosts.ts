// A name for loopback in /etc/hosts (root only), for what a test must address by name: proxies are
// never used for loopback addresses, and the proxy itself resolves the name it is asked for.
import { readFileSync, writeFileSync } from 'node:fs'

/** Adds "127.0.0.1 name" and returns what removes that line again (written in place: /etc/hosts may be a mount). */
export function loopbackName(name: string): () => void {
  const line = `127.0.0.1 ${name} # nca unit test ${process.pid}`
  const hosts = readFileSync('/etc/hosts', 'utf8')
  writeFileSync('/etc/hosts', `${hosts}${hosts.endsWith('\n') ? '' : '\n'}${line}\n`)
  return () => {
    const now = readFileSync('/etc/hosts', 'utf8')
    writeFileSync(
      '/etc/hosts',
      now
        .split('\n')
        .filter((l) => l !== line)
        .join('\n'),
    )
  }
}
