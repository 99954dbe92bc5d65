package photo

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// No more than cap(slots) photos are processed at once; the rest wait and
// all of them finish.
func TestWithSlotBoundsConcurrency(t *testing.T) {
	old := slots
	slots = make(chan struct{}, 2)
	defer func() { slots = old }()
	var running, peak, done atomic.Int32
	var wg sync.WaitGroup
	for range 12 {
		wg.Go(func() {
			withSlot(func() (int, error) {
				n := running.Add(1)
				for p := peak.Load(); n > p && !peak.CompareAndSwap(p, n); p = peak.Load() {
				}
				time.Sleep(5 * time.Millisecond)
				running.Add(-1)
				done.Add(1)
				return 0, nil
			})
		})
	}
	wg.Wait()
	if p := peak.Load(); p > 2 || p < 1 {
		t.Errorf("peak concurrency = %d, want 1..2", p)
	}
	if d := done.Load(); d != 12 {
		t.Errorf("%d of 12 finished", d)
	}
	if len(slots) != 0 {
		t.Errorf("%d slots still held", len(slots))
	}
}

// A photo within MaxSide skips the resize but is still flattened: a
// transparent pixel of a small PNG comes out white, an opaque one keeps
// its colour (within JPEG's loss).
func TestProcessKeepsSizeAndFlattens(t *testing.T) {
	m := image.NewNRGBA(image.Rect(0, 0, 16, 8))
	for y := range 8 {
		for x := range 16 {
			c := color.NRGBA{200, 30, 30, 255}
			if x < 8 {
				c.A = 0
			}
			m.SetNRGBA(x, y, c)
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, m); err != nil {
		t.Fatal(err)
	}
	img, err := (&Store{}).Process(&buf, 0)
	if err != nil {
		t.Fatal(err)
	}
	out, _, err := image.Decode(bytes.NewReader(img.JPEG))
	if err != nil {
		t.Fatal(err)
	}
	if out.Bounds().Dx() != 16 || out.Bounds().Dy() != 8 {
		t.Fatalf("size %v, want 16×8", out.Bounds())
	}
	near := func(c color.Color, r, g, b uint32) bool {
		cr, cg, cb, _ := c.RGBA()
		d := func(a, b uint32) bool { return a>>8+20 >= b && b+20 >= a>>8 }
		return d(cr, r) && d(cg, g) && d(cb, b)
	}
	if c := out.At(2, 4); !near(c, 255, 255, 255) {
		t.Errorf("transparent pixel → %v, want white", c)
	}
	if c := out.At(13, 4); !near(c, 200, 30, 30) {
		t.Errorf("opaque pixel → %v, want about (200,30,30)", c)
	}
}
