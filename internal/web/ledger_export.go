package web

import (
	"net/http"

	"safecampus/internal/ledger"
)

// ledgerExport downloads the filtered ledger as .xlsx (two sheets).
func (s *Server) ledgerExport(w http.ResponseWriter, r *http.Request) error {
	school, err := requireSchool(r)
	if err != nil {
		return err
	}
	f := ledgerFilter(r)
	dw := &downloadWriter{w: w, name: ledger.ExportFileName(f, s.Now(), schoolFrom(r.Context()).Location())}
	n, err := s.Ledger.Export(r.Context(), actorFrom(r.Context()), school, f, dw)
	if err != nil && dw.started {
		// Half a file is already on its way; all that is left is to log.
		s.Log.Error("export interrupted", "kind", "ledger", "rows", n, "err", err)
		return nil
	}
	return err
}
