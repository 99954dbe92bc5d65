package web

import (
	"net/http"
	"strings"

	"safecampus/internal/apperr"
	"safecampus/internal/auth"
	"safecampus/internal/checklist"
	"safecampus/internal/org"
)

// itemForm is the item form's state: the item plus its questions as the
// textarea shows them, one per line.
type itemForm struct {
	checklist.Item
	QuestionText string
	Places       map[string]bool
}

func newItemForm(it checklist.Item) itemForm {
	f := itemForm{Item: it, Places: map[string]bool{}}
	lines := make([]string, len(it.Questions))
	for i, q := range it.Questions {
		lines[i] = q.Text
	}
	f.QuestionText = strings.Join(lines, "\n")
	for _, p := range it.PlaceTypes {
		f.Places[p] = true
	}
	return f
}

func (s *Server) itemFormPage(r *http.Request, title string, f itemForm) (*page, error) {
	a, school := actorFrom(r.Context()), schoolFrom(r.Context()).ID
	if !auth.Can(a, auth.PermChecklistManage, auth.SchoolScope(school)) {
		return nil, apperr.ForbiddenErr(string(auth.PermChecklistManage))
	}
	p := s.newPage(r, title)
	p.Form = f
	p.Data = map[string]any{"Areas": checklist.Areas, "PlaceTypes": org.PlaceTypes,
		"Levels": []option{{checklist.LevelGeneral, checklist.LevelLabel(checklist.LevelGeneral)}, {checklist.LevelMajor, checklist.LevelLabel(checklist.LevelMajor)}}}
	return p, nil
}

func (s *Server) checklistItemNew(w http.ResponseWriter, r *http.Request) error {
	if _, err := requireSchool(r); err != nil {
		return err
	}
	it := checklist.Item{Area: checklist.Area(r.URL.Query().Get("area")), DefaultLevel: checklist.LevelGeneral}
	p, err := s.itemFormPage(r, "新建检查项", newItemForm(it))
	if err != nil {
		return err
	}
	return s.render(w, r, "checklist_item_form", p)
}

func (s *Server) checklistItemEdit(w http.ResponseWriter, r *http.Request) error {
	school, err := requireSchool(r)
	if err != nil {
		return err
	}
	it, err := s.Checklist.FindItem(r.Context(), actorFrom(r.Context()), school, strings.ToUpper(r.PathValue("code")))
	if err != nil {
		return err
	}
	p, err := s.itemFormPage(r, "编辑检查项", newItemForm(it))
	if err != nil {
		return err
	}
	return s.render(w, r, "checklist_item_form", p)
}

func (s *Server) checklistItemCreate(w http.ResponseWriter, r *http.Request) error {
	return s.checklistItemSave(w, r, "")
}

func (s *Server) checklistItemUpdate(w http.ResponseWriter, r *http.Request) error {
	return s.checklistItemSave(w, r, strings.ToUpper(r.PathValue("code")))
}

// checklistItemSave stores the form: a new item, or a new version of the
// item code (whose id the form carries, so a stale edit is refused).
func (s *Server) checklistItemSave(w http.ResponseWriter, r *http.Request, code string) error {
	school, err := requireSchool(r)
	if err != nil {
		return err
	}
	if err := r.ParseForm(); err != nil {
		return apperr.Invalidf("form.invalid", "表单无法读取。")
	}
	it := checklist.Item{Code: r.PostFormValue("code"), Area: checklist.Area(r.PostFormValue("area")), Title: r.PostFormValue("title"),
		PlaceTypes: r.PostForm["place_type"], PhotoRequiredOnFail: r.PostFormValue("photo_required") == "true",
		DefaultLevel: r.PostFormValue("default_level")}
	for _, line := range strings.Split(r.PostFormValue("questions"), "\n") {
		it.Questions = append(it.Questions, checklist.Question{Text: line})
	}
	title := "新建检查项"
	if code != "" {
		title, it.Code = "编辑检查项", code
		if it.ID, err = formID(r, "id"); err != nil {
			return err
		}
		if it.ID == 0 {
			return apperr.Invalidf("form.invalid", "表单缺少检查项版本，请刷新后重试。")
		}
	}
	a := actorFrom(r.Context())
	saved, err := s.Checklist.SaveItem(r.Context(), a, school, it)
	if err != nil {
		f := newItemForm(it)
		f.QuestionText = r.PostFormValue("questions")
		if code != "" { // keep showing which version was edited
			if cur, ferr := s.Checklist.FindItem(r.Context(), a, school, code); ferr == nil {
				f.Version, f.SchoolID = cur.Version, cur.SchoolID
			}
		}
		p, perr := s.itemFormPage(r, title, f)
		if perr != nil {
			return perr
		}
		return s.formInvalid(w, r, err, "checklist_item_form", p)
	}
	return s.redirectf(w, r, "/checklist#"+saved.Code, "检查项 %s 已保存（第 %d 版）。", saved.Code, saved.Version)
}
