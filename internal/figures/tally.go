package figures

import (
	"fmt"
	"net/url"
	"sort"
	"strconv"
	"time"

	"safecampus/internal/checklist"
	"safecampus/internal/hazard"
)

// tallyHazards is the whole hazard rule, free of the database: cohort is
// every hazard found in the span, backlog every hazard open at the
// cut-off, closed the closing instants in [start, cut-off), listed the
// hazards under listed supervision at the cut-off.
func tallyHazards(w window, sp Span, cohort, backlog []hzRow, closed []int64, listed map[int64]bool) Hazards {
	var h Hazards
	areas := newGroups()
	for _, a := range areaKeys() {
		areas.add(a, hazard.AreaLabel(a), "/hazards?area="+a)
	}
	levels := newGroups()
	for _, l := range []string{hazard.LevelGeneral, hazard.LevelMajor} {
		levels.add(l, hazard.LevelLabel(l), "/hazards?level="+l)
	}
	statuses := newGroups()
	for _, st := range hazard.Statuses {
		statuses.add(string(st), hazard.Label(st), "/hazards?status="+string(st))
	}
	units := newGroups()
	unit := func(r hzRow) *Count {
		key := strconv.FormatInt(r.unit, 10)
		if c := units.get(key); c != nil {
			return c
		}
		if r.unit == 0 {
			return units.add(key, "未指定单位", "/hazards")
		}
		return units.add(key, r.unitName, "/hazards?unit="+key)
	}
	weeks := newWeeks(sp, w.lastDay(sp))

	for _, r := range cohort {
		if st := statuses.get(r.status); st != nil {
			st.Total++
			if isOpen(r.status) {
				st.Open++
			}
		}
		switch r.status {
		case string(hazard.StatusRejected):
			h.Rejected++
			continue
		case string(hazard.StatusReported):
			h.Pending++
			continue
		}
		major := r.level == hazard.LevelMajor
		isClosed := r.closed != 0 && r.closed < w.cutoff
		h.Found++
		h.MajorFound += b2i(major)
		h.Closed += b2i(isClosed)
		weeks.found(w.day(r.found))
		for _, c := range []*Count{areas.get(r.area), levels.get(r.level), unit(r)} {
			if c == nil {
				continue
			}
			c.Total++
			c.Major += b2i(major)
			if isClosed {
				c.Closed++
			} else {
				c.Open++
			}
		}
	}
	for _, r := range backlog {
		overdue := r.dl != "" && r.dl < w.overdueDay
		major := r.level == hazard.LevelMajor
		if overdue {
			h.Overdue++
			for _, c := range []*Count{areas.get(r.area), levels.get(r.level), unit(r)} {
				if c != nil {
					c.Overdue++
				}
			}
		}
		if major {
			h.MajorOpen++
			h.OpenMajor = append(h.OpenMajor, MajorRow{ID: r.id, Number: r.number, Description: r.desc, UnitName: r.unitName,
				Deadline: r.dl, Status: hazard.Label(hazard.Status(r.status)), Listed: listed[r.id], Overdue: overdue, HasPlan: r.hasPlan})
		}
	}
	for _, t := range closed {
		h.Rectified++
		weeks.closed(w.day(t))
	}
	h.MajorListed = len(listed) // listed at the cut-off, open or not (the lists' ListedAtEnd)
	h.Open = h.Found - h.Closed
	h.RatePermille = perMille(h.Closed, h.Found)
	h.ByArea, h.ByLevel, h.ByStatus = areas.list(), levels.list(), statuses.list()
	h.ByUnit = units.list()
	sort.SliceStable(h.ByUnit, func(i, j int) bool {
		a, b := h.ByUnit[i], h.ByUnit[j]
		if a.Total != b.Total {
			return a.Total > b.Total
		}
		return a.Overdue > b.Overdue
	})
	sort.SliceStable(h.OpenMajor, func(i, j int) bool {
		a, b := h.OpenMajor[i], h.OpenMajor[j]
		if a.Overdue != b.Overdue {
			return a.Overdue
		}
		if a.Deadline != b.Deadline {
			return a.Deadline < b.Deadline
		}
		return a.ID < b.ID
	})
	h.Weekly = weeks.list
	return h
}

// groups keeps Counts in the order they were added.
type groups struct {
	idx  map[string]int
	rows []Count
}

func newGroups() *groups { return &groups{idx: map[string]int{}} }

func (g *groups) add(key, label, link string) *Count {
	g.idx[key] = len(g.rows)
	g.rows = append(g.rows, Count{Key: key, Label: label, Link: link})
	return &g.rows[len(g.rows)-1]
}

func (g *groups) get(key string) *Count {
	if i, ok := g.idx[key]; ok {
		return &g.rows[i]
	}
	return nil
}

func (g *groups) list() []Count { return g.rows }

// weeks are the Monday-based weeks from the span's first day to its last
// day not after today.
type weeks struct {
	first time.Time
	list  []Week
	start string
	last  string
}

func newWeeks(sp Span, last string) *weeks {
	s, _ := time.Parse(time.DateOnly, sp.Start)
	monday := s.AddDate(0, 0, -((int(s.Weekday()) + 6) % 7))
	ws := &weeks{first: monday, start: sp.Start, last: last}
	for d := monday; d.Format(time.DateOnly) <= last; d = d.AddDate(0, 0, 7) {
		ws.list = append(ws.list, Week{Start: d.Format(time.DateOnly)})
	}
	return ws
}

func (ws *weeks) at(day string) *Week {
	if day < ws.start || day > ws.last {
		return nil
	}
	d, err := time.Parse(time.DateOnly, day)
	if err != nil {
		return nil
	}
	i := int(d.Sub(ws.first).Hours()/24) / 7
	if i < 0 || i >= len(ws.list) {
		return nil
	}
	return &ws.list[i]
}

func (ws *weeks) found(day string) {
	if wk := ws.at(day); wk != nil {
		wk.Found++
	}
}

func (ws *weeks) closed(day string) {
	if wk := ws.at(day); wk != nil {
		wk.Closed++
	}
}

// areaKeys are the notice's eight areas in order, then GEN (其他).
func areaKeys() []string {
	var out []string
	for _, a := range checklist.Areas {
		out = append(out, string(a))
	}
	return append(out, hazard.AreaGeneral)
}

// areaKey folds codes outside the notice's areas into GEN.
func areaKey(code string) string {
	for _, a := range checklist.Areas {
		if string(a) == code {
			return code
		}
	}
	return hazard.AreaGeneral
}

func isOpen(st string) bool {
	for _, o := range hazard.OpenStatuses {
		if string(o) == st {
			return true
		}
	}
	return false
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// PercentOf prints a per-mille figure as a percentage with one decimal
// (85.7%), or "—" for -1 (nothing to divide).
func PercentOf(pm int) string {
	if pm < 0 {
		return "—"
	}
	return fmt.Sprintf("%d.%d%%", pm/10, pm%10)
}

// WithQuery adds key=value to link (a list URL), e.g. overdue=1.
func WithQuery(link, key, value string) string {
	u, err := url.Parse(link)
	if err != nil {
		return link
	}
	v := u.Query()
	v.Set(key, value)
	u.RawQuery = v.Encode()
	return u.String()
}
