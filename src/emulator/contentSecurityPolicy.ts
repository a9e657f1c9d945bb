/**
 * Kibana's default Content-Security-Policy headers, by version. Kibana sends both on every answer of its
 * server, API routes and errors included (elastic/kibana PR #144902, 7.17.8/8.5.2):
 * `createCustomHeadersPreResponseHandler` (src/core/packages/http/server-internal/src/lifecycle_handlers.ts;
 * packages/core/http/core-http-server-internal/src/lifecycle_handlers.ts before the 8.18 relocation) adds
 * `'Content-Security-Policy': csp.header` and `'Content-Security-Policy-Report-Only': csp.reportOnlyHeader`.
 * Both strings are `CspConfig`'s (csp/csp_config.ts) for the default `csp.*` config, which
 * `CspDirectives.fromConfig` (csp/csp_directives.ts) builds from its `defaultRules` (enforced) and
 * `defaultReportOnlyRules` (report only); `disableUnsafeEval` defaults to `true` (csp/config.ts, since 8.7), so
 * `script-src` has no `'unsafe-eval'`, and `disableEmbedding: false` adds no `frame-ancestors`. The defaults
 * set no `report-uri`/`report-to`, and Kibana sends no `Reporting-Endpoints` header unless configured
 * (`server.customResponseHeaders`).
 *
 * @since 0.1.0
 * @internal
 */
import { atLeast } from "./kibanaVersion.js"
import type { KibanaVersion } from "./kibanaVersion.js"

/**
 * The two header values Kibana sends for its default CSP config.
 *
 * @since 0.1.0
 * @category models
 */
export interface ContentSecurityPolicy {
  /** `Content-Security-Policy`: `CspConfig.header`. */
  readonly enforce: string
  /** `Content-Security-Policy-Report-Only`: `CspConfig.reportOnlyHeader`. */
  readonly reportOnly: string
}

// `defaultRules` of every version played: script-src, worker-src and style-src, each with 'report-sample'.
const scriptWorkerStyle = [
  "script-src 'report-sample' 'self'",
  "worker-src 'report-sample' 'self' blob:",
  "style-src 'report-sample' 'self' 'unsafe-inline'"
]
const objectSrcNone = "object-src 'report-sample' 'none'"
// `defaultReportOnlyRules['form-action']`: elastic/kibana PR #179949 (2024) added the report-only header with it.
const formActionSelf = "form-action 'report-sample' 'self'"

const joined = (directives: ReadonlyArray<string>) => directives.join("; ")

// 8.18, 9.0: only form-action is reported. PR #209306 (below) was merged in February 2025 to main and 8.x (its
// one version label, v8.19.0) after the 8.18 and 9.0 branches were cut; that 9.0 lacks it is inferred from
// the labels, not read from a 9.0 commit.
const formActionReported: ContentSecurityPolicy = {
  enforce: joined(scriptWorkerStyle),
  reportOnly: formActionSelf
}

// 8.19, 9.1, 9.2: elastic/kibana PR #209306 (labelled v8.19.0) added `object-src 'report-sample' 'none'` to
// `defaultReportOnlyRules`; csp_config.test.ts's DEFAULT snapshot of that source:
// `reportOnlyHeader: "form-action 'report-sample' 'self'; object-src 'report-sample' 'none'"`.
const objectSrcReported: ContentSecurityPolicy = {
  enforce: joined(scriptWorkerStyle),
  reportOnly: joined([formActionSelf, objectSrcNone])
}

// 9.3 and later (csp_directives.ts at elastic/kibana@4b3b1680b3783df9fc9ba8bc4b1dd8722432acbe):
// - PR #241029 moved object-src to the enforced `defaultRules` (9.3.0 release notes; `csp.object_src` is
//   "ga 9.3" in general-settings.md);
// - PR #243545 added `default-src 'none'` with font-src, img-src and connect-src to `defaultReportOnlyRules`,
//   and PR #247131 the Elastic maps hosts to img-src and connect-src. Report-only rules are added first; then,
//   because report-only default-src is 'none', each enforced default-src child directive (script-src,
//   worker-src, style-src, object-src) is copied into the report-only policy too (`isTestingDefaultSrc`).
// csp_directives.test.ts's snapshot of that source gives the same strings. PR #247131 (January 2026) was
// backported to 9.2 and 8.19 only, so 9.3 took it from main: inferred, not read from a 9.3 commit.
// `form-action` stays report only through 9.4: its enforcement (issue #239783, still planned for 10.x in
// issue #268883 of May 2026) and `csp.report_only.connect_src` (PR #268005, "ga 9.5") came later, as did the
// enforced `frame-src` default (PR #281884, August 2026). No 9.4 commit was read either.
const defaultSrcTested: ContentSecurityPolicy = {
  enforce: joined([...scriptWorkerStyle, objectSrcNone]),
  reportOnly: joined([
    formActionSelf,
    "default-src 'report-sample' 'none'",
    "font-src 'report-sample' 'self'",
    "img-src 'report-sample' 'self' data: tiles.maps.elastic.co",
    "connect-src 'report-sample' 'self' telemetry.elastic.co telemetry-staging.elastic.co feeds.elastic.co " +
    "tiles.maps.elastic.co vector.maps.elastic.co",
    ...scriptWorkerStyle,
    objectSrcNone
  ])
}

const v9_1: KibanaVersion = { major: 9, minor: 1, patch: 0 }
const v9_3: KibanaVersion = { major: 9, minor: 3, patch: 0 }

/**
 * The CSP headers of a version the emulator plays (8.18 and later). Later 8.19 and 9.2 patches got backports
 * of the report-only changes (elastic/kibana PRs #250062, #250059) whose exact header the emulator does not
 * model: it sends those lines' `.0` value.
 *
 * @since 0.1.0
 * @category constructors
 */
export const contentSecurityPolicyFor = (version: KibanaVersion): ContentSecurityPolicy =>
  atLeast(version, v9_3)
    ? defaultSrcTested
    : atLeast(version, v9_1) || (version.major === 8 && version.minor >= 19)
    ? objectSrcReported
    : formActionReported

/**
 * The policy as the two response headers Kibana adds.
 *
 * @since 0.1.0
 * @category constructors
 */
export const cspResponseHeaders = (policy: ContentSecurityPolicy): Readonly<Record<string, string>> => ({
  "content-security-policy": policy.enforce,
  "content-security-policy-report-only": policy.reportOnly
})
