// Package transport is the one HTTP core under the four API packages:
// base-URL checks, request building, credentials applied per attempt,
// retries through go-retryablehttp with the SDK's own safety rules,
// client-side rate limiting, redirect and size limits, the error model and
// per-attempt logging. An API package describes itself with an [API],
// fills [Settings] from its options and calls [Client.Do].
package transport
