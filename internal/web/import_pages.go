package web

import (
	"bytes"
	"net/http"
	"strings"

	"safecampus/internal/apperr"
	"safecampus/internal/auth"
	"safecampus/internal/org"
	"safecampus/internal/xlsx"
)

// importLimit bounds an import upload (xlsx.MaxFileSize plus room for the
// multipart envelope and the other form fields).
const importLimit = xlsx.MaxFileSize + 64<<10

// maxPreviewRows bounds the rows listed on the preview page; the counts
// above the table still cover the whole file.
const maxPreviewRows = 500

// importPages serves the import of units and people: upload → preview →
// confirm. It holds the previewed files between the two steps.
type importPages struct {
	s     *Server
	store *importStore
}

func newImportPages(s *Server) *importPages { return &importPages{s: s, store: newImportStore()} }

// importKinds lists the kinds the actor may import, as select options.
func importKinds(a *auth.Actor, school int64) []option {
	var out []option
	for _, k := range []org.ImportKind{org.ImportPeople, org.ImportUnits} {
		if org.CanImport(a, school, k) {
			out = append(out, option{string(k), k.Label()})
		}
	}
	return out
}

func (ip *importPages) formPage(r *http.Request, kind string) (*page, error) {
	school, err := requireSchool(r)
	if err != nil {
		return nil, err
	}
	kinds := importKinds(actorFrom(r.Context()), school)
	if len(kinds) == 0 {
		return nil, apperr.ForbiddenErr(string(auth.PermPeopleManage))
	}
	p := ip.s.newPage(r, "导入")
	p.Data = map[string]any{"Kinds": kinds, "Kind": kind}
	return p, nil
}

func (ip *importPages) form(w http.ResponseWriter, r *http.Request) error {
	p, err := ip.formPage(r, r.URL.Query().Get("kind"))
	if err != nil {
		return err
	}
	return ip.s.render(w, r, "import", p)
}

// submit reads the uploaded file and shows what importing it would do.
func (ip *importPages) submit(w http.ResponseWriter, r *http.Request) error {
	ctx, a := r.Context(), actorFrom(r.Context())
	kind := org.ImportKind(r.PostFormValue("kind"))
	p, err := ip.formPage(r, string(kind))
	if err != nil {
		return err
	}
	school := p.School.ID
	if !kind.Valid() {
		return ip.s.formInvalid(w, r, apperr.Fields("import.kind", []apperr.FieldError{{Field: "kind", Message: "请选择导入的数据类型。"}}), "import", p)
	}
	if !org.CanImport(a, school, kind) {
		return apperr.ForbiddenErr("import " + string(kind))
	}
	f, hdr, err := r.FormFile("file")
	if err != nil {
		return ip.s.formInvalid(w, r, apperr.Fields("import.file", []apperr.FieldError{{Field: "file", Message: "请选择要上传的文件。"}}), "import", p)
	}
	defer f.Close()
	rows, err := xlsx.ReadRows(f, hdr.Filename)
	if err != nil {
		if e := apperr.As(err); e.Kind == apperr.Invalid {
			err = apperr.Fields(e.Code, []apperr.FieldError{{Field: "file", Message: e.Message}})
		}
		return ip.s.formInvalid(w, r, err, "import", p)
	}
	plan, err := ip.s.Org.PreviewImport(ctx, a, school, kind, rows)
	if err != nil {
		return err
	}
	token := ""
	if len(plan.Errors) == 0 && plan.Create+plan.Update > 0 {
		token = ip.store.put(&pendingImport{account: a.AccountID, school: school, kind: kind, fileName: hdr.Filename, rows: rows}, ip.s.Now())
	}
	return ip.renderPreview(w, r, plan, hdr.Filename, token)
}

func (ip *importPages) renderPreview(w http.ResponseWriter, r *http.Request, plan org.ImportPlan, fileName, token string) error {
	p := ip.s.newPage(r, "导入预览")
	d := map[string]any{"Plan": plan, "FileName": fileName, "Token": token, "Kind": string(plan.Kind)}
	// List the rows that change something; unchanged rows only count.
	shown := 0
	units := make([]org.UnitRow, 0)
	for _, u := range plan.Units {
		if u.Action != org.ActionUnchanged && shown < maxPreviewRows {
			units, shown = append(units, u), shown+1
		}
	}
	people := make([]org.PersonRow, 0)
	for _, pr := range plan.People {
		if pr.Action != org.ActionUnchanged && shown < maxPreviewRows {
			people, shown = append(people, pr), shown+1
		}
	}
	d["Units"], d["People"], d["More"] = units, people, plan.Create+plan.Update-shown
	p.Data = d
	code := http.StatusOK
	if len(plan.Errors) > 0 {
		code = http.StatusUnprocessableEntity
	}
	return ip.s.renderStatus(w, r, code, "import_preview", p)
}

// commit stores the previewed file. The rows come from the server's
// store, never from the form; the service checks them all again.
func (ip *importPages) commit(w http.ResponseWriter, r *http.Request) error {
	school, err := requireSchool(r)
	if err != nil {
		return err
	}
	a, now := actorFrom(r.Context()), ip.s.Now()
	// A user who may import nothing is refused before the token is looked
	// at: "preview expired" would send them to a page they cannot open.
	if len(importKinds(a, school)) == 0 {
		return apperr.ForbiddenErr(string(auth.PermPeopleManage))
	}
	token := r.PostFormValue("token")
	pending, ok := ip.store.take(token, a.AccountID, school, now)
	if !ok {
		return ip.s.redirect(w, r, "/import", "导入预览已过期或已提交，请重新上传文件。")
	}
	plan, err := ip.s.Org.CommitImport(r.Context(), a, school, pending.kind, pending.rows)
	if err != nil {
		if apperr.Is(err, apperr.Invalid) && len(plan.Errors) > 0 {
			return ip.renderPreview(w, r, plan, pending.fileName, "")
		}
		if !apperr.Is(err, apperr.Forbidden) {
			ip.store.restore(token, pending) // a retry may succeed
		}
		return err
	}
	to := "/people"
	if pending.kind == org.ImportUnits {
		to = "/units"
	}
	return ip.s.redirectf(w, r, to, "导入完成：新建 %d 条，更新 %d 条，无变化 %d 条。", plan.Create, plan.Update, plan.Unchanged)
}

// template downloads an empty import file with the headers.
func (ip *importPages) template(w http.ResponseWriter, r *http.Request) error {
	school, err := requireSchool(r)
	if err != nil {
		return err
	}
	kind := org.ImportKind(strings.TrimSuffix(r.PathValue("kind"), ".xlsx"))
	if !kind.Valid() {
		return errNotFound
	}
	if !org.CanImport(actorFrom(r.Context()), school, kind) {
		return apperr.ForbiddenErr("import " + string(kind))
	}
	var buf bytes.Buffer
	if err := org.ImportTemplate(kind, &buf); err != nil {
		return err
	}
	setDownloadHeaders(w, kind.Label()+"导入模板.xlsx", string(kind)+"-template.xlsx")
	_, err = buf.WriteTo(w)
	return err
}
