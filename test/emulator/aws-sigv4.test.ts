import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import { signV4 } from "../../src/emulator/connectorTypes/awsSigV4.js"

describe("AWS Signature Version 4", () => {
  // AWS's published example (IAM ListUsers, "Create a signed AWS API request", sigv4 documentation)
  it.effect("signs AWS's documented example to its documented signature", () =>
    Effect.sync(() => {
      const headers = signV4({
        method: "GET",
        host: "iam.amazonaws.com",
        path: "/",
        query: "Action=ListUsers&Version=2010-05-08",
        headers: { "Content-Type": "application/x-www-form-urlencoded; charset=utf-8" },
        body: "",
        service: "iam",
        region: "us-east-1",
        accessKeyId: "AKIDEXAMPLE",
        secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
        now: new Date("2015-08-30T12:36:00Z")
      })
      assert.strictEqual(
        headers.Authorization,
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, " +
          "SignedHeaders=content-type;host;x-amz-date, " +
          "Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7"
      )
      assert.strictEqual(headers["X-Amz-Date"], "20150830T123600Z")
    }))
})
