package clogin

// WithClock lets the external tests set the clock the Timestamp header is
// read from.
var WithClock = withClock
