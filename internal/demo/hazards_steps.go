package demo

import (
	"database/sql"
	"errors"
	"fmt"
	"time"

	"safecampus/internal/auth"
	"safecampus/internal/hazard"
)

// get loads hazard id as the system sees it.
func (w *hazardWalker) get(id int64) *hazard.Hazard {
	if w.l.err != nil {
		return nil
	}
	h, err := w.svc.Get(w.l.ctx, w.l.sys, w.l.school, id)
	w.l.err = err
	return h
}

// actor loads a demo login once.
func (w *hazardWalker) actor(login string) *auth.Actor {
	if a, ok := w.actors[login]; ok {
		return a
	}
	a, err := w.l.demoActor(login)
	if err != nil {
		w.l.err = err
		return nil
	}
	w.actors[login] = a
	return a
}

// step takes st on h as login at when (kept before the demo's now, so the
// newest steps still happened in the past) and refreshes h.
func (w *hazardWalker) step(h *hazard.Hazard, login string, when time.Time, st hazard.Step) {
	if w.l.err != nil {
		return
	}
	a := w.actor(login)
	if a == nil {
		return
	}
	if latest := w.now.Add(-10 * time.Minute); when.After(latest) {
		when = latest
	}
	*w.at = when
	st.Version = h.Version
	got, err := w.svc.Apply(w.l.ctx, a, w.l.school, h.ID, st)
	if err != nil {
		w.l.err = fmt.Errorf("demo hazard %s %s by %s: %w", h.Number, st.Action, login, err)
		return
	}
	*h = *got
}

type assignee struct{ unit, person, login string }

// responsible is who rectifies h: its unit's demo account, else 后勤管理处.
func (w *hazardWalker) responsible(h *hazard.Hazard) assignee {
	r, ok := responsibleFor[h.UnitName]
	if !ok {
		r = responsibleFor["后勤管理处"]
	}
	return assignee(r)
}

// acceptorLogin is the supervising leader (张佩武, deputy head of the
// leading group), or the principal for what he found himself.
func (w *hazardWalker) acceptorLogin(h *hazard.Hazard) string {
	if h.FoundByPersonID == w.l.person["张佩武"] {
		return "principal"
	}
	return "supervisor"
}

func (w *hazardWalker) acceptorPerson(h *hazard.Hazard) int64 {
	if w.acceptorLogin(h) == "principal" {
		return w.l.person["姜声扬"]
	}
	return w.l.person["张佩武"]
}

func (w *hazardWalker) date(t time.Time) string { return t.In(demoLocation()).Format(time.DateOnly) }

// assign hands h to its unit with measures and a deadline days later.
func (w *hazardWalker) assign(h *hazard.Hazard, when time.Time, days int) {
	r := w.responsible(h)
	measures := measuresFor[h.Area]
	if measures == "" {
		measures = "立即组织整改，整改完成后拍照上传并申请验收。"
	}
	w.step(h, "office", when, hazard.Step{Action: hazard.ActAssign, UnitID: w.l.unit[r.unit], ResponsibleID: w.l.person[r.person],
		AcceptorID: w.acceptorPerson(h), Measures: measures, FundsYuan: int64(500 * (1 + w.seed%6)), Deadline: w.date(when.AddDate(0, 0, days)),
		Note: "请按期整改到位，逾期将按程序督办"})
	w.seed++
}

// work starts the rectification and records a progress note.
func (w *hazardWalker) work(h *hazard.Hazard, when time.Time, note string) {
	login := w.responsible(h).login
	w.step(h, login, when, hazard.Step{Action: hazard.ActStart, Note: "已收到交办，开始整改"})
	w.step(h, login, when.Add(5*time.Hour), hazard.Step{Action: hazard.ActProgress, Note: note, PhotoIDs: w.photo(login)})
}

// submit hands in the result with a photo taken after the work. Without
// a photo store there is no evidence, so the hazard stays in work and
// submit reports false.
func (w *hazardWalker) submit(h *hazard.Hazard, when time.Time, note string) bool {
	login := w.responsible(h).login
	ph := w.photo(login)
	if len(ph) == 0 {
		return false
	}
	w.step(h, login, when, hazard.Step{Action: hazard.ActSubmit, Note: note, PhotoIDs: ph})
	return w.l.err == nil
}

// earlierAtPlace is the first of the earlier hazards found at h's place
// by another inspection, or nil.
func (w *hazardWalker) earlierAtPlace(h *hazard.Hazard, earlier []int64) *hazard.Hazard {
	for _, id := range earlier {
		e := w.get(id)
		if e != nil && e.PlaceID == h.PlaceID && e.InspectionID != h.InspectionID {
			return e
		}
	}
	return nil
}

// idsOf runs a query returning one id column.
func idsOf(l *loader, query string, args ...any) ([]int64, error) {
	rows, err := l.org.DB.Read().QueryContext(l.ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

// checkpointToken is the QR token of a place's check point ("" if none).
func (l *loader) checkpointToken(place int64) string {
	var tok string
	err := l.org.DB.Read().QueryRowContext(l.ctx, `SELECT token FROM check_points WHERE place_id = $1 AND active`, place).Scan(&tok)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		l.err = err
	}
	return tok
}
