package checklist

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"unicode/utf8"

	"safecampus/internal/apperr"
	"safecampus/internal/audit"
	"safecampus/internal/auth"
	"safecampus/internal/sqldb"
)

// ImportAction is what committing an item of a file will do.
type ImportAction string

const (
	ActionCreate    ImportAction = "create"    // a new school item
	ActionUpdate    ImportAction = "update"    // a new version of an item
	ActionUnchanged ImportAction = "unchanged" // same text as the library
)

// Label is the action's Chinese name.
func (a ImportAction) Label() string {
	switch a {
	case ActionCreate:
		return "新建检查项"
	case ActionUpdate:
		return "保存为新版本"
	}
	return "无变化"
}

// ImportItem is one item of an import file as it will be stored.
type ImportItem struct {
	Row    int
	Action ImportAction
	Item   Item
}

// ImportPlan is what importing an item-set file would do.
type ImportPlan struct {
	SetName                   string
	SetID                     int64 // 0: the set will be created
	Items                     []ImportItem
	Errors                    []RowError
	Create, Update, Unchanged int
}

// PreviewImport checks an item-set file against the school's library and
// returns what committing it would do, writing nothing.
func (s *Service) PreviewImport(ctx context.Context, a *auth.Actor, school int64, setName string, rows [][]string) (ImportPlan, error) {
	if err := require(a, auth.PermChecklistManage, school); err != nil {
		return ImportPlan{}, err
	}
	return planImport(ctx, s.DB.Read(), school, setName, rows)
}

// CommitImport stores the file in one transaction: new items, new versions
// of changed ones, and the set (created, or its items replaced by the
// file's). Any row error stores nothing; the plan's Errors say why.
func (s *Service) CommitImport(ctx context.Context, a *auth.Actor, school int64, setName string, rows [][]string) (ImportPlan, error) {
	if err := require(a, auth.PermChecklistManage, school); err != nil {
		return ImportPlan{}, err
	}
	now := s.Now()
	var p ImportPlan
	err := s.DB.Transact(ctx, func(tx *sqldb.Tx) error {
		if err := lockSchool(ctx, tx, school); err != nil {
			return err
		}
		var err error
		if p, err = planImport(ctx, tx, school, setName, rows); err != nil {
			return err
		}
		if len(p.Errors) > 0 {
			return apperr.Invalidf("import.rejected", "导入文件有 %d 处错误，未导入任何数据。请修改文件后重新上传。", len(p.Errors))
		}
		emit := func(rec audit.Record) error {
			rec.ActorID = a.AccountID
			_, err := audit.Append(ctx, tx, now, rec)
			return err
		}
		codes := make([]string, len(p.Items))
		for i := range p.Items {
			ii := &p.Items[i]
			codes[i] = ii.Item.Code
			if ii.Action == ActionUnchanged {
				continue
			}
			rec, err := saveItem(ctx, tx, school, &ii.Item, now)
			if err != nil {
				return err
			}
			if err := emit(rec); err != nil {
				return err
			}
		}
		set := ItemSet{ID: p.SetID, Name: p.SetName}
		if p.SetID == 0 {
			rec, err := saveSet(ctx, tx, school, &set)
			if err != nil {
				return err
			}
			if err := emit(rec); err != nil {
				return err
			}
			p.SetID = set.ID
		}
		rec, err := setSetItems(ctx, tx, school, p.SetID, codes)
		if err != nil {
			return err
		}
		rec.Action = "item_set.import"
		return emit(rec)
	})
	return p, err
}

func planImport(ctx context.Context, q sqldb.Querier, school int64, setName string, rows [][]string) (ImportPlan, error) {
	p := ImportPlan{SetName: strings.TrimSpace(setName)}
	switch {
	case p.SetName == "":
		p.Errors = append(p.Errors, RowError{Message: "请填写检查表名称。"})
	case utf8.RuneCountInString(p.SetName) > 100:
		p.Errors = append(p.Errors, RowError{Message: "检查表名称过长（最多 100 个字）。"})
	}
	err := q.QueryRowContext(ctx, `SELECT id FROM item_sets WHERE school_id = $1 AND name = $2`, school, p.SetName).Scan(&p.SetID)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return p, err
	}
	items, errs := parseFile(rows)
	p.Errors = append(p.Errors, errs...)
	lib, err := listItems(ctx, q, school)
	if err != nil {
		return p, err
	}
	byCode := make(map[string]Item, len(lib))
	for _, it := range lib {
		byCode[it.Code] = it
	}
	for _, fi := range items {
		it := Item{Code: fi.Code, Area: fi.Area, Title: fi.Title}
		for _, text := range fi.Questions {
			it.Questions = append(it.Questions, Question{Text: text})
		}
		old, exists := byCode[fi.Code]
		if exists {
			// The file carries texts only; other properties stay as they are.
			it.ID, it.PlaceTypes, it.PhotoRequiredOnFail, it.DefaultLevel = old.ID, old.PlaceTypes, old.PhotoRequiredOnFail, old.DefaultLevel
		}
		it, fe := normalizeItem(it)
		if len(fe) > 0 || fi.Area == "" || fi.Title == "" || len(fi.Questions) == 0 {
			continue // the row errors already say why
		}
		action := ActionCreate
		if exists {
			action = ActionUpdate
			if sameContent(old, it) {
				action, it = ActionUnchanged, old
			}
		}
		switch action {
		case ActionCreate:
			p.Create++
		case ActionUpdate:
			p.Update++
		default:
			p.Unchanged++
		}
		p.Items = append(p.Items, ImportItem{Row: fi.Row, Action: action, Item: it})
	}
	return p, nil
}
