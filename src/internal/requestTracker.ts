/**
 * Lets a scoped create learn, after an interruption, whether any of its attempts may have reached
 * Kibana. The client marks an attempt of a non-idempotent request as possibly acted on when it leaves,
 * and clears the mark when Kibana answers that it did not act (429, 503, a refused connection).
 */
import * as Context from "effect/Context"

/** The mutable mark of one create; `undefined` outside a scoped create. */
export interface RequestTrack {
  maybeActed: boolean
}

/** The track of the create the current fiber runs, if any. */
export class RequestTracker extends Context.Reference<RequestTracker>()("effect-kibana/internal/RequestTracker", {
  defaultValue: (): RequestTrack | undefined => undefined
}) {}
