package org

import (
	"context"
	"errors"
	"fmt"

	"safecampus/internal/apperr"
	"safecampus/internal/audit"
	"safecampus/internal/auth"
	"safecampus/internal/sqldb"
)

// importPerm is the permission an import of kind needs.
func importPerm(kind ImportKind) auth.Permission {
	if kind == ImportUnits {
		return auth.PermOrgManage
	}
	return auth.PermPeopleManage
}

// CanImport reports whether the actor may import kind into school (pages
// ask it to offer the kinds the actor may use).
func CanImport(a *auth.Actor, school int64, kind ImportKind) bool {
	return kind.Valid() && auth.Can(a, importPerm(kind), auth.SchoolScope(school))
}

func checkImport(a *auth.Actor, school int64, kind ImportKind) error {
	if !kind.Valid() {
		return apperr.Invalidf("import.kind", "请选择导入的数据类型。")
	}
	return require(a, importPerm(kind), auth.SchoolScope(school))
}

// PreviewImport checks an import file against the school's data and
// returns what committing it would do, without writing anything.
func (s *Service) PreviewImport(ctx context.Context, a *auth.Actor, school int64, kind ImportKind, rows [][]string) (ImportPlan, error) {
	if err := checkImport(a, school, kind); err != nil {
		return ImportPlan{}, err
	}
	return plan(ctx, s.DB.Read(), school, kind, rows)
}

// errImportRejected marks a commit refused because of row errors.
func errImportRejected(p ImportPlan) error {
	return apperr.Invalidf("import.rejected", "导入文件有 %d 处错误，未导入任何数据。请修改文件后重新上传。", len(p.Errors))
}

// CommitImport checks the file again inside one transaction and stores
// every row, each with its audit entry, plus one entry for the import as a
// whole. If any row fails, nothing is stored and the plan's Errors say why.
func (s *Service) CommitImport(ctx context.Context, a *auth.Actor, school int64, kind ImportKind, rows [][]string) (ImportPlan, error) {
	if err := checkImport(a, school, kind); err != nil {
		return ImportPlan{}, err
	}
	now := s.Now()
	var p ImportPlan
	err := s.DB.Transact(ctx, func(tx *sqldb.Tx) error {
		var err error
		// Re-plan inside the transaction: the data may have changed since
		// the preview, and the preview's result is not trusted anyway.
		if p, err = plan(ctx, tx, school, kind, rows); err != nil {
			return err
		}
		if len(p.Errors) > 0 {
			return errImportRejected(p)
		}
		appendRec := func(rec audit.Record) error {
			rec.ActorID = a.AccountID
			_, err := audit.Append(ctx, tx, now, rec)
			return err
		}
		if kind == ImportUnits {
			err = s.commitUnits(ctx, tx, school, &p, appendRec)
		} else {
			err = commitPeople(ctx, tx, school, &p, appendRec)
		}
		if err != nil {
			return err
		}
		return appendRec(audit.Record{SchoolID: school, Action: "import." + string(kind), Entity: "import",
			After: map[string]int{"rows": p.Rows(), "created": p.Create, "updated": p.Update, "unchanged": p.Unchanged}})
	})
	return p, err
}

// rowFailed turns a validation error of one row into row errors; other
// errors pass through.
func rowFailed(p *ImportPlan, row int, err error, columns map[string]string) error {
	var e *apperr.Error
	if !errors.As(err, &e) || e.Kind != apperr.Invalid {
		return err
	}
	if len(e.Fields) == 0 {
		p.Errors = append(p.Errors, RowError{Row: row, Message: e.Message})
	}
	for _, f := range e.Fields {
		p.Errors = append(p.Errors, RowError{row, columns[f.Field], f.Message})
	}
	return errImportRejected(*p)
}

var unitFields = map[string]string{"name": "单位名称", "kind": "类别", "parent_id": "上级单位", "campus_id": "校区", "code": "编码"}

func (s *Service) commitUnits(ctx context.Context, tx *sqldb.Tx, school int64, p *ImportPlan, appendRec func(audit.Record) error) error {
	created := map[int64]int64{} // -row → id of the unit that row created
	for _, r := range p.Units {
		if r.Action == ActionUnchanged {
			continue
		}
		parent := r.ParentID
		if parent < 0 {
			parent = created[parent]
		}
		u := Unit{ParentID: parent, CampusID: r.CampusID, Name: r.Name, Kind: r.Kind, Code: r.Code, SchoolID: school, Active: true}
		rec := audit.Record{SchoolID: school, Entity: "unit", Action: "unit.create"}
		if r.Action == ActionUpdate {
			before, err := findUnit(ctx, tx, school, r.ID)
			if err != nil {
				return err
			}
			u = before
			u.Kind = r.Kind
			if r.hasCampus {
				u.CampusID = r.CampusID
			}
			if r.hasCode {
				u.Code = r.Code
			}
			rec.Before, rec.Action = before, "unit.update"
		}
		if err := s.validateUnit(ctx, tx, school, &u); err != nil {
			return rowFailed(p, r.Row, err, unitFields)
		}
		var err error
		if r.Action == ActionCreate {
			err = tx.QueryRowContext(ctx, `INSERT INTO units (school_id, parent_id, campus_id, name, kind, code, sort_order) VALUES ($1, $2, $3, $4, $5, $6, 0) RETURNING id`,
				school, nullID(u.ParentID), nullID(u.CampusID), u.Name, u.Kind, u.Code).Scan(&u.ID)
			created[int64(-r.Row)] = u.ID
		} else {
			_, err = tx.ExecContext(ctx, `UPDATE units SET campus_id = $3, kind = $4, code = $5 WHERE id = $1 AND school_id = $2`,
				u.ID, school, nullID(u.CampusID), u.Kind, u.Code)
		}
		if err != nil {
			return fmt.Errorf("import unit row %d: %w", r.Row, err)
		}
		rec.EntityID, rec.After = u.ID, u
		if err := appendRec(rec); err != nil {
			return err
		}
	}
	return nil
}

func commitPeople(ctx context.Context, tx *sqldb.Tx, school int64, p *ImportPlan, appendRec func(audit.Record) error) error {
	for _, r := range p.People {
		if r.Action == ActionUnchanged {
			continue
		}
		in := r.apply(Person{})
		if r.Action == ActionUpdate {
			before, err := findPerson(ctx, tx, school, r.ID)
			if err != nil {
				return err
			}
			in = r.apply(before)
		}
		in.SchoolID = school
		rec, err := savePerson(ctx, tx, school, &in)
		if err != nil {
			return rowFailed(p, r.Row, err, personFields)
		}
		if err := appendRec(rec); err != nil {
			return err
		}
	}
	return nil
}
