package web

import (
	"net/url"
	"time"

	"safecampus/internal/dashboard"
	"safecampus/internal/figures"
	"safecampus/internal/plan"
)

// chart is one chart of the dashboard and, the same value, its table
// fallback: rows are the categories, columns the series. dashboard.js
// draws it with ECharts and follows Links on a click.
type chart struct {
	ID         string   `json:"id"`
	Kind       string   `json:"kind"` // bar | hbar | line | pie | gauge
	Title      string   `json:"title"`
	Categories []string `json:"categories"`
	Series     []series `json:"series"`
	Stack      bool     `json:"stack,omitempty"`
	Percent    bool     `json:"percent,omitempty"` // values are ‰, shown as %
}

type series struct {
	Name  string   `json:"name"`
	Data  []int    `json:"data"`
	Links []string `json:"links"`
}

// problemsLink is the problem list (问题清单) of hazards found in the span,
// narrowed by extra key/value pairs: the rows behind a "found" figure.
func problemsLink(sp figures.Span, kv ...string) string {
	v := url.Values{"kind": {"hazard"}, "from": {sp.Start}, "to": {sp.End}}
	for i := 0; i+1 < len(kv); i += 2 {
		v.Set(kv[i], kv[i+1])
	}
	return "/lists/problems?" + v.Encode()
}

// countChart is a stacked bar of hazard counts: closed and open of those
// found in the span, and overdue in the backlog at its cut-off.
func countChart(id, title, kind, filter string, sp figures.Span, cs []figures.Count) chart {
	c := chart{ID: id, Kind: kind, Title: title, Stack: true}
	closed := series{Name: "已整改"}
	open := series{Name: "未整改"}
	overdue := series{Name: "逾期未整改"}
	for _, x := range cs {
		c.Categories = append(c.Categories, x.Label)
		key := x.Key
		if filter == "unit" && key == "0" {
			key = ""
		}
		closed.Data, closed.Links = append(closed.Data, x.Closed), append(closed.Links, problemsLink(sp, filter, key, "status", "closed"))
		open.Data, open.Links = append(open.Data, x.Open), append(open.Links, figures.WithQuery(x.Link, "status", "open"))
		overdue.Data, overdue.Links = append(overdue.Data, x.Overdue), append(overdue.Links, figures.WithQuery(x.Link, "overdue", "1"))
	}
	c.Series = []series{closed, open, overdue}
	return c
}

// boardCharts builds every chart of the board.
func boardCharts(b dashboard.Board) []chart {
	h, in, sp := b.Hazards, b.Inspections, b.Span
	var out []chart
	out = append(out, countChart("chart-area", "按领域", "bar", "area", sp, h.ByArea))
	units := h.ByUnit
	if len(units) > 15 {
		units = units[:15]
	}
	out = append(out, countChart("chart-unit", "按责任单位", "hbar", "unit", sp, units))
	level := chart{ID: "chart-level", Kind: "pie", Title: "按等级", Series: []series{{Name: "发现隐患"}}}
	for _, x := range h.ByLevel {
		level.Categories = append(level.Categories, x.Label)
		level.Series[0].Data = append(level.Series[0].Data, x.Total)
		level.Series[0].Links = append(level.Series[0].Links, problemsLink(sp, "level", x.Key))
	}
	out = append(out, level)
	status := chart{ID: "chart-status", Kind: "pie", Title: "按状态", Series: []series{{Name: "本期发现"}}}
	for _, x := range h.ByStatus {
		if x.Total == 0 {
			continue
		}
		status.Categories = append(status.Categories, x.Label)
		status.Series[0].Data = append(status.Series[0].Data, x.Total)
		status.Series[0].Links = append(status.Series[0].Links, problemsLink(sp, "status", x.Key))
	}
	out = append(out, status)
	weekly := chart{ID: "chart-weekly", Kind: "line", Title: "每周发现与销号", Series: []series{{Name: "发现"}, {Name: "销号"}}}
	for _, wk := range h.Weekly {
		weekly.Categories = append(weekly.Categories, wk.Start[5:])
		end := weekEnd(wk.Start)
		weekly.Series[0].Data = append(weekly.Series[0].Data, wk.Found)
		weekly.Series[0].Links = append(weekly.Series[0].Links, problemsLink(sp, "from", max(wk.Start, sp.Start), "to", min(end, sp.End)))
		weekly.Series[1].Data = append(weekly.Series[1].Data, wk.Closed)
		weekly.Series[1].Links = append(weekly.Series[1].Links, "/hazards?status=closed")
	}
	out = append(out, weekly)
	kinds := chart{ID: "chart-inspections", Kind: "bar", Title: "检查次数（按类型）", Series: []series{{Name: "检查次数"}, {Name: "发现问题的检查"}}}
	for _, x := range in.ByKind {
		if x.Total == 0 {
			continue
		}
		kinds.Categories = append(kinds.Categories, x.Label)
		kinds.Series[0].Data, kinds.Series[0].Links = append(kinds.Series[0].Data, x.Total), append(kinds.Series[0].Links, x.Link)
		kinds.Series[1].Data, kinds.Series[1].Links = append(kinds.Series[1].Data, x.Failed), append(kinds.Series[1].Links, figures.WithQuery(x.Link, "result", "fail"))
	}
	out = append(out, kinds)
	rl := in.RhythmLink
	if rl == "" {
		rl = "/rhythm"
	}
	rhythm := chart{ID: "chart-rhythm", Kind: "pie", Title: "检查频次落实", Series: []series{{Name: "应检查"}}}
	for _, x := range []struct {
		st string
		n  int
	}{{plan.StatusDone, in.Rhythm.Done}, {plan.StatusLate, in.Rhythm.Late}, {plan.StatusMissed, in.Rhythm.Missed}, {plan.StatusOpen, in.Rhythm.Open}} {
		rhythm.Categories = append(rhythm.Categories, plan.StatusLabel(x.st))
		rhythm.Series[0].Data, rhythm.Series[0].Links = append(rhythm.Series[0].Data, x.n), append(rhythm.Series[0].Links, rl)
	}
	out = append(out, rhythm)
	coverage := chart{ID: "chart-coverage", Kind: "gauge", Title: "巡查覆盖率", Percent: true, Categories: []string{"达标场所·天"},
		Series: []series{{Name: "覆盖率", Data: []int{max(b.Patrols.CoveragePermille, 0)}, Links: []string{b.Patrols.Link}}}}
	out = append(out, coverage)
	camp := chart{ID: "chart-campaign", Kind: "hbar", Title: "专项整治阶段进度", Percent: true, Series: []series{{Name: "时间进度"}, {Name: "节点完成率"}}}
	for _, c := range b.Campaigns {
		for _, ph := range c.Phases {
			camp.Categories = append(camp.Categories, ph.Name)
			done := -1
			if ph.Total > 0 {
				done = ph.Done * 1000 / ph.Total
			}
			camp.Series[0].Data, camp.Series[0].Links = append(camp.Series[0].Data, ph.ElapsedPct*10), append(camp.Series[0].Links, c.Link)
			camp.Series[1].Data, camp.Series[1].Links = append(camp.Series[1].Data, max(done, 0)), append(camp.Series[1].Links, c.Link)
		}
	}
	out = append(out, camp)
	return out
}

// weekEnd is the Sunday of the week starting on Monday start.
func weekEnd(start string) string {
	t, err := time.Parse(time.DateOnly, start)
	if err != nil {
		return start
	}
	return t.AddDate(0, 0, 6).Format(time.DateOnly)
}
