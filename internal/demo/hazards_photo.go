package demo

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
)

// photo uploads a demo picture as login's pending photo (none without a
// photo store): a wall with a green frame where the work was done.
func (w *hazardWalker) photo(login string) []int64 {
	if w.l.opt.photos == nil || w.l.err != nil {
		return nil
	}
	a := w.actor(login)
	if a == nil {
		return nil
	}
	w.seed++
	const wd, ht = 480, 360
	m := image.NewRGBA(image.Rect(0, 0, wd, ht))
	base := uint8(170 + w.seed%50)
	for y := 0; y < ht; y++ {
		for x := 0; x < wd; x++ {
			v := base - uint8(y/10)
			m.SetRGBA(x, y, color.RGBA{v - 10, v, v - 4, 255})
		}
	}
	cx, cy := 60+(w.seed*41)%320, 50+(w.seed*29)%230
	for y := cy; y < cy+70 && y < ht; y++ {
		for x := cx; x < cx+100 && x < wd; x++ {
			if x-cx < 5 || cx+100-x <= 5 || y-cy < 5 || cy+70-y <= 5 {
				m.SetRGBA(x, y, color.RGBA{30, 160, 60, 255})
			}
		}
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, m, &jpeg.Options{Quality: 80}); err != nil {
		w.l.err = err
		return nil
	}
	saved, err := w.l.opt.photos.Put(&buf, 0)
	if err != nil {
		w.l.err = err
		return nil
	}
	id, err := w.svc.AddPendingPhoto(w.l.ctx, a, w.l.school, saved)
	if err != nil {
		w.l.err = err
		return nil
	}
	return []int64{id}
}
