package photo

import (
	"image"
	"image/color"
)

// weight is one source pixel's share of a destination pixel.
type weight struct {
	src int
	w   float32
}

// contribs gives, for each of dstN destination pixels, the source pixels
// its footprint covers and how much of each (area averaging: the footprint
// of destination pixel d is [d·s, (d+1)·s) with s = srcN/dstN ≥ 1). The
// weights of each destination pixel sum to 1.
func contribs(srcN, dstN int) [][]weight {
	scale := float64(srcN) / float64(dstN)
	out := make([][]weight, dstN)
	for d := range out {
		lo, hi := float64(d)*scale, float64(d+1)*scale
		for s := int(lo); s < srcN && float64(s) < hi; s++ {
			a, b := float64(s), float64(s+1)
			if a < lo {
				a = lo
			}
			if b > hi {
				b = hi
			}
			if b > a {
				out[d] = append(out[d], weight{s, float32((b - a) / scale)})
			}
		}
	}
	return out
}

// resize scales src to w×h by area averaging, flattening any transparency
// onto white (JPEG has no alpha). It works a destination row at a time and
// reads each source row once or twice, so memory stays near one source row
// plus the destination, whatever the source size.
func resize(src image.Image, w, h int) *image.RGBA {
	b := src.Bounds()
	sw, sh := b.Dx(), b.Dy()
	cols, rows := contribs(sw, w), contribs(sh, h)
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	srcRow := make([]float32, 3*sw)
	hRow := make([]float32, 3*w)
	acc := make([]float32, 3*w)
	read := rowReader(src)
	last := -1
	for dy, rw := range rows {
		clear(acc)
		for _, ry := range rw {
			if ry.src != last {
				read(b.Min.Y+ry.src, srcRow)
				for dx, cw := range cols {
					var r, g, bl float32
					for _, c := range cw {
						i := 3 * c.src
						r += srcRow[i] * c.w
						g += srcRow[i+1] * c.w
						bl += srcRow[i+2] * c.w
					}
					hRow[3*dx], hRow[3*dx+1], hRow[3*dx+2] = r, g, bl
				}
				last = ry.src
			}
			for i, v := range hRow {
				acc[i] += v * ry.w
			}
		}
		off := dy * dst.Stride
		for dx := 0; dx < w; dx++ {
			p := dst.Pix[off+4*dx : off+4*dx+4 : off+4*dx+4]
			p[0], p[1], p[2], p[3] = to8(acc[3*dx]), to8(acc[3*dx+1]), to8(acc[3*dx+2]), 255
		}
	}
	return dst
}

func to8(v float32) uint8 {
	v += 0.5
	if v <= 0 {
		return 0
	}
	if v >= 255 {
		return 255
	}
	return uint8(v)
}

// rowReader returns a function that fills buf with the RGB values (0–255,
// over white) of source row y. The common decoder outputs get direct pixel
// access; anything else goes through At.
func rowReader(src image.Image) func(y int, buf []float32) {
	b := src.Bounds()
	switch m := src.(type) {
	case *image.YCbCr:
		return func(y int, buf []float32) {
			for x := b.Min.X; x < b.Max.X; x++ {
				yi, ci := m.YOffset(x, y), m.COffset(x, y)
				r, g, bl := color.YCbCrToRGB(m.Y[yi], m.Cb[ci], m.Cr[ci])
				i := 3 * (x - b.Min.X)
				buf[i], buf[i+1], buf[i+2] = float32(r), float32(g), float32(bl)
			}
		}
	case *image.Gray:
		return func(y int, buf []float32) {
			for x := b.Min.X; x < b.Max.X; x++ {
				v := float32(m.Pix[m.PixOffset(x, y)])
				i := 3 * (x - b.Min.X)
				buf[i], buf[i+1], buf[i+2] = v, v, v
			}
		}
	case *image.NRGBA:
		return func(y int, buf []float32) {
			for x := b.Min.X; x < b.Max.X; x++ {
				p := m.Pix[m.PixOffset(x, y):]
				a := float32(p[3]) / 255
				i := 3 * (x - b.Min.X)
				for k := 0; k < 3; k++ {
					buf[i+k] = float32(p[k])*a + 255*(1-a)
				}
			}
		}
	case *image.RGBA:
		return func(y int, buf []float32) {
			for x := b.Min.X; x < b.Max.X; x++ {
				p := m.Pix[m.PixOffset(x, y):]
				white := float32(255 - int(p[3]))
				i := 3 * (x - b.Min.X)
				buf[i], buf[i+1], buf[i+2] = float32(p[0])+white, float32(p[1])+white, float32(p[2])+white
			}
		}
	}
	return func(y int, buf []float32) {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, a := src.At(x, y).RGBA() // premultiplied, 16 bit
			white := float32(0xffff - a)
			i := 3 * (x - b.Min.X)
			buf[i], buf[i+1], buf[i+2] = (float32(r)+white)/257, (float32(g)+white)/257, (float32(bl)+white)/257
		}
	}
}
