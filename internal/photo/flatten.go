package photo

import (
	"image"
	"image/draw"
)

// flatten returns src ready for the JPEG encoder at its own size: the
// decoders' opaque outputs as they are (the encoder reads *image.YCbCr and
// *image.Gray directly, so a photo already within MaxSide costs one decode
// and one encode, no pixel copy), anything that may carry transparency drawn
// over white, as resize does when it shrinks (JPEG has no alpha).
func flatten(src image.Image) image.Image {
	switch src.(type) {
	case *image.YCbCr, *image.Gray:
		return src
	}
	b := src.Bounds()
	dst := image.NewRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	for i := range dst.Pix {
		dst.Pix[i] = 0xFF
	}
	draw.Draw(dst, dst.Bounds(), src, b.Min, draw.Over)
	return dst
}

// toRGBA converts m for orientImage; only photos with an EXIF rotation
// pay for the copy.
func toRGBA(m image.Image) *image.RGBA {
	if r, ok := m.(*image.RGBA); ok {
		return r
	}
	b := m.Bounds()
	dst := image.NewRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	draw.Draw(dst, dst.Bounds(), m, b.Min, draw.Src)
	return dst
}
