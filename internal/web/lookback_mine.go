package web

import (
	"net/http"
	"strconv"

	"safecampus/internal/apperr"
	"safecampus/internal/lookback"
	"safecampus/internal/photo"
)

// lookbackRecordLimit is a result with the most photos it may carry.
const lookbackRecordLimit = 6*photo.DefaultMaxBytes + 1<<20

// lookbackMine is "my re-checks": GET /lookback/mine, every re-check named
// on the viewer's person, what is still to do first, each with its result
// form. Every logged-in user may open it; most have none.
func (s *Server) lookbackMine(w http.ResponseWriter, r *http.Request) error {
	return s.renderLookbackMine(w, r, http.StatusOK, nil)
}

func (s *Server) renderLookbackMine(w http.ResponseWriter, r *http.Request, code int, rf *recordForm) error {
	school, err := requireSchool(r)
	if err != nil {
		return err
	}
	a := actorFrom(r.Context())
	cs, err := s.Lookback.Mine(r.Context(), a, school)
	if err != nil {
		return err
	}
	p := s.newPage(r, "我的复查")
	p.Data = map[string]any{"Checks": s.checkRows(p, cs, true, rf), "NoPerson": a.PersonID == 0,
		"CanSeeDraws": lookback.MayView(a, school), "CanSeeHazards": lookback.MayView(a, school), "From": "mine"}
	return s.renderStatus(w, r, code, "lookback_mine", p)
}

// lookbackRecord stores a re-check's result: POST /lookback/checks/{id},
// by the named inspector or the office. Photos are stored as the
// recorder's pending photos first (only once the recorder is known to be
// allowed) and linked by the service. A refused result comes back on the
// page it was sent from with its values (422 or 409).
func (s *Server) lookbackRecord(w http.ResponseWriter, r *http.Request) error {
	school, err := requireSchool(r)
	if err != nil {
		return err
	}
	ctx, a, id := r.Context(), actorFrom(r.Context()), optID(r.PathValue("id"))
	c, err := s.Lookback.MayRecord(ctx, a, school, id)
	if err != nil {
		return err
	}
	rf := recordFormFrom(r, id)
	in := lookback.RecordInput{Result: rf.Result, Note: rf.Note}
	if rf.Result == lookback.ResultFailed {
		in.NewDeadline = rf.NewDeadline
	}
	if r.MultipartForm != nil && len(r.MultipartForm.File[hazardPhotoField]) > 0 {
		in.PhotoIDs, rf.Errors = s.storeStepPhotos(r, school)
	}
	if len(rf.Errors) == 0 {
		if _, err = s.Lookback.Record(ctx, a, school, id, in); err == nil {
			if in.Result == lookback.ResultFailed {
				return s.redirectf(w, r, lookbackBack(r, c), "已记录复查结果：不合格，隐患 %s 已重新打开整改。", c.HazardNumber)
			}
			return s.redirect(w, r, lookbackBack(r, c), "已记录复查结果：合格。")
		}
		switch apperr.KindOf(err) {
		case apperr.Invalid, apperr.Conflict:
			e := apperr.As(err)
			rf.Errors = e.Fields
			if len(rf.Errors) == 0 {
				rf.Errors = []apperr.FieldError{{Field: "_", Message: e.Message}}
			}
		default:
			return err
		}
	}
	code := http.StatusUnprocessableEntity
	if apperr.KindOf(err) == apperr.Conflict {
		code = http.StatusConflict
	}
	if r.PostFormValue("from") == "draw" {
		return s.renderLookbackShow(w, r, code, c.DrawID, rf)
	}
	return s.renderLookbackMine(w, r, code, rf)
}

// lookbackBack is where a recorded result returns to: the draw's page
// when it was recorded there, else "my re-checks".
func lookbackBack(r *http.Request, c *lookback.Check) string {
	if r.PostFormValue("from") == "draw" {
		return "/lookback/" + strconv.FormatInt(c.DrawID, 10)
	}
	return "/lookback/mine"
}
