/**
 * How the client reaches an emulator: logged in as the emulator's default user unless told otherwise.
 */
import * as Redacted from "effect/Redacted"
import { defaultUser } from "../emulator/EmulatorOptions.js"
import * as KibanaClient from "../services/KibanaClient.js"

/** The client's options other than where the emulator is. */
export type EmulatorClientOptions = Omit<KibanaClient.KibanaClientOptions, "url">

/** Client options for an emulator at `url`. */
export const emulatorClientOptions = (
  url: string,
  options: EmulatorClientOptions = {}
): KibanaClient.KibanaClientOptions => ({
  ...options,
  url,
  auth: options.auth ?? KibanaClient.KibanaAuth.basic(defaultUser.username, Redacted.value(defaultUser.password))
})
