// A throwaway PKI made with the openssl command, for the mutual-TLS example and the TLS tests: a CA,
// a server certificate for 127.0.0.1/localhost, a client certificate (PEM and PKCS#12 with a passphrase),
// and a second CA that signed nothing the server trusts. Nothing comes from outside the repository.
import { execFileSync } from "node:child_process"
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"

export interface TestPki {
  readonly ca: string
  readonly otherCa: string
  readonly serverCert: string
  readonly serverKey: string
  readonly clientCert: string
  readonly clientKey: string
  readonly clientPfx: Buffer
  readonly pfxPassphrase: string
  /** Where the files are, for tests of settings read from files. */
  readonly dir: string
  readonly remove: () => void
}

export const makeTestPki = (): TestPki => {
  const dir = mkdtempSync(join(tmpdir(), "effect-kibana-pki-"))
  const at = (name: string) => join(dir, name)
  const openssl = (...args: Array<string>) => execFileSync("openssl", args, { cwd: dir, stdio: "pipe" })
  const ca = (name: string) => {
    openssl(
      "req",
      "-x509",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-keyout",
      `${name}.key`,
      "-out",
      `${name}.crt`,
      "-days",
      "2",
      "-subj",
      `/CN=${name}`
    )
  }
  const sign = (name: string, subject: string, extensions: string) => {
    openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", `${name}.key`, "-out", `${name}.csr`, "-subj", subject)
    writeFileSync(at(`${name}.ext`), extensions)
    openssl(
      "x509",
      "-req",
      "-in",
      `${name}.csr`,
      "-CA",
      "ca.crt",
      "-CAkey",
      "ca.key",
      "-CAcreateserial",
      "-out",
      `${name}.crt`,
      "-days",
      "2",
      "-extfile",
      `${name}.ext`
    )
  }
  ca("ca")
  ca("other-ca")
  sign("server", "/CN=localhost", "subjectAltName=DNS:localhost,IP:127.0.0.1\n")
  sign("client", "/CN=effect-kibana-client", "extendedKeyUsage=clientAuth\n")
  const pfxPassphrase = "pfx-test-passphrase"
  openssl(
    "pkcs12",
    "-export",
    "-in",
    "client.crt",
    "-inkey",
    "client.key",
    "-out",
    "client.p12",
    "-passout",
    `pass:${pfxPassphrase}`
  )
  const text = (name: string) => readFileSync(at(name), "utf8")
  return {
    ca: text("ca.crt"),
    otherCa: text("other-ca.crt"),
    serverCert: text("server.crt"),
    serverKey: text("server.key"),
    clientCert: text("client.crt"),
    clientKey: text("client.key"),
    clientPfx: readFileSync(at("client.p12")),
    pfxPassphrase,
    dir,
    remove: () => rmSync(dir, { recursive: true, force: true })
  }
}
