package web

import (
	"fmt"
	"net/http"
	"net/url"

	"safecampus/internal/dashboard"
)

// authorityPageSize is how many ranked schools one page shows.
const authorityPageSize = 100

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
	// A page of the ranking at a time: the first hundred are the schools
	// that need attention; the rest are a click away.
	pageNo := 1
	if n, err := parseQueryID(r, "page"); err == nil && n > 1 {
		pageNo = int(n)
	}
	pages := max(1, (len(v.Rows)+authorityPageSize-1)/authorityPageSize)
	pageNo = min(pageNo, pages)
	from := (pageNo - 1) * authorityPageSize
	shown := v.Rows[from:min(from+authorityPageSize, len(v.Rows))]
	link := func(n int) string {
		return fmt.Sprintf("/authority?authority=%d&period=%s&page=%d", v.Authority.ID, url.QueryEscape(sp.Key), n)
	}
	pager := map[string]any{"Page": pageNo, "Pages": pages, "From": from + 1, "To": from + len(shown)}
	if pageNo > 1 {
		pager["Prev"] = link(pageNo - 1)
	}
	if pageNo < pages {
		pager["Next"] = link(pageNo + 1)
	}
	p.Data = map[string]any{"V": v, "Pager": pager, "Rows": authorityRows(shown, sp.Key, authorityLabels{p.T("更新中"), p.T("数据尚未计算"), p.T("未完成")}), "Choices": s.dashboardChoices(shanghai, sp), "Prev": sp.Prev(), "Next": sp.Next(),
		"UpdatedAt": updated, "RefreshEvery": int(dashboard.DefaultRefreshEvery.Minutes()), "MaxAge": int(dashboard.DefaultMaxAge.Minutes())}
	return s.render(w, r, "authority", p)
}
