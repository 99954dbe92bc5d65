package web

import (
	"net/http"
	"slices"
	"strings"

	"safecampus/internal/apperr"
	"safecampus/internal/hazard"
	"safecampus/internal/photo"
)

// maxHazardPhotos bounds the photos of one step; hazardStepLimit is the
// body of a step that carries that many (the camera input posts them with
// the form, so the page works without scripts).
const (
	maxHazardPhotos  = 6
	hazardStepLimit  = maxHazardPhotos*photo.DefaultMaxBytes + 1<<20
	hazardPhotoField = "photos"
)

// stepFlash is what the user is told after each step.
var stepFlash = map[hazard.Action]string{
	hazard.ActConfirm: "已确认隐患。", hazard.ActReject: "已驳回。", hazard.ActAssign: "已交办整改。",
	hazard.ActStart: "已开始整改。", hazard.ActProgress: "已记录整改进展。", hazard.ActSubmit: "已提交验收。",
	hazard.ActAccept: "验收通过，隐患已销号。", hazard.ActReturn: "已退回整改。",
	hazard.ActRequestExtension: "延期申请已提交。", hazard.ActApproveExtension: "已批准延期。", hazard.ActRefuseExtension: "已不批准延期。",
	hazard.ActReassign: "已改派。", hazard.ActReopen: "已重新打开。", hazard.ActPlan: "治理方案已保存。",
	hazard.ActList: "已挂牌督办。", hazard.ActDelist: "已摘牌。",
}

// hazardStep takes one workflow step: POST /hazards/{id}/{action}. The
// service decides whether the actor may (the transition table and its
// guards); a refused form comes back on the record page with its values
// and the Chinese reasons (422), a step on a record changed meanwhile
// with the conflict message (409).
func (s *Server) hazardStep(w http.ResponseWriter, r *http.Request) error {
	school, err := requireSchool(r)
	if err != nil {
		return err
	}
	act := hazard.Action(r.PathValue("action"))
	if _, ok := hazard.RuleFor(act); !ok {
		return errNotFound
	}
	ctx, a, id := r.Context(), actorFrom(r.Context()), optID(r.PathValue("id"))
	st, errs := stepFromForm(r, act)
	photos := r.MultipartForm != nil && len(r.MultipartForm.File[hazardPhotoField]) > 0
	if len(errs) > 0 || photos {
		// Nothing is stored for a step the actor may not take, not even
		// the photo files; and a malformed form tells nothing to someone
		// who may not see the hazard.
		if err := s.mayStep(r, school, id, act); err != nil {
			return err
		}
	}
	if len(errs) == 0 && photos {
		st.PhotoIDs, errs = s.storeStepPhotos(r, school)
	}
	if len(errs) == 0 && act == hazard.ActReject {
		st.DuplicateOf, errs = s.duplicateOf(r, school, id)
	}
	if len(errs) > 0 {
		return s.renderHazard(w, r, http.StatusUnprocessableEntity, string(act), r.PostForm, errs)
	}
	_, err = s.Hazard.Apply(ctx, a, school, id, st)
	if err == nil {
		return s.redirect(w, r, hazardURL(id), stepFlash[act])
	}
	switch apperr.KindOf(err) {
	case apperr.Invalid, apperr.Conflict:
		e := apperr.As(err)
		errs := e.Fields
		if len(errs) == 0 {
			errs = []apperr.FieldError{{Field: "_", Message: e.Message}}
		}
		return s.renderHazard(w, r, status(e.Kind), string(act), r.PostForm, errs)
	}
	return err
}

// mayStep fails unless the actor sees the hazard and may take act now.
func (s *Server) mayStep(r *http.Request, school, id int64, act hazard.Action) error {
	ctx, a := r.Context(), actorFrom(r.Context())
	h, err := s.Hazard.Get(ctx, a, school, id)
	if err != nil {
		return err
	}
	acts, err := s.Hazard.Actions(ctx, a, h)
	if err != nil {
		return err
	}
	if !slices.Contains(acts, act) {
		return apperr.New(apperr.Forbidden, "hazard.step_forbidden", "您不能对该隐患执行此操作。")
	}
	return nil
}

// storeStepPhotos stores the photos posted with a step as the actor's
// pending photos; the step links them to the hazard.
func (s *Server) storeStepPhotos(r *http.Request, school int64) ([]int64, []apperr.FieldError) {
	files := r.MultipartForm.File[hazardPhotoField]
	if len(files) > maxHazardPhotos {
		return nil, []apperr.FieldError{{Field: hazardPhotoField, Message: "一次最多上传 6 张照片。"}}
	}
	var ids []int64
	for _, fh := range files {
		id, err := s.storeHazardPhoto(r, school, fh)
		if err != nil {
			if apperr.KindOf(err) == apperr.Invalid {
				return nil, []apperr.FieldError{{Field: hazardPhotoField, Message: apperr.As(err).Message}}
			}
			return nil, []apperr.FieldError{{Field: "_", Message: "照片保存失败，请重试。"}}
		}
		ids = append(ids, id)
	}
	return ids, nil
}

// duplicateOf resolves the number typed into the reject form ("duplicate
// of 2026-FIRE-0001") to that hazard of the same school.
func (s *Server) duplicateOf(r *http.Request, school, id int64) (int64, []apperr.FieldError) {
	num := strings.ToUpper(strings.TrimSpace(r.PostFormValue("duplicate_number")))
	if num == "" {
		return 0, nil
	}
	hs, _, err := s.Hazard.List(r.Context(), actorFrom(r.Context()), school, hazard.Filter{Query: num, Limit: 20})
	if err != nil {
		return 0, []apperr.FieldError{{Field: "_", Message: apperr.As(err).Message}}
	}
	for _, h := range hs {
		if strings.EqualFold(h.Number, num) && h.ID != id {
			return h.ID, nil
		}
	}
	return 0, []apperr.FieldError{{Field: "duplicate_number", Message: "未找到编号为 " + num + " 的其他隐患。"}}
}
