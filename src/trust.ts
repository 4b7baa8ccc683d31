// The certificate authorities https requests trust: Node's own (its bundled roots and
// NODE_EXTRA_CA_CERTS) and the system's, which Node leaves out by default but podman, skopeo and curl
// on the same runner use: a company registry's private CA installed with update-ca-certificates, or a
// bundle named by SSL_CERT_FILE.
import { readFileSync } from 'node:fs'
import * as tls from 'node:tls'

// Node 22.15 and 23.10 added it; on Linux, 'system' reads OpenSSL's default file and directory
// (/etc/ssl/certs on Debian and Ubuntu), or SSL_CERT_FILE and SSL_CERT_DIR where they are set.
const getCACertificates = (tls as { getCACertificates?: (kind: 'default' | 'system') => string[] }).getCACertificates

let context: tls.SecureContext | undefined

/** One context for the whole process: reading the system store and making a context are each worth doing once. */
export function trustedContext(): tls.SecureContext {
  return (context ??= tls.createSecureContext({ ca: trustedCertificates() }))
}

export function trustedCertificates(): string[] {
  if (getCACertificates) return [...new Set([...getCACertificates('default'), ...getCACertificates('system')])]
  // An older Node: a list of CAs replaces its own, NODE_EXTRA_CA_CERTS included, so that file is read
  // again here; of the system's store, only what SSL_CERT_FILE names is known.
  return [...tls.rootCertificates, ...[process.env.NODE_EXTRA_CA_CERTS, process.env.SSL_CERT_FILE].flatMap(pemFile)]
}

function pemFile(path: string | undefined): string[] {
  if (!path) return []
  try {
    return [readFileSync(path, 'utf8')]
  } catch {
    return [] // as Node does with a file it cannot read (it has warned about NODE_EXTRA_CA_CERTS already)
  }
}
