package testkit

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// EnvRequireBrowser makes Browser fail instead of skip when no Chromium is
// installed. CI sets it.
const EnvRequireBrowser = "SAFECAMPUS_REQUIRE_BROWSER"

// EnvScreenshots names a directory; when it is set, Screenshot writes there.
const EnvScreenshots = "SAFECAMPUS_SCREENSHOTS"

// findChromium returns the path of a Chromium or Chrome binary, or "".
func findChromium() string {
	if isExecutable("/usr/bin/chromium") {
		return "/usr/bin/chromium"
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// Browser starts a headless Chromium with a window and viewport of
// width×height (a mobile viewport when width < 600) and returns the context
// of its tab for chromedp.Run and chromedp.Do. The context times out after
// 60 s; t.Cleanup closes the browser. It skips the test when no Chromium is
// installed, unless SAFECAMPUS_REQUIRE_BROWSER=1.
//
// Each call starts its own browser (about 1 s), so tests do not share
// cookies or storage.
func Browser(t testing.TB, width, height int) context.Context {
	t.Helper()
	execPath := findChromium()
	if execPath == "" {
		const reason = "no Chromium (/usr/bin/chromium, chromium-browser or google-chrome on PATH); install the Debian package chromium"
		if os.Getenv(EnvRequireBrowser) == "1" {
			t.Fatalf("testkit: %s (%s=1)", reason, EnvRequireBrowser)
		}
		t.Skipf("testkit: %s; set %s=1 to fail instead", reason, EnvRequireBrowser)
	}

	// Not t.TempDir: Chromium's helper processes can still write to the
	// profile for a moment after the browser exits, and a failed removal
	// would fail the test.
	profile, err := os.MkdirTemp("", "safecampus-chromium-")
	if err != nil {
		t.Fatal(err)
	}

	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(execPath),
		chromedp.Headless,
		chromedp.NoSandbox, // Chromium's sandbox does not run as root
		chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true),
		chromedp.UserDataDir(profile),
		chromedp.WindowSize(width, height),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	browserCtx, cancelBrowser := chromedp.NewContext(allocCtx)
	t.Cleanup(func() {
		cancelBrowser() // closes the browser
		cancelAlloc()   // waits for the process to exit
		os.RemoveAll(profile)
	})

	// The first action starts the browser. It must run on a context without
	// a deadline: chromedp stops the whole browser when the context of that
	// first call ends.
	start := time.Now()
	if err := chromedp.Do(browserCtx); err != nil {
		t.Fatalf("testkit: starting %s: %v", execPath, err)
	}
	t.Logf("testkit: %s started in %v", execPath, time.Since(start).Round(time.Millisecond))

	ctx, cancel := context.WithTimeout(browserCtx, 60*time.Second)
	t.Cleanup(cancel)

	var vopts []chromedp.EmulateViewportOption
	if width < 600 {
		vopts = append(vopts, chromedp.EmulateMobile, chromedp.EmulatePortrait)
	}
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(int64(width), int64(height), vopts...)); err != nil {
		t.Fatalf("testkit: emulating a %d×%d viewport: %v", width, height, err)
	}
	return ctx
}

// Screenshot writes a full-page PNG of the tab of ctx to
// $SAFECAMPUS_SCREENSHOTS/name.png. It does nothing when that variable is not
// set, so tests can call it freely.
func Screenshot(t testing.TB, ctx context.Context, name string) {
	t.Helper()
	dir := os.Getenv(EnvScreenshots)
	if dir == "" {
		return
	}
	buf, err := chromedp.Run(ctx, chromedp.FullScreenshot(100)) // quality 100 = PNG
	if err != nil {
		t.Errorf("testkit: screenshot %s: %v", name, err)
		return
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Errorf("testkit: screenshot %s: %v", name, err)
		return
	}
	name = strings.NewReplacer("/", "_", `\`, "_").Replace(name)
	path := filepath.Join(dir, name+".png")
	if err := os.WriteFile(path, buf, 0o644); err != nil {
		t.Errorf("testkit: screenshot %s: %v", name, err)
		return
	}
	t.Logf("testkit: screenshot %s", path)
}
