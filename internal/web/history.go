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
	return s.chainHistory(r, schoolFrom(r.Context()).ID, entity, id)
}

// chainHistory loads a record's trail from the chain of school chain; chain
// 0 is the system chain (accounts that belong to no school), which only a
// system admin reads.
func (s *Server) chainHistory(r *http.Request, chain int64, entity string, id int64) ([]historyEntry, error) {
	a := actorFrom(r.Context())
	if chain == 0 && !a.IsSystemAdmin() || chain != 0 && !auth.Can(a, auth.PermAuditView, auth.SchoolScope(chain)) {
		return nil, nil
	}
	es, err := audit.History(r.Context(), s.DB.Read(), chain, entity, id)
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
