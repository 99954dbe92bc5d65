package photo

import (
	"bytes"
	"encoding/binary"
	"image"
	"image/color"
	"image/jpeg"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"safecampus/internal/apperr"
)

// seg builds a JPEG marker segment.
func seg(marker byte, payload string) []byte {
	s := []byte{0xFF, marker, 0, 0}
	binary.BigEndian.PutUint16(s[2:], uint16(len(payload)+2))
	return append(s, payload...)
}

// insertAt puts extra into j at byte offset at.
func insertAt(j []byte, at int, extra ...[]byte) []byte {
	out := append([]byte{}, j[:at]...)
	for _, e := range extra {
		out = append(out, e...)
	}
	return append(out, j[at:]...)
}

// segAt is the offset of the first segment with the marker, before SOS.
func segAt(t testing.TB, j []byte, marker byte) int {
	for i := 2; i+4 <= len(j); i += 2 + int(binary.BigEndian.Uint16(j[i+2:])) {
		if j[i+1] == marker {
			return i
		}
	}
	t.Fatalf("no marker %X", marker)
	return 0
}

const jfifPlain = "JFIF\x00\x01\x02\x01\x00\x48\x00\x48\x00\x00" // 72 dpi, no thumbnail

// browserJPEG is a w×h JPEG with gradients and noise (so it compresses
// like a photo) and a JFIF APP0, like a canvas's toBlob output.
func browserJPEG(tb testing.TB, w, h, quality int) []byte {
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	r := rand.New(rand.NewPCG(3, 4))
	for y := range h {
		for x := range w {
			n := uint8(r.IntN(24))
			m.SetRGBA(x, y, color.RGBA{uint8(x*200/w) + n, uint8(y*180/h) + n, uint8((x+y)*120/(w+h)+40) + n, 255})
		}
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, m, &jpeg.Options{Quality: quality}); err != nil {
		tb.Fatal(err)
	}
	return insertAt(buf.Bytes(), 2, seg(0xE0, jfifPlain))
}

// samePixels fails unless a and b decode to exactly the same image.
func samePixels(t *testing.T, a, b []byte) {
	t.Helper()
	ma, _, err := image.Decode(bytes.NewReader(a))
	if err != nil {
		t.Fatalf("decode input: %v", err)
	}
	mb, _, err := image.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("decode output: %v", err)
	}
	if ma.Bounds() != mb.Bounds() {
		t.Fatalf("bounds %v, want %v", mb.Bounds(), ma.Bounds())
	}
	for y := ma.Bounds().Min.Y; y < ma.Bounds().Max.Y; y++ {
		for x := ma.Bounds().Min.X; x < ma.Bounds().Max.X; x++ {
			if ma.At(x, y) != mb.At(x, y) {
				t.Fatalf("pixel (%d,%d) = %v, want %v", x, y, mb.At(x, y), ma.At(x, y))
			}
		}
	}
}

// goTestdata reads a JPEG from the Go distribution's image tests (the
// only progressive, restart-marker and Adobe RGB files at hand).
func goTestdata(t testing.TB, name string) []byte {
	data, err := os.ReadFile(filepath.Join(runtime.GOROOT(), "src", "image", "testdata", name))
	if err != nil {
		t.Skipf("Go's image testdata not available: %v", err)
	}
	return data
}

// The stored file is the upload minus its metadata, byte for byte, so the
// pixels are exactly the upload's.
func TestProcessStripsMetadataLosslessly(t *testing.T) {
	plain := browserJPEG(t, 320, 240, 85)
	thumb := seg(0xE0, "JFIF\x00\x01\x02\x01\x00\x48\x00\x48\x02\x02THUMBPIXELS!")
	xmp := seg(0xE1, "http://ns.adobe.com/xap/1.0/\x00<x:xmpmeta>GPSLongitude 121.47E</x:xmpmeta>")
	icc := seg(0xE2, "ICC_PROFILE\x00\x01\x01fake profile bytes")
	com := seg(0xFE, "secret note: taken at gate 3")
	bare := append([]byte{0xFF, 0xD8}, plain[2+4+len(jfifPlain):]...)
	in := withExif(insertAt(bare, 2, thumb, xmp, icc, com), 1)
	in = append(in, "TRAILING-GARBAGE<script>alert(1)</script>"...)
	if _, err := jpeg.Decode(bytes.NewReader(in)); err != nil {
		t.Fatalf("test input is not a valid JPEG: %v", err)
	}
	img, err := (&Store{}).Process(bytes.NewReader(in), 0)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(img.JPEG, plain) || img.Width != 320 || img.Height != 240 {
		t.Errorf("output (%d bytes, %dx%d) is not the upload's stripped bytes (%d)", len(img.JPEG), img.Width, img.Height, len(plain))
	}
	for _, leak := range []string{"Exif", "GPSLatitude", "GPSLongitude", "xmpmeta", "ICC_PROFILE", "secret note", "THUMBPIXELS", "TRAILING", "<script", "\xFF\xE1", "\xFF\xE2", "\xFF\xFE"} {
		if bytes.Contains(img.JPEG, []byte(leak)) {
			t.Errorf("output still contains %q", leak)
		}
	}
	samePixels(t, in, img.JPEG)
}

// Whatever the encoder's choices, stripping keeps every decoded pixel.
func TestStripJPEGKeepsPixels(t *testing.T) {
	gray := image.NewGray(image.Rect(0, 0, 50, 30))
	for i := range gray.Pix {
		gray.Pix[i] = uint8(i * 7)
	}
	var g bytes.Buffer
	if err := jpeg.Encode(&g, gray, nil); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		data func(t *testing.T) []byte
	}{
		{"browser-like colour", func(t *testing.T) []byte { return browserJPEG(t, 64, 48, 85) }},
		{"grey, one component", func(*testing.T) []byte { return g.Bytes() }},
		{"progressive", func(t *testing.T) []byte { return goTestdata(t, "video-001.q50.420.progressive.jpeg") }},
		{"progressive, separate DC scans", func(t *testing.T) []byte { return goTestdata(t, "video-001.separate.dc.progression.progressive.jpeg") }},
		{"restart markers", func(t *testing.T) []byte { return goTestdata(t, "video-001.restart2.jpeg") }},
		{"Adobe APP14 marking RGB", func(t *testing.T) []byte { return goTestdata(t, "video-001.rgb.jpeg") }},
		{"4:1:1 subsampling", func(t *testing.T) []byte { return goTestdata(t, "video-001.q50.411.jpeg") }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := tc.data(t)
			cfg, _, err := image.DecodeConfig(bytes.NewReader(in))
			if err != nil {
				t.Fatal(err)
			}
			out, ok := stripJPEG(in, cfg.Width, cfg.Height)
			if !ok {
				t.Fatal("not eligible")
			}
			samePixels(t, in, out)
		})
	}
}

// Which photos are stored stripped and which take the re-encoding path.
func TestPassThroughChoice(t *testing.T) {
	small := browserJPEG(t, 64, 48, 85)
	packed := insertAt(small, len(small)-2, bytes.Repeat([]byte("A"), 70<<10))
	tests := []struct {
		name string
		data []byte
		want bool
	}{
		{"small upright JPEG", small, true},
		{"EXIF orientation 1", withExif(small, 1), true},
		{"EXIF orientation 6 must be turned", withExif(small, 6), false},
		{"wider than MaxSide", browserJPEG(t, MaxSide+1, 8, 85), false},
		{"PNG", pngBytes(t, 64, 48), false},
		{"CMYK, four components", goTestdata(t, "video-001.cmyk.jpeg"), false},
		{"70 KB packed into the scan data", packed, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			format, cfg, err := inspect(tc.data)
			if err != nil {
				t.Fatal(err)
			}
			if _, got := passThrough(tc.data, format, cfg); got != tc.want {
				t.Errorf("passThrough = %v, want %v", got, tc.want)
			}
		})
	}
}

// A JPEG whose structure is off is never stored as it came: it is refused
// as before (not_image, corrupt) or goes through the re-encoding path.
func TestStripJPEGRefusesMalformed(t *testing.T) {
	base := browserJPEG(t, 64, 48, 85) // JFIF: DecodeConfig stops at the SOF
	sof, sos := segAt(t, base, 0xC0), segAt(t, base, 0xDA)
	sofSeg := base[sof : sof+2+int(binary.BigEndian.Uint16(base[sof+2:]))]
	with := func(at int, b byte) []byte { c := bytes.Clone(base); c[at] = b; return c }
	tests := []struct {
		name string
		data []byte
		w    int // width given to stripJPEG when not the real one (64)
	}{
		{"segment length below 2", insertAt(base, sof, []byte{0xFF, 0xFE, 0, 1}), 0},
		{"cut inside a segment length", base[:sof+3], 0},
		{"missing EOI", base[:len(base)-2], 0},
		{"segment runs past the end", append(bytes.Clone(base[:len(base)-2]), 0xFF, 0xFE, 0, 0x40, 'x'), 0},
		{"two SOFs", insertAt(base, sof, sofSeg), 0},
		{"SOF size differs from DecodeConfig's", base, 65},
		{"unknown marker (DAC)", insertAt(base, sos, seg(0xCC, "\x00\x00")), 0},
		{"lossless SOF3", with(sof+1, 0xC3), 0},
		{"12-bit precision", with(sof+4, 12), 0},
		{"scan uses an undefined Huffman table", with(sos+6, 0x33), 0},
		{"garbage between segments", insertAt(base, sos, []byte("xx")), 0},
		{"fill bytes before a marker", insertAt(base, sos, []byte{0xFF}), 0},
		{"no scan before EOI", append(bytes.Clone(base[:sos]), 0xFF, 0xD9), 0},
		{"two JFIF segments", insertAt(base, sos, seg(0xE0, jfifPlain)), 0},
		{"JFXX APP0 (Go then stops treating it as JFIF)", insertAt(base, sos, seg(0xE0, "JFXX\x00\x10")), 0},
		{"not a JPEG", pngBytes(t, 4, 4), 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := tc.w
			if w == 0 {
				w = 64
			}
			if _, ok := stripJPEG(tc.data, w, 48); ok {
				t.Fatal("stripJPEG accepted it")
			}
			if tc.w != 0 {
				return // Process takes the size from this very SOF
			}
			img, err := (&Store{}).Process(bytes.NewReader(tc.data), 0)
			if err != nil {
				if c := apperr.As(err).Code; c != "photo.not_image" && c != "photo.corrupt" {
					t.Fatalf("err = %v, want not_image or corrupt", err)
				}
				return
			}
			want, err := reencode(tc.data, "jpeg")
			if err != nil || !bytes.Equal(img.JPEG, want.JPEG) {
				t.Errorf("stored %d bytes, not the re-encoded photo (%d bytes, %v)", len(img.JPEG), len(want.JPEG), err)
			}
		})
	}
}

// FuzzStripJPEG: no input panics, and what is accepted is a JPEG of the
// same size that strips to itself.
func FuzzStripJPEG(f *testing.F) {
	base := browserJPEG(f, 24, 16, 85)
	f.Add(base)
	f.Add(withExif(base, 1))
	f.Add(append(bytes.Clone(base), "after EOI"...))
	f.Add(base[:len(base)/2])
	for _, name := range []string{"video-005.gray.q50.progressive.jpeg", "video-001.q50.420.progressive.jpeg", "video-001.restart2.jpeg"} {
		if data, err := os.ReadFile(filepath.Join(runtime.GOROOT(), "src", "image", "testdata", name)); err == nil {
			f.Add(data)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
		if err != nil || format != "jpeg" {
			return // Process refuses it before stripping
		}
		out, ok := stripJPEG(data, cfg.Width, cfg.Height)
		if !ok {
			return
		}
		got, format, err := image.DecodeConfig(bytes.NewReader(out))
		if err != nil || format != "jpeg" || got.Width != cfg.Width || got.Height != cfg.Height {
			t.Fatalf("accepted output: %v %q %dx%d, want jpeg %dx%d", err, format, got.Width, got.Height, cfg.Width, cfg.Height)
		}
		if again, ok := stripJPEG(out, cfg.Width, cfg.Height); !ok || !bytes.Equal(again, out) || len(out) > len(data) {
			t.Fatalf("stripping the output again: ok=%v, changed=%v, grew=%v", ok, !bytes.Equal(again, out), len(out) > len(data))
		}
	})
}

// BenchmarkProcessSmallJPEG: what a browser-shrunk 1600×1200 photo costs
// stored stripped, against the decode/re-encode path it took before.
func BenchmarkProcessSmallJPEG(b *testing.B) {
	pic := browserJPEG(b, 1600, 1200, 85)
	b.Run("stripped", func(b *testing.B) {
		var img Image
		for b.Loop() {
			var err error
			if img, err = (&Store{}).Process(bytes.NewReader(pic), 0); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(len(img.JPEG)), "stored-bytes")
	})
	b.Run("reencoded", func(b *testing.B) {
		var img Image
		var err error
		for b.Loop() {
			if _, _, err := inspect(pic); err != nil {
				b.Fatal(err)
			}
			if img, err = reencode(pic, "jpeg"); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(len(img.JPEG)), "stored-bytes")
	})
}
