package lists

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestExportsLibreOfficeRoundTrip converts the four lists and the
// statistics with LibreOffice, which many schools open them with, and
// checks that every sheet reads back exactly as written (excelize's
// reading of the same file, itself checked in TestExports), Chinese
// headers, escaped "=" text and all.
func TestExportsLibreOfficeRoundTrip(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		if os.Getenv("SAFECAMPUS_REQUIRE_LIBREOFFICE") == "1" {
			t.Fatal("soffice not on PATH (SAFECAMPUS_REQUIRE_LIBREOFFICE=1)")
		}
		t.Skip("soffice (LibreOffice) not on PATH; set SAFECAMPUS_REQUIRE_LIBREOFFICE=1 to fail instead")
	}
	f := newFixture(t, "sqlite")
	dir := t.TempDir()
	want := map[string]map[string][][]string{}
	var inputs []string
	for kind, exp := range f.exports() {
		var buf bytes.Buffer
		if _, err := exp(f.ctx, f.office(), &buf); err != nil {
			t.Fatalf("%s: %v", kind, err)
		}
		want[kind] = sheets(t, buf.Bytes())
		in := filepath.Join(dir, kind+".xlsx")
		if err := os.WriteFile(in, buf.Bytes(), 0o600); err != nil {
			t.Fatal(err)
		}
		inputs = append(inputs, in)
	}
	// Sheet -1 in the filter options writes every sheet, each to
	// <file>-<sheet name>.csv. Its own profile and HOME: tests may run as
	// root and next to other soffice runs.
	profile := filepath.Join(dir, "profile")
	args := append([]string{"-env:UserInstallation=file://" + profile, "--headless", "--norestore",
		"--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1", "--outdir", dir}, inputs...)
	cmd := exec.Command(soffice, args...)
	cmd.Env = append(os.Environ(), "HOME="+dir)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, b)
	}
	for kind, shs := range want {
		for name, rows := range shs {
			data, err := os.ReadFile(filepath.Join(dir, kind+"-"+name+".csv"))
			if err != nil {
				entries, _ := os.ReadDir(dir)
				t.Fatalf("%v (files: %v)", err, entries)
			}
			got, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			if got := normalise(got); fmt.Sprintf("%q", got) != fmt.Sprintf("%q", rows) {
				t.Errorf("LibreOffice reads %s sheet %s as\n%q\nwant\n%q", kind, name, got, rows)
			}
			if len(rows) < 2 && name != "说明" && kind != ExportWork {
				t.Errorf("%s sheet %s is empty: the round trip proves little", kind, name)
			}
		}
	}
}
