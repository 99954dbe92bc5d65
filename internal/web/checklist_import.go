package web

import (
	"fmt"
	"net/http"
	"strings"

	"safecampus/internal/apperr"
	"safecampus/internal/auth"
	"safecampus/internal/checklist"
	"safecampus/internal/org"
	"safecampus/internal/xlsx"
)

// importKindChecklist marks pending item-set files in the import store.
const importKindChecklist org.ImportKind = "checklist_set"

// checklistImport serves the item-set import: upload → preview → confirm.
// It keeps previewed files in its own store; the set name travels with
// the file, never from the confirming form.
type checklistImport struct {
	s     *Server
	store *importStore
}

func newChecklistImport(s *Server) *checklistImport {
	return &checklistImport{s: s, store: newImportStore()}
}

func (ci *checklistImport) formPage(r *http.Request, setName string) (*page, error) {
	school, err := requireSchool(r)
	if err != nil {
		return nil, err
	}
	if !auth.Can(actorFrom(r.Context()), auth.PermChecklistManage, auth.SchoolScope(school)) {
		return nil, apperr.ForbiddenErr(string(auth.PermChecklistManage))
	}
	p := ci.s.newPage(r, "导入检查表")
	p.Data = map[string]any{"SetName": setName}
	return p, nil
}

func (ci *checklistImport) form(w http.ResponseWriter, r *http.Request) error {
	p, err := ci.formPage(r, r.URL.Query().Get("set"))
	if err != nil {
		return err
	}
	return ci.s.render(w, r, "checklist_import", p)
}

// submit reads the file and shows what importing it would do.
func (ci *checklistImport) submit(w http.ResponseWriter, r *http.Request) error {
	setName := strings.TrimSpace(r.PostFormValue("set_name"))
	p, err := ci.formPage(r, setName)
	if err != nil {
		return err
	}
	ctx, a, school := r.Context(), actorFrom(r.Context()), p.School.ID
	f, hdr, err := r.FormFile("file")
	if err != nil {
		return ci.s.formInvalid(w, r, apperr.Fields("import.file", []apperr.FieldError{{Field: "file", Message: "请选择要上传的文件。"}}), "checklist_import", p)
	}
	defer f.Close()
	rows, err := xlsx.ReadRows(f, hdr.Filename)
	if err != nil {
		if e := apperr.As(err); e.Kind == apperr.Invalid {
			err = apperr.Fields(e.Code, []apperr.FieldError{{Field: "file", Message: e.Message}})
		}
		return ci.s.formInvalid(w, r, err, "checklist_import", p)
	}
	plan, err := ci.s.Checklist.PreviewImport(ctx, a, school, setName, rows)
	if err != nil {
		return err
	}
	token := ""
	if len(plan.Errors) == 0 {
		// The set name rides in fileName's place: both are the user's own
		// words about this upload, shown back and checked again on commit.
		token = ci.store.put(&pendingImport{account: a.AccountID, school: school, kind: importKindChecklist, fileName: hdr.Filename + "\x00" + setName, rows: rows}, ci.s.Now())
	}
	return ci.renderPreview(w, r, plan, hdr.Filename, token)
}

func (ci *checklistImport) renderPreview(w http.ResponseWriter, r *http.Request, plan checklist.ImportPlan, fileName, token string) error {
	p := ci.s.newPage(r, "导入预览")
	p.Data = map[string]any{"Plan": plan, "FileName": fileName, "Token": token}
	code := http.StatusOK
	if len(plan.Errors) > 0 {
		code = http.StatusUnprocessableEntity
	}
	return ci.s.renderStatus(w, r, code, "checklist_import_preview", p)
}

// commit stores the previewed file; the rows come from the server's store.
func (ci *checklistImport) commit(w http.ResponseWriter, r *http.Request) error {
	school, err := requireSchool(r)
	if err != nil {
		return err
	}
	a, now := actorFrom(r.Context()), ci.s.Now()
	if !auth.Can(a, auth.PermChecklistManage, auth.SchoolScope(school)) {
		return apperr.ForbiddenErr(string(auth.PermChecklistManage))
	}
	token := r.PostFormValue("token")
	pending, ok := ci.store.take(token, a.AccountID, school, now)
	if !ok || pending.kind != importKindChecklist {
		return ci.s.redirect(w, r, "/checklist/import", "导入预览已过期或已提交，请重新上传文件。")
	}
	fileName, setName, _ := strings.Cut(pending.fileName, "\x00")
	plan, err := ci.s.Checklist.CommitImport(r.Context(), a, school, setName, pending.rows)
	if err != nil {
		if apperr.Is(err, apperr.Invalid) && len(plan.Errors) > 0 {
			return ci.renderPreview(w, r, plan, fileName, "")
		}
		ci.store.restore(token, pending) // a retry may succeed
		return err
	}
	return ci.s.redirectf(w, r, fmt.Sprintf("/checklist/sets/%d", plan.SetID),
		"导入完成：新建检查项 %d 个，保存新版本 %d 个，无变化 %d 个。", plan.Create, plan.Update, plan.Unchanged)
}
