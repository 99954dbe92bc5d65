package photo

import (
	"bytes"
	"fmt"
	"image"
	"image/jpeg"
	"io"
	"io/fs"
	"net/http"

	_ "image/gif" // registers the GIF decoder
	_ "image/png" // registers the PNG decoder

	"safecampus/internal/apperr"
)

const (
	// DefaultMaxBytes is the upload size limit when the caller gives none.
	DefaultMaxBytes = 10 << 20
	// MaxPixels bounds width×height, checked from the header before the
	// image is decoded, so a tiny file cannot claim gigabytes of pixels.
	MaxPixels = 40_000_000
	// MaxSide is the longest side of a stored photo.
	MaxSide = 1600
	// Quality is the JPEG quality of stored photos.
	Quality = 82
)

// Image is a processed photo ready to be saved: JPEG bytes and their size.
type Image struct {
	JPEG   []byte
	Width  int
	Height int
}

var accepted = map[string]string{"image/jpeg": "jpeg", "image/png": "png", "image/gif": "gif"}

// Process reads at most maxBytes (DefaultMaxBytes when ≤ 0) from r and
// returns the photo as an upright JPEG no larger than MaxSide without
// metadata: stripped when it already is one (passThrough), else re-encoded.
func (st *Store) Process(r io.Reader, maxBytes int64) (Image, error) {
	if maxBytes <= 0 {
		maxBytes = DefaultMaxBytes
	}
	data, err := readAll(r, maxBytes+1)
	if err != nil {
		return Image{}, fmt.Errorf("read photo: %w", err)
	}
	if int64(len(data)) > maxBytes {
		return Image{}, apperr.Invalidf("photo.too_large", "照片过大（不能超过 %d MB）。", maxBytes>>20)
	}
	format, cfg, err := inspect(data)
	if err != nil {
		return Image{}, err
	}
	// Stripping a small upright JPEG reads its markers only (well under a
	// millisecond), so it needs no slot.
	if img, ok := passThrough(data, format, cfg); ok {
		return img, nil
	}
	return withSlot(func() (Image, error) { return reencode(data, format) })
}

// readAll reads at most limit bytes of r. An upload's size is known
// (multipart files and bytes.Reader have Size), so the buffer is allocated
// once instead of grown by doubling: a third of a photo's read time and
// garbage otherwise.
func readAll(r io.Reader, limit int64) ([]byte, error) {
	var size int64
	switch v := r.(type) {
	case interface{ Size() int64 }:
		size = v.Size()
	case interface{ Stat() (fs.FileInfo, error) }: // a large upload spooled to a file
		if fi, err := v.Stat(); err == nil && fi.Mode().IsRegular() {
			size = fi.Size()
		}
	}
	if size <= 0 {
		return io.ReadAll(io.LimitReader(r, limit))
	}
	n := min(size, limit)
	buf := bytes.NewBuffer(make([]byte, 0, n+bytes.MinRead))
	_, err := buf.ReadFrom(io.LimitReader(r, limit))
	return buf.Bytes(), err
}

// inspect sniffs the format and reads the header: cheap checks done before
// anything is decoded.
func inspect(data []byte) (string, image.Config, error) {
	notImage := apperr.New(apperr.Invalid, "photo.not_image", "只能上传照片（JPEG、PNG 或 GIF 图片）。")
	format, ok := accepted[http.DetectContentType(data)]
	if !ok {
		return "", image.Config{}, notImage
	}
	cfg, cfgFormat, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil || cfgFormat != format {
		return "", image.Config{}, notImage
	}
	if cfg.Width <= 0 || cfg.Height <= 0 {
		return "", image.Config{}, notImage
	}
	if int64(cfg.Width)*int64(cfg.Height) > MaxPixels {
		return "", image.Config{}, apperr.Invalidf("photo.too_many_pixels", "照片像素过多（不能超过 %d 万像素）。", MaxPixels/10_000)
	}
	return format, cfg, nil
}

// reencode decodes the photo and writes it again as an upright JPEG no
// larger than MaxSide; inspect has accepted it.
func reencode(data []byte, format string) (Image, error) {
	src, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		e := apperr.New(apperr.Invalid, "photo.corrupt", "照片已损坏，无法读取，请重新拍摄。")
		e.Err = err
		return Image{}, e
	}
	orient := 1
	if format == "jpeg" {
		orient = exifOrientation(data)
	}
	sw, sh := src.Bounds().Dx(), src.Bounds().Dy()
	dw, dh := fit(sw, sh, MaxSide)
	var out image.Image
	if dw == sw && dh == sh {
		out = flatten(src) // within MaxSide: re-encode only, which still drops metadata
	} else {
		out = resize(src, dw, dh)
	}
	final := out
	if orient > 1 {
		final = orientImage(toRGBA(out), orient)
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, final, &jpeg.Options{Quality: Quality}); err != nil {
		return Image{}, fmt.Errorf("encode photo: %w", err)
	}
	b := final.Bounds()
	return Image{JPEG: buf.Bytes(), Width: b.Dx(), Height: b.Dy()}, nil
}

// passThrough returns a JPEG that needs neither shrinking nor turning,
// which is what the browsers send after shrinking on the phone, with its
// metadata removed but its compressed pixels untouched. Decoding and
// re-encoding such a photo costs tens of ms of CPU and only loses quality.
// It returns false when the photo must take the decode/re-encode path.
func passThrough(data []byte, format string, cfg image.Config) (Image, bool) {
	if format != "jpeg" || cfg.Width > MaxSide || cfg.Height > MaxSide || exifOrientation(data) != 1 {
		return Image{}, false
	}
	out, ok := stripJPEG(data, cfg.Width, cfg.Height)
	// More than 8 bits per pixel is not a camera or canvas photo; re-encoding
	// shrinks whatever was packed into it.
	if !ok || len(out) > 64<<10+cfg.Width*cfg.Height {
		return Image{}, false
	}
	return Image{JPEG: out, Width: cfg.Width, Height: cfg.Height}, true
}

// fit scales w×h down (never up) so the longer side is at most max.
func fit(w, h, max int) (int, int) {
	if w <= max && h <= max {
		return w, h
	}
	if w >= h {
		nh := int((int64(h)*int64(max) + int64(w)/2) / int64(w))
		return max, maxInt(nh, 1)
	}
	nw := int((int64(w)*int64(max) + int64(h)/2) / int64(h))
	return maxInt(nw, 1), max
}

func maxInt(a, b int) int {
	if a > b {
		return a
	}
	return b
}
