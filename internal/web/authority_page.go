package web

import (
	"net/http"

	"safecampus/internal/dashboard"
)

// authorityPage is the authority dashboard (主管部门视图): the overseen
// schools side by side for one span, ranked by overdue major hazards and
// then by failing compliance rules. Read-only; the figures come from the
// stored boards (dashboard.Service), with their age on the page.
func (s *Server) authorityPage(w http.ResponseWriter, r *http.Request) error {
	sp, err := s.dashboardSpan(r, shanghai)
	if err != nil {
		return err
	}
	var authority int64
	if id, err := parseQueryID(r, "authority"); err == nil && id > 0 {
		authority = id
	}
	v, err := s.Dashboard.Authority(r.Context(), actorFrom(r.Context()), authority, sp)
	if err != nil {
		return err
	}
	p := s.newPage(r, "主管部门视图")
	updated := ""
	if !v.OldestAt.IsZero() {
		updated = v.OldestAt.In(shanghai).Format("15:04")
	}
	p.Data = map[string]any{"V": v, "Rows": authorityRows(v.Rows, sp.Key, authorityLabels{p.T("更新中"), p.T("数据尚未计算"), p.T("未完成")}), "Choices": s.dashboardChoices(shanghai, sp), "Prev": sp.Prev(), "Next": sp.Next(),
		"UpdatedAt": updated, "RefreshEvery": int(dashboard.DefaultRefreshEvery.Minutes()), "MaxAge": int(dashboard.DefaultMaxAge.Minutes())}
	return s.render(w, r, "authority", p)
}
