package web

import (
	"context"
	"io"
	"net/http"

	"safecampus/internal/auth"
	"safecampus/internal/org"
)

const xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

func setDownloadHeaders(w http.ResponseWriter, name, ascii string) {
	h := w.Header()
	h.Set("Content-Type", xlsxType)
	h.Set("Content-Disposition", org.ContentDisposition(name, ascii))
	h.Set("Cache-Control", "no-store") // personal data: no copies in caches
}

// downloadWriter sets the download headers on the first byte written, so
// that an export refused or failed before any byte goes out is rendered
// as an ordinary error page, not saved as a broken .xlsx.
type downloadWriter struct {
	w           http.ResponseWriter
	name, ascii string
	started     bool
}

func (d *downloadWriter) Write(b []byte) (int, error) {
	if !d.started {
		d.started = true
		setDownloadHeaders(d.w, d.name, d.ascii)
	}
	return d.w.Write(b)
}

type exportFunc func(ctx context.Context, a *auth.Actor, school int64, w io.Writer) (int, error)

func (s *Server) export(w http.ResponseWriter, r *http.Request, kind org.ImportKind, fn exportFunc) error {
	school, err := requireSchool(r)
	if err != nil {
		return err
	}
	sc := schoolFrom(r.Context())
	now, loc := s.Now(), sc.Location()
	dw := &downloadWriter{w: w, name: org.ExportFileName(kind, now, loc), ascii: org.ExportASCIIName(kind, now, loc)}
	n, err := fn(r.Context(), actorFrom(r.Context()), school, dw)
	if err != nil && dw.started {
		// Half a file is already on its way; all that is left is to log.
		s.Log.Error("export interrupted", "kind", kind, "rows", n, "err", err)
		return nil
	}
	return err
}

func (s *Server) exportUnits(w http.ResponseWriter, r *http.Request) error {
	return s.export(w, r, org.ImportUnits, s.Org.ExportUnits)
}

func (s *Server) exportPeople(w http.ResponseWriter, r *http.Request) error {
	return s.export(w, r, org.ImportPeople, s.Org.ExportPeople)
}
