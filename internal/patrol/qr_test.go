package patrol

import (
	"bytes"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func TestQRPNG(t *testing.T) {
	const url = "https://safecampus.example.cn/qr/abcdefghijklmnopqrstuvwxyz"
	b, err := QRPNG(url, 256)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("not a PNG: %v", err)
	}
	if sz := img.Bounds().Size(); sz.X != 256 || sz.Y != 256 {
		t.Fatalf("size %v, want 256×256", sz)
	}
	zbar, err := exec.LookPath("zbarimg")
	if err != nil {
		t.Skip("zbarimg not installed: the PNG is checked, its content is not decoded")
	}
	file := filepath.Join(t.TempDir(), "qr.png")
	if err := os.WriteFile(file, b, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(zbar, "--raw", "-q", file).Output()
	if err != nil {
		t.Fatalf("zbarimg: %v", err)
	}
	if got := strings.TrimSpace(string(out)); got != url {
		t.Fatalf("decoded %q, want %q", got, url)
	}
}
