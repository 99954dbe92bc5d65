package web

import (
	"net/http"
	"strings"
	"time"

	"safecampus/internal/dashboard"
	"safecampus/internal/figures"
)

// dashboardSpan reads ?period=, defaulting to the current quarter in the
// school's calendar. Quarters, half-years, months and years are offered;
// a hand-typed range of dates works too.
func (s *Server) dashboardSpan(r *http.Request, loc *time.Location) (figures.Span, error) {
	key := strings.TrimSpace(r.URL.Query().Get("period"))
	if key == "" {
		return figures.QuarterOf(s.Now(), loc), nil
	}
	return figures.SpanOf(key)
}

// dashboardChoices are this year's and last year's quarters and the last
// three years, newest first, always including the chosen span.
func (s *Server) dashboardChoices(loc *time.Location, chosen figures.Span) []choice {
	var out []choice
	seen := false
	add := func(sp figures.Span) {
		out = append(out, choice{sp.Key, sp.Label, sp.Key == chosen.Key})
		seen = seen || sp.Key == chosen.Key
	}
	cur := figures.QuarterOf(s.Now(), loc)
	for sp, i := cur, 0; i < 8; sp, i = sp.Prev(), i+1 {
		add(sp)
	}
	y, _ := figures.SpanOf(cur.Key[:4])
	for i := 0; i < 3; y, i = y.Prev(), i+1 {
		add(y)
	}
	if !seen {
		out = append([]choice{{chosen.Key, chosen.Label, true}}, out...)
	}
	return out
}

// dashboardPage is the leaders' dashboard of the current school.
func (s *Server) dashboardPage(w http.ResponseWriter, r *http.Request) error {
	school, err := requireSchool(r)
	if err != nil {
		return err
	}
	loc := schoolFrom(r.Context()).Location()
	sp, err := s.dashboardSpan(r, loc)
	if err != nil {
		return err
	}
	b, err := s.Dashboard.Leaders(r.Context(), actorFrom(r.Context()), school, sp)
	if err != nil {
		return err
	}
	return s.renderBoard(w, r, b, loc, "/dashboard")
}

// dashboardSchool is one overseen school's dashboard, opened from the
// authority page: a school outside the viewer's reach is "not found".
func (s *Server) dashboardSchool(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	sp, err := s.dashboardSpan(r, shanghai)
	if err != nil {
		return err
	}
	b, err := s.Dashboard.SchoolBoard(r.Context(), actorFrom(r.Context()), id, sp)
	if err != nil {
		return err
	}
	return s.renderBoard(w, r, b, shanghai, r.URL.Path)
}

// maxMajorRows bounds the major-hazard table; the rest are one click away
// in the hazard list.
const maxMajorRows = 50

func (s *Server) renderBoard(w http.ResponseWriter, r *http.Request, b dashboard.Board, loc *time.Location, base string) error {
	p := s.newPage(r, "领导驾驶舱")
	charts := boardCharts(b)
	for i := range charts { // the charts speak the page's language
		c := &charts[i]
		c.Title = p.T(c.Title)
		for j := range c.Categories {
			c.Categories[j] = p.T(c.Categories[j])
		}
		for j := range c.Series {
			c.Series[j].Name = p.T(c.Series[j].Name)
		}
	}
	majors, more := b.Hazards.OpenMajor, 0
	if len(majors) > maxMajorRows {
		majors, more = majors[:maxMajorRows], len(majors)-maxMajorRows
	}
	p.Data = map[string]any{"B": b, "ChartsHTML": chartFigures(charts, p.T("分类"), p.T("本期没有数据。")), "Majors": len(majors), "MajorRows": majorRows(majors, p.T("逾期"), p.T("挂牌中"), p.T("已制定"), p.T("未制定")), "MoreMajors": more, "Base": base,
		"Choices": s.dashboardChoices(loc, b.Span), "Prev": b.Span.Prev(), "Next": b.Span.Next(),
		"UpdatedAt": b.ComputedAt.In(loc).Format("15:04"), "OverdueLink": "/hazards?overdue=1", "MajorLink": "/hazards?level=major&status=open"}
	return s.render(w, r, "dashboard", p)
}
