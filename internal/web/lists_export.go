package web

import (
	"context"
	"io"
	"net/http"

	"safecampus/internal/auth"
	"safecampus/internal/lists"
)

type listsExportFn func(ctx context.Context, a *auth.Actor, school int64, f lists.Filter, w io.Writer) (int, error)

// listsExport downloads one of the four lists, filtered as on its page.
func (s *Server) listsExport(kind string, fn func(s *Server) listsExportFn) handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		school, err := requireSchool(r)
		if err != nil {
			return err
		}
		now, loc := s.Now(), schoolFrom(r.Context()).Location()
		dw := &downloadWriter{w: w, name: lists.ExportFileName(kind, now, loc, ""), ascii: lists.ExportASCIIName(kind, now, loc, "")}
		n, err := fn(s)(r.Context(), actorFrom(r.Context()), school, listsFilter(r), dw)
		if err != nil && dw.started {
			// Half a file is already on its way; all that is left is to log.
			s.Log.Error("export interrupted", "kind", kind, "rows", n, "err", err)
			return nil
		}
		return err
	}
}

func (s *Server) workListExport() handler {
	return s.listsExport(lists.ExportWork, func(s *Server) listsExportFn { return s.Lists.ExportWorkList })
}

func (s *Server) problemListExport() handler {
	return s.listsExport(lists.ExportProblems, func(s *Server) listsExportFn { return s.Lists.ExportProblemList })
}

func (s *Server) responsibilityListExport() handler {
	return s.listsExport(lists.ExportResponsibility, func(s *Server) listsExportFn { return s.Lists.ExportResponsibilityList })
}

func (s *Server) rectificationListExport() handler {
	return s.listsExport(lists.ExportRectification, func(s *Server) listsExportFn { return s.Lists.ExportRectificationList })
}
