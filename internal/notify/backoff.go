package notify

import (
	"fmt"
	"time"
)

// Retry policy (NOTIFY.md): full-jitter exponential backoff from 30 s up
// to 30 min, at most 8 attempts; vendor rate-limit codes set a floor.
const (
	backoffBase = 30 * time.Second
	backoffCap  = 30 * time.Minute
	MaxAttempts = 8
)

// backoff is the wait before attempt+1 after attempt failed: a uniformly
// random share (r in [0,1)) of min(cap, base·2^(attempt-1)), never below
// floor nor one second.
func backoff(attempt int, floor time.Duration, r float64) time.Duration {
	ceil := backoffCap
	if attempt >= 1 && attempt <= 16 {
		ceil = min(backoffCap, backoffBase<<(attempt-1))
	}
	d := time.Duration(r * float64(ceil))
	return max(d, floor, time.Second)
}

// sendError is a vendor's or server's refusal, classified.
type sendError struct {
	msg       string        // for the admin's outbox view (Chinese, with the vendor's code)
	permanent bool          // retrying cannot help: the row goes dead
	disable   bool          // the channel itself is broken: switch it off
	floor     time.Duration // minimum wait before retrying
}

func (e *sendError) Error() string { return e.msg }

func temporary(floor time.Duration, format string, args ...any) *sendError {
	return &sendError{msg: fmt.Sprintf(format, args...), floor: floor}
}

func permanent(disable bool, format string, args ...any) *sendError {
	return &sendError{msg: fmt.Sprintf(format, args...), permanent: true, disable: disable}
}
