package web

import (
	"net/http"

	"safecampus/internal/audit"
	"safecampus/internal/auth"
)

// historyEntry is an audit entry prepared for display.
type historyEntry struct {
	audit.Entry
	ActorName string
}

// history loads a record's audit trail when the actor may read it; else nil.
func (s *Server) history(r *http.Request, entity string, id int64) ([]historyEntry, error) {
	a, sc := actorFrom(r.Context()), schoolFrom(r.Context())
	if !auth.Can(a, auth.PermAuditView, auth.SchoolScope(sc.ID)) {
		return nil, nil
	}
	es, err := audit.History(r.Context(), s.DB.Read(), sc.ID, entity, id)
	if err != nil {
		return nil, err
	}
	names := map[int64]string{0: "系统"}
	out := make([]historyEntry, 0, len(es))
	for _, e := range es {
		n, ok := names[e.ActorID]
		if !ok {
			_ = s.DB.Read().QueryRowContext(r.Context(), `SELECT display_name FROM accounts WHERE id = $1`, e.ActorID).Scan(&n)
			names[e.ActorID] = n
		}
		out = append(out, historyEntry{Entry: e, ActorName: n})
	}
	return out, nil
}
