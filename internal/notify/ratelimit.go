package notify

import (
	"sync"
	"time"
)

// robotPerMinute keeps under the vendors' 20 messages per minute per robot
// (DingTalk blocks a robot for 10 minutes past it), leaving headroom for
// another program posting to the same robot.
const robotPerMinute = 18

// rateLimiter is a sliding one-minute window of send times per channel.
// It lives in memory: after a restart the window starts empty, which at
// worst lets one burst of 18 through early.
type rateLimiter struct {
	mu   sync.Mutex
	sent map[int64][]time.Time
}

// take records a send on channel at now if the window has room and
// returns (true, zero); otherwise it returns false and when room frees.
func (l *rateLimiter) take(channel int64, now time.Time) (bool, time.Time) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.sent == nil {
		l.sent = map[int64][]time.Time{}
	}
	w := l.sent[channel]
	for len(w) > 0 && !w[0].After(now.Add(-time.Minute)) {
		w = w[1:]
	}
	if len(w) >= robotPerMinute {
		l.sent[channel] = w
		return false, w[0].Add(time.Minute)
	}
	l.sent[channel] = append(w, now)
	return true, time.Time{}
}
