package report

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"time"

	"github.com/chromedp/chromedp"

	"safecampus/internal/apperr"
)

// PDFRenderer prints a standalone HTML document to PDF.
type PDFRenderer interface {
	PDF(ctx context.Context, html []byte) ([]byte, error)
}

// ErrNoBrowser is the answer when no Chromium is installed: the PDF is
// printed by a headless Chromium (decision 0022), the other formats work
// without one.
var ErrNoBrowser = apperr.New(apperr.Internal, "report.no_browser",
	"服务器未安装 Chromium 浏览器，无法生成 PDF。请管理员安装 chromium 和中文字体（Debian：apt-get install chromium fonts-wqy-microhei），或先下载 Word（.docx）或网页版报告。")

// FindChromium returns the path of a Chromium or Chrome binary, or "" —
// the same search as internal/testkit's Browser.
func FindChromium() string {
	if st, err := os.Stat("/usr/bin/chromium"); err == nil && !st.IsDir() && st.Mode()&0o111 != 0 {
		return "/usr/bin/chromium"
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// Chromium prints through a headless Chromium started for each document
// (about a second): reports are made a few times a campaign, and a fresh
// browser holds no state between schools. At most two print at once.
type Chromium struct {
	Path    string        // the browser; "" finds one with FindChromium
	Timeout time.Duration // per document; 0 means 60 s

	once  sync.Once
	slots chan struct{}
}

// pdfFooter is Chromium's page footer: 第 N 页 / 共 M 页. Styles must be
// inline here: the footer is its own document, outside the page's CSS.
const pdfFooter = `<div style="width:100%;text-align:center;font-size:9pt;font-family:'WenQuanYi Micro Hei','Noto Sans CJK SC',sans-serif;">` +
	`第 <span class="pageNumber"></span> 页 / 共 <span class="totalPages"></span> 页</div>`

// PDF writes html to a temporary directory, opens it in a headless
// Chromium and prints it on A4 with page numbers in the footer.
func (c *Chromium) PDF(ctx context.Context, html []byte) ([]byte, error) {
	path := c.Path
	if path == "" {
		path = FindChromium()
	}
	if path == "" {
		return nil, ErrNoBrowser
	}
	c.once.Do(func() { c.slots = make(chan struct{}, 2) })
	select {
	case c.slots <- struct{}{}:
		defer func() { <-c.slots }()
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	dir, err := os.MkdirTemp("", "safecampus-report-")
	if err != nil {
		return nil, err
	}
	// Chromium's helpers may write to the profile a moment after exit;
	// a failed removal of a temp dir is no reason to fail the report.
	defer os.RemoveAll(dir)
	file := filepath.Join(dir, "report.html")
	if err := os.WriteFile(file, html, 0o600); err != nil {
		return nil, err
	}
	timeout := c.Timeout
	if timeout <= 0 {
		timeout = 60 * time.Second
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox, // the sandbox does not run as root (containers)
		chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true),
		chromedp.UserDataDir(filepath.Join(dir, "profile")),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	defer cancelAlloc()
	browserCtx, cancelBrowser := chromedp.NewContext(allocCtx)
	defer cancelBrowser()
	u := url.URL{Scheme: "file", Path: file}
	if err := chromedp.Do(browserCtx, chromedp.Navigate(u.String())); err != nil {
		return nil, fmt.Errorf("chromium %s: open the report: %w", path, err)
	}
	pdf, err := chromedp.Run(browserCtx, chromedp.PrintToPDF(
		chromedp.PDFPaper(chromedp.PaperA4),
		chromedp.PDFMargins(25/25.4, 20/25.4, 22/25.4, 25/25.4),
		chromedp.PDFPrintBackground(),
		chromedp.PDFPreferCSSPageSize(),
		chromedp.PDFHeaderTemplate(`<span></span>`),
		chromedp.PDFFooterTemplate(pdfFooter),
		chromedp.PDFOutlineAndTagged(),
	))
	if err != nil {
		return nil, fmt.Errorf("chromium %s: print to PDF: %w", path, err)
	}
	return pdf, nil
}

// renderPDF is the standalone HTML of r printed by s.PDF.
func (s *Service) renderPDF(ctx context.Context, r *Report) ([]byte, error) {
	if s.PDF == nil {
		return nil, ErrNoBrowser
	}
	html, err := HTML(r, HTMLOptions{forPDF: true})
	if err != nil {
		return nil, err
	}
	return s.PDF.PDF(ctx, html)
}
