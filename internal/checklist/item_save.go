package checklist

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"safecampus/internal/apperr"
	"safecampus/internal/audit"
	"safecampus/internal/auth"
	"safecampus/internal/org"
	"safecampus/internal/sqldb"
)

// Limits of a school's own item.
const (
	maxTitle     = 200
	maxQuestion  = 300
	maxQuestions = 60
)

// codePattern is what an item code may look like: letters, digits and
// "-", "_" (the catalogue's style, e.g. FIRE-4 or XJ-1). The "." is kept
// for question codes.
var codePattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$`)

// SaveItem creates a school's own item (it.ID == 0) or stores an edit of
// the current item it.ID as a new version: the old row stays for the
// inspections that used it. Editing a built-in item gives the school its
// own version of that code; other schools keep the built-in one.
func (s *Service) SaveItem(ctx context.Context, a *auth.Actor, school int64, it Item) (Item, error) {
	if err := require(a, auth.PermChecklistManage, school); err != nil {
		return Item{}, err
	}
	it, fe := normalizeItem(it)
	if err := fe.err("check_item.invalid"); err != nil {
		return Item{}, err
	}
	err := s.write(ctx, a, func(tx *sqldb.Tx) (audit.Record, error) {
		if err := lockSchool(ctx, tx, school); err != nil {
			return audit.Record{}, err
		}
		return saveItem(ctx, tx, school, &it, s.Now())
	})
	if errors.Is(err, errUnchanged) {
		return it, nil
	}
	if err != nil {
		return Item{}, err
	}
	return it, nil
}

// saveItem stores it (already normalised) inside tx and returns the audit
// record; it gets its new id and version.
func saveItem(ctx context.Context, tx *sqldb.Tx, school int64, it *Item, now time.Time) (audit.Record, error) {
	old, err := findItem(ctx, tx, school, it.Code)
	exists := err == nil
	if err != nil && !apperr.Is(err, apperr.NotFound) {
		return audit.Record{}, err
	}
	rec := audit.Record{SchoolID: school, Entity: "check_item"}
	switch {
	case it.ID == 0 && exists:
		return rec, apperr.Fields("check_item.code_taken", []apperr.FieldError{{Field: "code", Message: "检查项编码“" + it.Code + "”已被使用。"}})
	case it.ID != 0 && !exists:
		return rec, apperr.NotFoundf("check_item.not_found", "检查项 %s 不存在。", it.Code)
	case it.ID != 0 && old.ID != it.ID:
		return rec, apperr.New(apperr.Conflict, "check_item.stale", "该检查项已被他人修改，请刷新后重试。")
	}
	it.SchoolID, it.Version, it.ReplacesID, it.Current = school, 1, 0, true
	rec.Action = "check_item.create"
	if exists {
		old.Disabled = false
		if sameContent(old, *it) {
			*it = old
			return rec, errUnchanged
		}
		it.Version, it.ReplacesID = old.Version+1, old.ID
		rec.Action, rec.Before = "check_item.update", old
		if !old.Builtin() {
			if _, err := tx.ExecContext(ctx, `UPDATE check_items SET current = FALSE WHERE id = $1 AND school_id = $2`, old.ID, school); err != nil {
				return rec, err
			}
		}
	}
	id, err := insertItem(ctx, tx, school, *it, it.ReplacesID, now)
	if err != nil {
		return rec, err
	}
	saved, err := loadItems(ctx, tx, `i.id = $1`, id)
	if err != nil || len(saved) != 1 {
		return rec, fmt.Errorf("reload check item %d: %v", id, err)
	}
	*it = saved[0]
	rec.EntityID, rec.After = id, saved[0]
	return rec, nil
}

// normalizeItem trims and checks an item from a form or a file, and
// numbers its questions after its code.
func normalizeItem(it Item) (Item, fieldErrs) {
	var fe fieldErrs
	it.Code = strings.ToUpper(strings.TrimSpace(it.Code))
	if it.Code == "" {
		fe.add("code", "请填写检查项编码。")
	} else if !codePattern.MatchString(it.Code) {
		fe.add("code", "检查项编码只能包含字母、数字、“-”和“_”，最多 32 个字符。")
	}
	if areaIndex(it.Area) == len(Areas) {
		fe.add("area", "请选择领域。")
	}
	it.Title = strings.TrimSpace(it.Title)
	if it.Title == "" {
		fe.add("title", "请填写检查项名称。")
	} else if utf8.RuneCountInString(it.Title) > maxTitle {
		fe.add("title", fmt.Sprintf("检查项名称过长（最多 %d 个字）。", maxTitle))
	}
	var places []string
	seen := map[string]bool{}
	for _, p := range it.PlaceTypes {
		if p = strings.TrimSpace(p); p == "" || seen[p] {
			continue
		}
		seen[p] = true
		if !validPlaceType(p) {
			fe.add("place_types", "场所类型“"+p+"”不存在。")
		}
		places = append(places, p)
	}
	it.PlaceTypes = places
	if it.DefaultLevel == "" {
		it.DefaultLevel = LevelGeneral
	}
	if it.DefaultLevel != LevelGeneral && it.DefaultLevel != LevelMajor {
		fe.add("default_level", "默认隐患等级只能是一般隐患或重大隐患。")
	}
	var qs []Question
	for _, q := range it.Questions {
		text := strings.TrimSpace(q.Text)
		if text == "" {
			continue
		}
		if utf8.RuneCountInString(text) > maxQuestion {
			fe.add("questions", fmt.Sprintf("第 %d 个问题过长（最多 %d 个字）。", len(qs)+1, maxQuestion))
		}
		qs = append(qs, Question{Code: it.Code + "." + strconv.Itoa(len(qs)+1), Text: text})
	}
	if len(qs) == 0 {
		fe.add("questions", "请至少填写一个检查问题。")
	} else if len(qs) > maxQuestions {
		fe.add("questions", fmt.Sprintf("一个检查项最多 %d 个问题。", maxQuestions))
	}
	it.Questions = qs
	return it, fe
}

func validPlaceType(p string) bool {
	for _, x := range org.PlaceTypes {
		if string(x.Code) == p {
			return true
		}
	}
	return false
}

// lockSchool serialises library writes of one school on PostgreSQL (two
// creates of the same code must not both pass the uniqueness check) and
// answers NotFound for a school that does not exist.
func lockSchool(ctx context.Context, tx *sqldb.Tx, school int64) error {
	var id int64
	err := tx.QueryRowContext(ctx, `SELECT id FROM schools WHERE id = $1`+tx.Dialect.ForUpdate(), school).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return apperr.NotFoundf("school.not_found", "学校不存在。")
	}
	return err
}
