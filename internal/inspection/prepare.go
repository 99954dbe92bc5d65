package inspection

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"safecampus/internal/apperr"
	"safecampus/internal/auth"
	"safecampus/internal/checklist"
	"safecampus/internal/sqldb"
)

// dueInfo is the due inspection a form fulfils, with its plan's defaults.
type dueInfo struct {
	ID       int64
	Period   string
	DueOn    string
	PlaceID  int64
	UnitID   int64
	Kind     string
	ItemSet  int64
	Status   string
	PlanName string
}

func loadDue(ctx context.Context, q sqldb.Querier, school, id int64) (dueInfo, error) {
	d := dueInfo{ID: id}
	err := q.QueryRowContext(ctx, `SELECT d.period, d.due_on, d.place_id, d.owner_unit_id, d.status, p.kind, COALESCE(p.item_set_id, 0), p.name
		FROM due_inspections d JOIN inspection_plans p ON p.id = d.plan_id WHERE d.id = $1 AND d.school_id = $2`, id, school).Scan(
		&d.Period, &d.DueOn, &d.PlaceID, &d.UnitID, &d.Status, &d.Kind, &d.ItemSet, &d.PlanName)
	if errors.Is(err, sql.ErrNoRows) {
		return d, apperr.NotFoundf("due.not_found", "待检任务不存在。")
	}
	return d, err
}

// question is an askable question with its item, keyed by question code.
type question struct {
	Item checklist.Item
	checklist.Question
}

// prepared is a form checked against the database, ready to store.
type prepared struct {
	Draft
	place     placeInfo
	due       dueInfo
	scope     auth.Scope
	items     []checklist.Item
	questions map[string]question
}

// resolve fills the form's defaults from its due inspection and place,
// checks the references every form needs (drafts included) and the
// actor's permission to inspect there.
func (s *Service) resolve(ctx context.Context, q sqldb.Querier, a *auth.Actor, school int64, d Draft) (*prepared, error) {
	p := &prepared{Draft: d}
	if !ValidClientID(d.ClientID) {
		return nil, apperr.Invalidf("inspection.client_id", "表单标识无效，请刷新页面后重试。")
	}
	if d.DueID != 0 {
		due, err := loadDue(ctx, q, school, d.DueID)
		if err != nil {
			return nil, err
		}
		p.due = due
		if p.PlaceID == 0 {
			p.PlaceID = due.PlaceID
		}
		if p.UnitID == 0 {
			p.UnitID = due.UnitID
		}
		if p.Kind == "" {
			p.Kind = Kind(due.Kind)
		}
		if p.ItemSetID == 0 {
			p.ItemSetID = due.ItemSet
		}
	}
	var f fieldErrs
	if !p.Kind.Valid() {
		f.add("kind", "请选择检查类型。")
	}
	if p.PlaceID != 0 {
		pl, err := loadPlace(ctx, q, school, p.PlaceID)
		if err != nil {
			return nil, err
		}
		if !pl.Active {
			return nil, apperr.Invalidf("place.inactive", "场所“%s”已停用，不能在此检查。", pl.Name)
		}
		p.place = pl
		if p.UnitID == 0 {
			p.UnitID = pl.UnitID
		}
	}
	if p.UnitID != 0 {
		if ok, err := inSchool(ctx, q, "units", school, p.UnitID); err != nil {
			return nil, err
		} else if !ok {
			f.add("unit_id", "被检查部门不存在或不属于本校。")
		}
	}
	if err := f.err("inspection.invalid"); err != nil {
		return nil, err
	}
	scope, err := scopeOf(ctx, q, school, p.place, p.UnitID)
	if err != nil {
		return nil, err
	}
	if err := require(a, auth.PermInspect, scope); err != nil {
		return nil, err
	}
	p.scope = scope
	return p, nil
}

// validate checks a submission completely: the answers against the
// inspection's questions, the co-inspectors, the texts and the photos a
// failed answer needs. Nothing is written before it passes.
func (s *Service) validate(ctx context.Context, q sqldb.Querier, a *auth.Actor, school int64, p *prepared) error {
	var f fieldErrs
	if p.PlaceID == 0 && p.UnitID == 0 {
		f.add("place_id", "请选择检查场所或被检查部门。")
	}
	p.Note = f.clip("note", "检查说明", p.Note, maxNote)
	p.Signature = f.clip("signature", "签名", p.Signature, maxSignature)
	if p.Signature == "" && p.SignaturePhotoID == 0 {
		// Either is a signature: the drawn one, or the typed name (the
		// form without scripts has only that).
		f.add("signature", "请签名（手写签名或输入姓名）后提交。")
	}
	items, err := s.Checklist.ItemsForInspection(ctx, q, school, p.ItemSetID, p.place.Type)
	if err != nil {
		return err
	}
	p.items = items
	p.questions = map[string]question{}
	for _, it := range items {
		for _, qu := range it.Questions {
			p.questions[qu.Code] = question{Item: it, Question: qu}
		}
	}
	if len(p.Answers) == 0 {
		f.add("answers", "请至少回答一个检查问题。")
	}
	seen := map[string]bool{}
	photos := map[int64]bool{}
	for i := range p.Answers {
		an := &p.Answers[i]
		field := "a_" + an.QuestionCode
		qu, ok := p.questions[an.QuestionCode]
		switch {
		case !ok:
			f.add(field, fmt.Sprintf("检查问题“%s”不属于本次检查的检查项。", an.QuestionCode))
			continue
		case seen[an.QuestionCode]:
			f.add(field, fmt.Sprintf("检查问题“%s”重复回答。", an.QuestionCode))
			continue
		case an.Result != ResultPass && an.Result != ResultFail && an.Result != ResultNA:
			f.add(field, fmt.Sprintf("请为检查问题“%s”选择合格、不合格或不适用。", an.QuestionCode))
		}
		seen[an.QuestionCode] = true
		an.Note = f.clip("n_"+an.QuestionCode, "备注", an.Note, maxNote)
		if an.Result == ResultFail && qu.Item.PhotoRequiredOnFail && len(an.PhotoIDs) == 0 {
			f.add(field, fmt.Sprintf("检查问题“%s”不合格时须拍照留证。", an.QuestionCode))
		}
		for _, id := range an.PhotoIDs {
			if photos[id] {
				f.add(field, "同一张照片不能用于多个检查问题。")
			}
			photos[id] = true
		}
	}
	if p.SignaturePhotoID != 0 && photos[p.SignaturePhotoID] {
		f.add("signature", "签名图片不能同时作为检查照片。")
	}
	p.CoInspectors = uniqueIDs(p.CoInspectors, a.PersonID)
	for _, id := range p.CoInspectors {
		if ok, err := inSchool(ctx, q, "people", school, id); err != nil {
			return err
		} else if !ok {
			f.add("co_inspectors", "同行检查人不存在或不属于本校。")
			break
		}
	}
	return f.err("inspection.invalid")
}

func inSchool(ctx context.Context, q sqldb.Querier, table string, school, id int64) (bool, error) {
	var n int
	err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM `+table+` WHERE id = $1 AND school_id = $2`, id, school).Scan(&n)
	return n > 0, err
}

// uniqueIDs drops zeros, duplicates and self (the inspector is not their
// own co-inspector), keeping order.
func uniqueIDs(in []int64, self int64) []int64 {
	seen := map[int64]bool{0: true, self: true}
	out := make([]int64, 0, len(in))
	for _, id := range in {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}

// periodMonth is the month key ('2026-03') of t in loc: the period of an
// inspection that fulfils no due inspection.
func periodMonth(t time.Time, loc *time.Location) string { return t.In(loc).Format("2006-01") }
