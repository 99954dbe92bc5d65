package web

import (
	"net/http"
	"time"

	"safecampus/internal/escalation"
	"safecampus/internal/hazard"
)

// hazardNoticeView is the data of hazard_notice.html: the supervision
// notice (督办单) of an overdue hazard, or why there is none.
type hazardNoticeView struct {
	H           *hazard.Hazard
	Level       string
	Overdue     bool
	Message     string // shown instead of the notice
	Deadline    string // 2026年3月1日
	DaysOverdue int
	Rung        string // the ladder step reached, in Chinese
	Action      string // what the notice asks for
	Steps       []noticeStep
	Issued      string // the date the notice is printed, in the school's zone
}

// noticeStep is one step of the escalation so far.
type noticeStep struct {
	At   string
	Note string
}

// hazardNotice is the printable A4 supervision notice of an overdue
// hazard. Whoever may see the hazard may print its notice (the core's Get
// checks it; another school's id is not found). "Overdue" is decided live
// by the ladder's own rule — open and past the deadline day in the
// school's zone — so a notice can be printed the morning after the
// deadline even before the sweep ran, and not after an extension moved
// the deadline.
func (s *Server) hazardNotice(w http.ResponseWriter, r *http.Request) error {
	school, err := requireSchool(r)
	if err != nil {
		return err
	}
	ctx, a := r.Context(), actorFrom(r.Context())
	h, err := s.Hazard.Get(ctx, a, school, optID(r.PathValue("id")))
	if err != nil {
		return err
	}
	p := s.newPage(r, "隐患整改督办单 "+h.Number)
	loc, now := p.School.Location(), s.Now()
	v := &hazardNoticeView{H: h, Level: hazard.LevelLabel(h.Level), Issued: chineseDate(now.In(loc).Format(time.DateOnly)), Deadline: chineseDate(h.Deadline)}
	switch {
	case !escalation.IsOpen(string(h.Status)):
		v.Message = "该隐患当前状态为“" + hazard.Label(h.Status) + "”，不在整改期内，无需开具督办单。"
	case !escalation.PastDeadline(h.Deadline, loc, now):
		v.Message = "该隐患尚未逾期（整改期限：" + v.Deadline + "），无需开具督办单。"
		if h.Deadline == "" {
			v.Message = "该隐患尚未确定整改期限，无需开具督办单。"
		}
	default:
		v.Overdue = true
	}
	if v.Overdue {
		rung := escalation.Step(max(h.EscalationStep, int(escalation.StepOverdue)))
		v.DaysOverdue = escalation.DaysOverdue(h.Deadline, loc, now)
		v.Rung, v.Action = rung.Label(), escalation.RequiredAction(rung)
		events, err := s.Hazard.Timeline(ctx, a, school, h.ID)
		if err != nil {
			return err
		}
		for _, e := range events {
			if e.Action == hazard.EvOverdue || e.Action == hazard.EvEscalate {
				v.Steps = append(v.Steps, noticeStep{At: e.At.In(loc).Format("2006年1月2日 15:04"), Note: e.Note})
			}
		}
	}
	p.Data = v
	return s.render(w, r, "hazard_notice", p)
}
