package photo

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"io"
	"os"
	"strings"
	"testing"

	"safecampus/internal/apperr"
)

func pngBytes(t *testing.T, w, h int) []byte {
	t.Helper()
	m := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			m.Set(x, y, color.NRGBA{uint8(x), uint8(y), 200, 255})
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, m); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func jpegBytes(t *testing.T, w, h int) []byte {
	t.Helper()
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	for i := range m.Pix {
		m.Pix[i] = 128
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, m, nil); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// withExif inserts an APP1 Exif segment (orientation o plus a fake GPS
// marker string) right after the JPEG's SOI marker.
func withExif(j []byte, o uint16) []byte {
	tiff := []byte("MM\x00\x2a\x00\x00\x00\x08")
	ifd := make([]byte, 2+12+4)
	binary.BigEndian.PutUint16(ifd[0:], 1)
	binary.BigEndian.PutUint16(ifd[2:], 0x0112)
	binary.BigEndian.PutUint16(ifd[4:], 3)
	binary.BigEndian.PutUint32(ifd[6:], 1)
	binary.BigEndian.PutUint16(ifd[10:], o)
	payload := append([]byte("Exif\x00\x00"), append(tiff, ifd...)...)
	payload = append(payload, []byte("GPSLatitude 31.2304N")...)
	seg := []byte{0xFF, 0xE1, 0, 0}
	binary.BigEndian.PutUint16(seg[2:], uint16(len(payload)+2))
	seg = append(seg, payload...)
	out := append([]byte{}, j[:2]...)
	out = append(out, seg...)
	return append(out, j[2:]...)
}

// pngHeader is a valid PNG signature and IHDR claiming w×h, nothing else.
func pngHeader(w, h uint32) []byte {
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], w)
	binary.BigEndian.PutUint32(ihdr[4:], h)
	ihdr[8], ihdr[9] = 8, 2 // 8-bit truecolour
	chunk := append([]byte("IHDR"), ihdr...)
	out := []byte("\x89PNG\r\n\x1a\n")
	out = binary.BigEndian.AppendUint32(out, 13)
	out = append(out, chunk...)
	out = binary.BigEndian.AppendUint32(out, crc32.ChecksumIEEE(chunk))
	return append(out, make([]byte, 64)...)
}

func TestProcessAccepts(t *testing.T) {
	st := &Store{}
	tests := []struct {
		name         string
		data         []byte
		wantW, wantH int
	}{
		{"small png kept at size", pngBytes(t, 40, 30), 40, 30},
		{"wide png shrunk", pngBytes(t, 3200, 1000), 1600, 500},
		{"tall jpeg shrunk", jpegBytes(t, 900, 2400), 600, 1600},
		{"exif rotated jpeg turned upright", withExif(jpegBytes(t, 80, 20), 6), 20, 80},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			img, err := st.Process(bytes.NewReader(tc.data), 0)
			if err != nil {
				t.Fatalf("Process: %v", err)
			}
			cfg, format, err := image.DecodeConfig(bytes.NewReader(img.JPEG))
			if err != nil || format != "jpeg" {
				t.Fatalf("output is not a JPEG: %v %q", err, format)
			}
			if cfg.Width != tc.wantW || cfg.Height != tc.wantH || img.Width != tc.wantW || img.Height != tc.wantH {
				t.Errorf("size = %dx%d (reported %dx%d), want %dx%d", cfg.Width, cfg.Height, img.Width, img.Height, tc.wantW, tc.wantH)
			}
		})
	}
}

func TestProcessDropsExif(t *testing.T) {
	in := withExif(jpegBytes(t, 64, 64), 1)
	if !bytes.Contains(in, []byte("Exif\x00\x00")) || !bytes.Contains(in, []byte("GPSLatitude")) {
		t.Fatal("test input lacks its EXIF segment")
	}
	if _, err := jpeg.Decode(bytes.NewReader(in)); err != nil {
		t.Fatalf("test input is not a valid JPEG: %v", err)
	}
	img, err := (&Store{}).Process(bytes.NewReader(in), 0)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(img.JPEG, []byte("Exif")) || bytes.Contains(img.JPEG, []byte("GPSLatitude")) || bytes.Contains(img.JPEG, []byte{0xFF, 0xE1}) {
		t.Error("output still carries EXIF / an APP1 segment")
	}
}

func TestProcessRefuses(t *testing.T) {
	gifHuge := []byte("GIF89a\x60\xea\x60\xea\x00\x00\x00") // claims 60000×60000
	tests := []struct {
		name string
		data []byte
		max  int64
		code string
	}{
		{"plain text", []byte("hello, this is not a photo"), 0, "photo.not_image"},
		{"html", []byte("<!DOCTYPE html><html><script>alert(1)</script></html>"), 0, "photo.not_image"},
		{"svg", []byte(`<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`), 0, "photo.not_image"},
		{"gif header then html (polyglot)", []byte("GIF89a\x01\x00\x01\x00\x00\x00\x00<html><script>alert(1)</script></html>"), 0, "photo.corrupt"},
		{"png signature then garbage", append([]byte("\x89PNG\r\n\x1a\n"), []byte(strings.Repeat("x", 100))...), 0, "photo.not_image"},
		{"jpeg named .png is still checked by content", []byte("\xff\xd8\xff<script>"), 0, "photo.not_image"},
		{"oversize", pngBytes(t, 200, 200), 100, "photo.too_large"},
		{"huge png dimensions in header", pngHeader(10000, 10000), 0, "photo.too_many_pixels"},
		{"huge gif dimensions in header", gifHuge, 0, "photo.too_many_pixels"},
		{"empty", nil, 0, "photo.not_image"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := (&Store{}).Process(bytes.NewReader(tc.data), tc.max)
			e := apperr.As(err)
			if err == nil || e.Kind != apperr.Invalid || e.Code != tc.code {
				t.Fatalf("err = %v, want invalid %s", err, tc.code)
			}
			if e.Message == "" || !strings.ContainsAny(e.Message, "照片图片") {
				t.Errorf("message %q is not a Chinese photo message", e.Message)
			}
		})
	}
}

// A real image with a script appended is accepted, but only its pixels
// survive: the stored file is a fresh JPEG without the trailing payload.
func TestProcessStripsTrailingPayload(t *testing.T) {
	in := append(pngBytes(t, 10, 10), []byte("<html><script>alert(1)</script></html>")...)
	img, err := (&Store{}).Process(bytes.NewReader(in), 0)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(img.JPEG, []byte("<script")) {
		t.Error("output still carries the appended script")
	}
}

func TestOversizeMessage(t *testing.T) {
	_, err := (&Store{}).Process(bytes.NewReader(make([]byte, 11<<20)), 10<<20)
	if !strings.HasPrefix(apperr.As(err).Message, "照片过大") {
		t.Fatalf("err = %v", err)
	}
}

// readAll must return exactly what a plain read returns, whatever the
// reader says of its size, and never more than the limit.
func TestReadAllSizedReaders(t *testing.T) {
	data := bytes.Repeat([]byte("0123456789"), 10_000)
	f, err := os.CreateTemp(t.TempDir(), "upload")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.Write(data); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name  string
		r     func() io.Reader
		limit int64
		want  []byte
	}{
		{"bytes.Reader", func() io.Reader { return bytes.NewReader(data) }, 1 << 20, data},
		{"bytes.Reader over the limit", func() io.Reader { return bytes.NewReader(data) }, 1000, data[:1000]},
		{"section", func() io.Reader { return io.NewSectionReader(bytes.NewReader(data), 10, 500) }, 1 << 20, data[10:510]},
		{"file", func() io.Reader { f.Seek(0, io.SeekStart); return f }, 1 << 20, data},
		{"file over the limit", func() io.Reader { f.Seek(0, io.SeekStart); return f }, 77, data[:77]},
		{"plain reader", func() io.Reader { return io.MultiReader(bytes.NewReader(data)) }, 1 << 20, data},
	} {
		got, err := readAll(c.r(), c.limit)
		if err != nil || !bytes.Equal(got, c.want) {
			t.Errorf("%s: read %d bytes (%v), want %d", c.name, len(got), err, len(c.want))
		}
	}
}
