package web

import (
	"bytes"
	"context"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// upload posts a file to /import as the browser's form does.
func (c *client) upload(kind, name string, content []byte, csrf bool) *httptest.ResponseRecorder {
	c.t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	if csrf {
		_ = mw.WriteField("csrf_token", c.token())
	}
	_ = mw.WriteField("kind", kind)
	fw, _ := mw.CreateFormFile("file", name)
	_, _ = fw.Write(content)
	_ = mw.Close()
	req := httptest.NewRequest(http.MethodPost, "/import", &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	return c.do(req)
}

var importToken = regexp.MustCompile(`name="token" value="([^"]+)"`)

func (e *testEnv) countRows(t *testing.T, query string, args ...any) int {
	t.Helper()
	var n int
	if err := e.DB.Read().QueryRowContext(context.Background(), query, args...).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

const peopleCSV = "姓名,工号,所属单位,岗位,特种岗位\n李消防,T100,配电班,值班员,消防控制室值班员\n王电工,T001,配电班,电工班长,电工\n"

func TestImportUploadPreviewCommit(t *testing.T) {
	e := newTestServer(t)
	c := e.login(t, "office")
	expect(t, c.get("/"), http.StatusOK, `href="/import"`)
	expect(t, c.get("/import"), http.StatusOK, `enctype="multipart/form-data"`, `href="/import/template/people.xlsx"`, `href="/import/template/units.xlsx"`)

	before := e.countRows(t, `SELECT COUNT(*) FROM people WHERE school_id = $1`, e.SchoolID)
	rec := c.upload("people", "人员.csv", []byte(peopleCSV), true)
	expect(t, rec, http.StatusOK, "导入预览", "新建 <strong>1</strong> 条，更新 <strong>1</strong> 条", "李消防", "电工班长", "确认导入")
	if n := e.countRows(t, `SELECT COUNT(*) FROM people WHERE school_id = $1`, e.SchoolID); n != before {
		t.Fatalf("the preview stored people: %d → %d", before, n)
	}
	tok := importToken.FindStringSubmatch(rec.Body.String())
	if tok == nil {
		t.Fatal("no token on the preview page")
	}

	// Another account cannot use the token, and it stays good for its owner.
	other := e.login(t, "admin")
	stolen := other.postForm("/import/commit", url.Values{"token": {tok[1]}})
	if stolen.Code != http.StatusSeeOther || stolen.Header().Get("Location") != "/import" {
		t.Fatalf("foreign token: status %d, location %q", stolen.Code, stolen.Header().Get("Location"))
	}
	if n := e.countRows(t, `SELECT COUNT(*) FROM people WHERE school_id = $1`, e.SchoolID); n != before {
		t.Fatal("a foreign token imported the file")
	}

	done := c.postForm("/import/commit", url.Values{"token": {tok[1]}})
	if done.Code != http.StatusSeeOther || done.Header().Get("Location") != "/people" {
		t.Fatalf("commit: status %d, location %q, body %.300s", done.Code, done.Header().Get("Location"), done.Body.String())
	}
	if n := e.countRows(t, `SELECT COUNT(*) FROM people WHERE school_id = $1`, e.SchoolID); n != before+1 {
		t.Errorf("people %d → %d, want one more", before, n)
	}
	if n := e.countRows(t, `SELECT COUNT(*) FROM people WHERE school_id = $1 AND staff_no = 'T001' AND post = '电工班长'`, e.SchoolID); n != 1 {
		t.Error("T001 was not updated")
	}
	if n := e.countRows(t, `SELECT COUNT(*) FROM audit_log WHERE school_id = $1 AND action = 'import.people' AND actor_id = $2`, e.SchoolID, e.AccountIDs["office"]); n != 1 {
		t.Errorf("import audit entries = %d, want 1", n)
	}
	// A token is good once.
	again := c.postForm("/import/commit", url.Values{"token": {tok[1]}})
	if again.Code != http.StatusSeeOther || again.Header().Get("Location") != "/import" {
		t.Errorf("second commit: status %d, location %q", again.Code, again.Header().Get("Location"))
	}
}

func TestImportRefusals(t *testing.T) {
	e := newTestServer(t)
	c := e.login(t, "office")
	bad := "姓名,工号,所属单位,入职日期\n甲,T200,配电班,2020-13-01\n乙,T201,外校保卫处,\n"
	rec := c.upload("people", "bad.csv", []byte(bad), true)
	expect(t, rec, http.StatusUnprocessableEntity, "<th>行</th><th>列</th><th>问题</th>", "<td>2</td><td>入职日期</td>", "<td>3</td><td>所属单位</td>", "未导入任何数据")
	expectAbsent(t, rec, `name="token"`)

	expect(t, c.upload("people", "photo.png", []byte("\x89PNG\r\n\x1a\n\x00\x00"), true), http.StatusUnprocessableEntity, "只支持 .xlsx 或 .csv 文件。")
	expect(t, c.upload("", "x.csv", []byte(peopleCSV), true), http.StatusUnprocessableEntity, "请选择导入的数据类型。")
	expect(t, c.upload("people", "x.csv", []byte(peopleCSV), false), http.StatusForbidden)
	huge := bytes.Repeat([]byte("a,b,c\n"), (6<<20)/6)
	expect(t, c.upload("people", "x.csv", huge, true), http.StatusUnprocessableEntity, "上传的文件过大")

	for _, user := range []string{"principal", "unithead", "staff"} {
		u := e.login(t, user)
		expect(t, u.get("/import"), http.StatusForbidden)
		expect(t, u.upload("people", "x.csv", []byte(peopleCSV), true), http.StatusForbidden)
		expect(t, u.get("/import/template/people.xlsx"), http.StatusForbidden)
		expectAbsent(t, u.get("/"), `href="/import"`)
	}
	if n := e.countRows(t, `SELECT COUNT(*) FROM people WHERE staff_no IN ('T100', 'T200', 'T201')`); n != 0 {
		t.Errorf("%d people stored by refused uploads", n)
	}
}

// TestImportLargerThanFormLimit: an import file may exceed the 1 MB cap
// on ordinary forms.
func TestImportLargerThanFormLimit(t *testing.T) {
	e := newTestServer(t)
	c := e.login(t, "office")
	var b strings.Builder
	b.WriteString("姓名,工号,所属单位,岗位\n")
	post := strings.Repeat("安", 50)
	for i := 0; b.Len() < 3<<20/2; i++ {
		fmt.Fprintf(&b, "人员%d,N%05d,配电班,%s\n", i, i, post)
	}
	rec := c.upload("people", "big.csv", []byte(b.String()), true)
	expect(t, rec, http.StatusOK, "确认导入", "另有")
}

func TestImportTemplateAndExportDownloads(t *testing.T) {
	e := newTestServer(t)
	c := e.login(t, "office")
	rec := c.get("/import/template/people.xlsx")
	expect(t, rec, http.StatusOK)
	if ct := rec.Header().Get("Content-Type"); ct != xlsxType {
		t.Errorf("Content-Type = %q", ct)
	}
	if cd := rec.Header().Get("Content-Disposition"); !strings.Contains(cd, "filename*=UTF-8''"+url.PathEscape("人员导入模板.xlsx")) {
		t.Errorf("Content-Disposition = %q", cd)
	}
	f, err := excelize.OpenReader(bytes.NewReader(rec.Body.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := f.GetRows("人员")
	f.Close()
	if len(rows) != 1 || strings.Join(rows[0], ",") != "姓名,工号,所属单位,岗位,电话,入职日期,出生日期,特种岗位" {
		t.Errorf("template rows = %q", rows)
	}
	expect(t, c.get("/import/template/accounts.xlsx"), http.StatusNotFound)

	expect(t, c.get("/units"), http.StatusOK, `href="/export/units.xlsx"`, `href="/import?kind=units"`)
	for _, tt := range []struct {
		user, path, file string
		code             int
		rows             string
	}{
		{"office", "/export/people.xlsx", "人员_2026-03-02.xlsx", 200, "王电工"},
		{"principal", "/export/units.xlsx", "单位_2026-03-02.xlsx", 200, "配电班"},
		{"unithead", "/export/people.xlsx", "", 403, ""},
		{"staff", "/export/units.xlsx", "", 403, ""},
		{"other_admin", "/export/people.xlsx", "人员_2026-03-02.xlsx", 200, "外校人员"},
	} {
		u := e.login(t, tt.user)
		rec := u.get(tt.path)
		if rec.Code != tt.code {
			t.Fatalf("%s %s: status %d", tt.user, tt.path, rec.Code)
		}
		cd := rec.Header().Get("Content-Disposition")
		if tt.code != 200 {
			if cd != "" {
				t.Errorf("%s %s: refused export is a download: %q", tt.user, tt.path, cd)
			}
			continue
		}
		if !strings.Contains(cd, url.PathEscape(tt.file)) {
			t.Errorf("%s: Content-Disposition = %q, want %s", tt.user, cd, tt.file)
		}
		f, err := excelize.OpenReader(bytes.NewReader(rec.Body.Bytes()))
		if err != nil {
			t.Fatal(err)
		}
		all, _ := f.GetRows(f.GetSheetName(0))
		f.Close()
		if got := fmt.Sprint(all); !strings.Contains(got, tt.rows) || (tt.user != "other_admin" && strings.Contains(got, "外校")) {
			t.Errorf("%s export lacks %q or shows another school: %s", tt.user, tt.rows, got)
		}
	}
	if n := e.countRows(t, `SELECT COUNT(*) FROM audit_log WHERE entity = 'export' AND action IN ('export.people', 'export.units')`); n != 3 {
		t.Errorf("export audit entries = %d, want 3", n)
	}
}
