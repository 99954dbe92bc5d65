package lists

import (
	"bytes"
	"fmt"
	"testing"

	"safecampus/internal/testkit"
	"safecampus/internal/xlsx"
)

// TestWriteAnnex: the report's annex holds the four lists as four sheets
// with exactly the rows of the single-list exports, and records nothing
// itself (the report records its generation).
func TestWriteAnnex(t *testing.T) {
	for _, d := range testkit.Dialects {
		t.Run(d, func(t *testing.T) {
			f := newFixture(t, d)
			count := func() int {
				var n int
				if err := f.db.Read().QueryRowContext(f.ctx, `SELECT COUNT(*) FROM audit_log`).Scan(&n); err != nil {
					t.Fatal(err)
				}
				return n
			}
			before := count()
			wb, err := xlsx.NewWorkbook()
			if err != nil {
				t.Fatal(err)
			}
			defer wb.Close()
			n, err := f.svc.WriteAnnex(f.ctx, f.office(), f.school, "", "", wb)
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			if _, err := wb.WriteTo(&buf); err != nil {
				t.Fatal(err)
			}
			if count() != before {
				t.Error("WriteAnnex appended audit entries")
			}
			annex := sheets(t, buf.Bytes())
			if len(annex) != 4 || n.Problems == 0 || n.Work == 0 || n.Rectification == 0 || n.Responsibility == 0 {
				t.Fatalf("annex sheets %d, counts %+v", len(annex), n)
			}
			single := func(fn func(*bytes.Buffer) error) map[string][][]string {
				var b bytes.Buffer
				if err := fn(&b); err != nil {
					t.Fatal(err)
				}
				return sheets(t, b.Bytes())
			}
			a := f.office()
			want := map[string][][]string{
				"工作清单": single(func(b *bytes.Buffer) error {
					_, err := f.svc.ExportWorkList(f.ctx, a, f.school, Filter{}, b)
					return err
				})["工作清单"],
				"问题清单": single(func(b *bytes.Buffer) error {
					_, err := f.svc.ExportProblemList(f.ctx, a, f.school, Filter{}, b)
					return err
				})["问题清单"],
				"整改清单": single(func(b *bytes.Buffer) error {
					_, err := f.svc.ExportRectificationList(f.ctx, a, f.school, Filter{}, b)
					return err
				})["整改清单"],
				"责任清单": single(func(b *bytes.Buffer) error {
					_, err := f.svc.ExportResponsibilityList(f.ctx, a, f.school, Filter{}, b)
					return err
				})["责任明细"],
			}
			for name, rows := range want {
				if fmt.Sprintf("%q", annex[name]) != fmt.Sprintf("%q", rows) {
					t.Errorf("annex sheet %s:\n got %q\nwant %q", name, annex[name], rows)
				}
			}
		})
	}
}
