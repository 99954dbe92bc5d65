package ledger

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestExportLibreOfficeRoundTrip converts the ledger export with LibreOffice,
// which many schools open it with, and checks that both sheets hold exactly
// what was stored, and that a note beginning with "=cmd" stays text.
func TestExportLibreOfficeRoundTrip(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		if os.Getenv("SAFECAMPUS_REQUIRE_LIBREOFFICE") == "1" {
			t.Fatal("soffice not on PATH (SAFECAMPUS_REQUIRE_LIBREOFFICE=1)")
		}
		t.Skip("soffice (LibreOffice) not on PATH; set SAFECAMPUS_REQUIRE_LIBREOFFICE=1 to fail instead")
	}
	f := newFixture(t, "sqlite")
	dir := t.TempDir()
	in := filepath.Join(dir, "ledger.xlsx")
	out, err := os.Create(in)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.ExportLedger(f.ctx, f.office(), f.school, "2026-03-01", "2026-03-31", out); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
	// Sheet -1 in the filter options writes every sheet, each to
	// ledger-<sheet name>.csv. Its own profile and HOME: tests may run as
	// root and next to other soffice runs.
	profile := filepath.Join(dir, "profile")
	cmd := exec.Command(soffice, "-env:UserInstallation=file://"+profile, "--headless", "--norestore",
		"--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1", "--outdir", dir, in)
	cmd.Env = append(os.Environ(), "HOME="+dir)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, b)
	}
	for name, want := range expectedSheets(f) {
		data, err := os.ReadFile(filepath.Join(dir, "ledger-"+name+".csv"))
		if err != nil {
			entries, _ := os.ReadDir(dir)
			t.Fatalf("%v (files: %v)", err, entries)
		}
		got, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		if fmt.Sprintf("%q", got) != fmt.Sprintf("%q", want) {
			t.Errorf("LibreOffice reads sheet %s as\n%q\nwant\n%q", name, got, want)
		}
	}
	// The injected note is text with its escape mark, not a formula result.
	if rows := expectedSheets(f)["检查台账"]; rows[len(rows)-1][11] != "'=cmd|' /C calc'!A0" {
		t.Errorf("fixture changed: the escaped note is not where the test looks")
	}
}
