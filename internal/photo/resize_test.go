package photo

import (
	"image"
	"image/color"
	"math"
	"testing"
)

func TestContribs(t *testing.T) {
	tests := []struct {
		src, dst int
		want     [][]weight
	}{
		{3, 3, [][]weight{{{0, 1}}, {{1, 1}}, {{2, 1}}}},
		{4, 2, [][]weight{{{0, .5}, {1, .5}}, {{2, .5}, {3, .5}}}},
		{3, 2, [][]weight{{{0, 2. / 3}, {1, 1. / 3}}, {{1, 1. / 3}, {2, 2. / 3}}}},
	}
	for _, tc := range tests {
		got := contribs(tc.src, tc.dst)
		if len(got) != len(tc.want) {
			t.Fatalf("%d→%d: %d rows", tc.src, tc.dst, len(got))
		}
		for d := range got {
			if len(got[d]) != len(tc.want[d]) {
				t.Fatalf("%d→%d: dst %d = %v, want %v", tc.src, tc.dst, d, got[d], tc.want[d])
			}
			for i, w := range got[d] {
				if w.src != tc.want[d][i].src || math.Abs(float64(w.w-tc.want[d][i].w)) > 1e-6 {
					t.Errorf("%d→%d: dst %d = %v, want %v", tc.src, tc.dst, d, got[d], tc.want[d])
				}
			}
		}
	}
}

func TestResizeAveragesAndFlattens(t *testing.T) {
	// Row: 0, 90, 180 shrunk to two pixels → 30 and 150 (area averages).
	g := image.NewGray(image.Rect(0, 0, 3, 1))
	g.Pix[0], g.Pix[1], g.Pix[2] = 0, 90, 180
	out := resize(g, 2, 1)
	if r := out.RGBAAt(0, 0).R; r != 30 {
		t.Errorf("pixel 0 = %d, want 30", r)
	}
	if r := out.RGBAAt(1, 0).R; r != 150 {
		t.Errorf("pixel 1 = %d, want 150", r)
	}
	// A fully transparent pixel becomes white, an opaque one keeps its colour.
	n := image.NewNRGBA(image.Rect(0, 0, 2, 1))
	n.SetNRGBA(0, 0, color.NRGBA{10, 20, 30, 0})
	n.SetNRGBA(1, 0, color.NRGBA{10, 20, 30, 255})
	out = resize(n, 2, 1)
	if c := out.RGBAAt(0, 0); c != (color.RGBA{255, 255, 255, 255}) {
		t.Errorf("transparent → %v, want white", c)
	}
	if c := out.RGBAAt(1, 0); c != (color.RGBA{10, 20, 30, 255}) {
		t.Errorf("opaque → %v", c)
	}
}

func TestOrientImage(t *testing.T) {
	// 2×1 image: red left, blue right. Orientation 6 (rotate 90° clockwise)
	// gives 1×2 with red on top; 8 gives blue on top; 3 swaps left and right.
	m := image.NewRGBA(image.Rect(0, 0, 2, 1))
	red, blue := color.RGBA{255, 0, 0, 255}, color.RGBA{0, 0, 255, 255}
	m.SetRGBA(0, 0, red)
	m.SetRGBA(1, 0, blue)
	tests := []struct {
		o        int
		w, h     int
		at0, at1 image.Point
	}{
		{6, 1, 2, image.Pt(0, 0), image.Pt(0, 1)},
		{8, 1, 2, image.Pt(0, 1), image.Pt(0, 0)},
		{3, 2, 1, image.Pt(1, 0), image.Pt(0, 0)},
		{1, 2, 1, image.Pt(0, 0), image.Pt(1, 0)},
	}
	for _, tc := range tests {
		out := orientImage(m, tc.o)
		if out.Bounds().Dx() != tc.w || out.Bounds().Dy() != tc.h {
			t.Fatalf("o=%d: size %v", tc.o, out.Bounds())
		}
		if out.RGBAAt(tc.at0.X, tc.at0.Y) != red || out.RGBAAt(tc.at1.X, tc.at1.Y) != blue {
			t.Errorf("o=%d: red/blue not where expected", tc.o)
		}
	}
}
