package photo

import "runtime"

// slots bounds how many photos are decoded and re-encoded at once. The work
// is pure CPU and a phone photo allocates tens of MB while it is decoded:
// 50 uploads at once on two cores would all finish late and keep the
// garbage collector busy, where a queue of about one photo per core lets
// each finish in its own time and leaves some CPU for the rest of the
// server. Reading the upload and writing the file stay outside the limit,
// so a slow client or disk never holds a slot.
var slots = make(chan struct{}, max(runtime.GOMAXPROCS(0), 1))

// withSlot runs fn once a slot is free.
func withSlot[T any](fn func() (T, error)) (T, error) {
	slots <- struct{}{}
	defer func() { <-slots }()
	return fn()
}
