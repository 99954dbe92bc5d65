package org

import (
	"context"
	"fmt"
	"slices"

	"safecampus/internal/sqldb"
)

// ImportPlan is what an import file will do: every row with its action,
// and every problem found. Nothing is written while Errors is not empty.
type ImportPlan struct {
	Kind    ImportKind
	Units   []UnitRow
	People  []PersonRow
	Errors  []RowError
	Ignored []string // columns of the file that are not imported

	Create, Update, Unchanged int
}

// Rows is the number of data rows in the file.
func (p ImportPlan) Rows() int { return len(p.Units) + len(p.People) }

func (p *ImportPlan) count(a ImportAction) {
	switch a {
	case ActionCreate:
		p.Create++
	case ActionUpdate:
		p.Update++
	default:
		p.Unchanged++
	}
}

// plan parses rows and checks them against the school's data in q (the
// read pool for a preview, the write transaction for a commit).
func plan(ctx context.Context, q sqldb.Querier, school int64, kind ImportKind, rows [][]string) (ImportPlan, error) {
	p := ImportPlan{Kind: kind}
	var err error
	if kind == ImportUnits {
		p.Units, p.Ignored, p.Errors = parseUnits(rows)
		err = planUnits(ctx, q, school, &p)
	} else {
		p.People, p.Ignored, p.Errors = parsePeople(rows)
		err = planPeople(ctx, q, school, &p)
	}
	sortRowErrors(p.Errors)
	return p, err
}

// planUnits resolves parent units and campuses by name. A parent is an
// existing unit or a unit created earlier in the same file; a row whose
// name and parent match an existing unit updates it.
func planUnits(ctx context.Context, q sqldb.Querier, school int64, p *ImportPlan) error {
	existing, err := listUnits(ctx, q, school)
	if err != nil {
		return err
	}
	campuses, err := campusIDs(ctx, q, school)
	if err != nil {
		return err
	}
	byName := map[string][]int64{} // name → unit ids; < 0 for rows of this file
	byKey := map[[2]any]Unit{}     // (name, parent) → existing unit
	for _, u := range existing {
		byName[u.Name] = append(byName[u.Name], u.ID)
		byKey[[2]any{u.Name, u.ParentID}] = u
	}
	bad := badRows(p.Errors)
	inFile := map[[2]any]int{} // (name, parent) → row
	for i := range p.Units {
		r := &p.Units[i]
		if bad[r.Row] {
			if r.Name != "" && !slices.Contains(byName[r.Name], int64(-r.Row)) {
				byName[r.Name] = append(byName[r.Name], int64(-r.Row)) // its children need not fail too
			}
			continue
		}
		failed := false
		addErr := func(col, msg string) {
			p.Errors = append(p.Errors, RowError{r.Row, col, msg})
			failed = true
		}
		if r.Parent != "" {
			switch ids := byName[r.Parent]; {
			case r.Parent == r.Name && len(ids) == 0:
				addErr("上级单位", "上级单位不能是本单位。")
			case len(ids) == 0:
				addErr("上级单位", fmt.Sprintf("上级单位“%s”不存在：须为已有单位，或在本文件中排在本行之前。", r.Parent))
			case len(ids) > 1:
				addErr("上级单位", fmt.Sprintf("有多个名为“%s”的单位，无法确定是哪一个。请先在系统中把它们改为不同的名称。", r.Parent))
			default:
				r.ParentID = ids[0]
			}
		}
		if r.Campus != "" {
			if id, ok := campuses[r.Campus]; ok {
				r.CampusID = id
			} else {
				addErr("校区", fmt.Sprintf("校区“%s”不存在，请先在“校区”页面添加。", r.Campus))
			}
		}
		key := [2]any{r.Name, r.ParentID}
		if first, dup := inFile[key]; dup {
			addErr("单位名称", fmt.Sprintf("与第 %d 行重复（同一上级单位下的同名单位）。", first))
		}
		inFile[key] = r.Row
		if failed {
			continue
		}
		if u, ok := byKey[key]; ok {
			r.ID, r.Action = u.ID, ActionUnchanged
			if u.Kind != r.Kind || (r.hasCampus && u.CampusID != r.CampusID) || (r.hasCode && u.Code != r.Code) {
				r.Action = ActionUpdate
			}
		} else {
			r.Action = ActionCreate
			byName[r.Name] = append(byName[r.Name], int64(-r.Row))
		}
		p.count(r.Action)
	}
	return nil
}

// planPeople resolves units by name and matches staff numbers: a staff
// number already in the school updates that person.
func planPeople(ctx context.Context, q sqldb.Querier, school int64, p *ImportPlan) error {
	units, err := listUnits(ctx, q, school)
	if err != nil {
		return err
	}
	byName := map[string][]int64{}
	inactive := map[int64]bool{}
	for _, u := range units {
		byName[u.Name] = append(byName[u.Name], u.ID)
		inactive[u.ID] = !u.Active
	}
	people, err := peopleByStaffNo(ctx, q, school)
	if err != nil {
		return err
	}
	bad := badRows(p.Errors)
	for i := range p.People {
		r := &p.People[i]
		if bad[r.Row] {
			continue
		}
		switch ids := byName[r.UnitName]; {
		case len(ids) == 0:
			p.Errors = append(p.Errors, RowError{r.Row, "所属单位", fmt.Sprintf("单位“%s”不存在，请先建立该单位（可先导入单位）。", r.UnitName)})
			continue
		case len(ids) > 1:
			p.Errors = append(p.Errors, RowError{r.Row, "所属单位", fmt.Sprintf("有多个名为“%s”的单位，无法确定是哪一个。请先在系统中把它们改为不同的名称。", r.UnitName)})
			continue
		case inactive[ids[0]]:
			p.Errors = append(p.Errors, RowError{r.Row, "所属单位", fmt.Sprintf("单位“%s”已停用。", r.UnitName)})
			continue
		default:
			r.UnitID = ids[0]
		}
		r.Action = ActionCreate
		if old, ok := people[r.StaffNo]; ok {
			r.ID, r.Action = old.ID, ActionUnchanged
			if merged := r.apply(old); !samePerson(merged, old) {
				r.Action = ActionUpdate
			}
		}
		p.count(r.Action)
	}
	return nil
}

// apply returns base with the row's values: the required columns always,
// optional ones only when the file has that column.
func (r PersonRow) apply(base Person) Person {
	base.Name, base.StaffNo, base.UnitID = r.Name, r.StaffNo, r.UnitID
	set := func(h string, dst *string, v string) {
		if r.has[h] {
			*dst = v
		}
	}
	set("岗位", &base.Post, r.Post)
	set("电话", &base.Phone, r.Phone)
	set("入职日期", &base.HireDate, r.HireDate)
	set("出生日期", &base.BirthDate, r.BirthDate)
	if r.has["特种岗位"] {
		base.SpecialPosts = r.SpecialPosts
	}
	return base
}

func samePerson(a, b Person) bool {
	return a.Name == b.Name && a.StaffNo == b.StaffNo && a.UnitID == b.UnitID && a.Post == b.Post && a.Phone == b.Phone &&
		a.HireDate == b.HireDate && a.BirthDate == b.BirthDate && slices.Equal(a.SpecialPosts, b.SpecialPosts)
}

func badRows(errs []RowError) map[int]bool {
	bad := map[int]bool{}
	for _, e := range errs {
		bad[e.Row] = true
	}
	return bad
}

func campusIDs(ctx context.Context, q sqldb.Querier, school int64) (map[string]int64, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, name FROM campuses WHERE school_id = $1`, school)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]int64{}
	for rows.Next() {
		var id int64
		var name string
		if err := rows.Scan(&id, &name); err != nil {
			return nil, err
		}
		out[name] = id
	}
	return out, rows.Err()
}

func peopleByStaffNo(ctx context.Context, q sqldb.Querier, school int64) (map[string]Person, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+personCols+personFrom+` WHERE p.school_id = $1 AND p.staff_no <> ''`, school)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]Person{}
	for rows.Next() {
		p, err := scanPerson(rows)
		if err != nil {
			return nil, err
		}
		out[p.StaffNo] = p
	}
	return out, rows.Err()
}
