/**
 * Kibana's license levels and the check `minimumLicenseRequired` goes through.
 *
 * @since 0.1.0
 * @internal
 */
import type { LicenseLevel } from "./ConnectorTypeSpec.js"

// elastic/kibana:x-pack/platform/plugins/shared/licensing/common/types.ts (`LICENSE_TYPE`): a trial
// has every feature
const rank: Readonly<Record<LicenseLevel, number>> = {
  basic: 10,
  standard: 20,
  gold: 30,
  platinum: 40,
  enterprise: 50,
  trial: 60
}

/**
 * Whether a cluster licensed at `license` may use a feature that needs `minimum` (`ILicense.check`).
 *
 * @since 0.1.0
 * @internal
 */
export const isLicenseSufficient = (license: LicenseLevel, minimum: LicenseLevel): boolean =>
  rank[license] >= rank[minimum]
