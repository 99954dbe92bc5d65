package org

import (
	"context"
	"database/sql"
	"errors"
	"regexp"
	"sort"
	"strings"
	"time"

	"safecampus/internal/apperr"
	"safecampus/internal/audit"
	"safecampus/internal/auth"
	"safecampus/internal/sqldb"
)

// SpecialPost is a post that needs a certificate (EDU-3, FIRE-3, LOG-1, SEC-4).
type SpecialPost string

// SpecialPosts lists the special-operation posts with their Chinese names.
var SpecialPosts = []struct {
	Code  SpecialPost
	Label string
}{
	{"fire_control_operator", "消防控制室值班员"},
	{"electrician", "电工（配电房）"},
	{"cctv_operator", "监控室值班员"},
	{"security_guard", "保安员"},
	{"elevator_manager", "电梯安全管理员"},
	{"hazmat_manager", "危化品管理员"},
	{"welder", "焊工（动火作业）"},
	{"driver", "校车驾驶员"},
}

// SpecialPostLabel returns the Chinese name of a special post code.
func SpecialPostLabel(code string) string {
	for _, p := range SpecialPosts {
		if string(p.Code) == code {
			return p.Label
		}
	}
	return code
}

func validSpecialPost(code string) bool {
	for _, p := range SpecialPosts {
		if string(p.Code) == code {
			return true
		}
	}
	return false
}

// Person is a member of staff.
type Person struct {
	ID           int64    `json:"id"`
	SchoolID     int64    `json:"school_id"`
	UnitID       int64    `json:"unit_id"`
	StaffNo      string   `json:"staff_no"`
	Name         string   `json:"name"`
	Post         string   `json:"post"`
	Phone        string   `json:"phone"`
	HireDate     string   `json:"hire_date"`  // YYYY-MM-DD or ""
	BirthDate    string   `json:"birth_date"` // YYYY-MM-DD or ""
	SpecialPosts []string `json:"special_posts"`
	Active       bool     `json:"active"`

	UnitName string `json:"-"`
}

var phoneRe = regexp.MustCompile(`^[0-9+\- ]{5,20}$`)

// Validate checks a person's fields (without references).
func (p *Person) Validate() fieldErrs {
	var f fieldErrs
	p.Name = f.text("name", "姓名", p.Name, true, 50)
	p.StaffNo = f.text("staff_no", "工号", p.StaffNo, false, 32)
	p.Post = f.text("post", "岗位", p.Post, false, 50)
	p.Phone = f.text("phone", "电话", p.Phone, false, 20)
	if p.Phone != "" && !phoneRe.MatchString(p.Phone) {
		f.add("phone", "电话号码格式不正确。")
	}
	p.HireDate = strings.TrimSpace(p.HireDate)
	if p.HireDate != "" {
		if _, err := time.Parse("2006-01-02", p.HireDate); err != nil {
			f.add("hire_date", "入职日期格式应为 2006-01-02。")
		}
	}
	p.BirthDate = strings.TrimSpace(p.BirthDate)
	if p.BirthDate != "" {
		if _, err := time.Parse("2006-01-02", p.BirthDate); err != nil {
			f.add("birth_date", "出生日期格式应为 2006-01-02。")
		}
	}
	seen := map[string]bool{}
	var posts []string
	for _, sp := range p.SpecialPosts {
		sp = strings.TrimSpace(sp)
		if sp == "" || seen[sp] {
			continue
		}
		if !validSpecialPost(sp) {
			f.add("special_posts", "未知的特种岗位："+sp)
			continue
		}
		seen[sp] = true
		posts = append(posts, sp)
	}
	sort.Strings(posts)
	p.SpecialPosts = posts
	return f
}

const personCols = `p.id, p.school_id, COALESCE(p.unit_id, 0), p.staff_no, p.name, p.post, p.phone, p.hire_date, p.birth_date, p.special_posts, p.active, COALESCE(u.name, '')`
const personFrom = ` FROM people p LEFT JOIN units u ON u.id = p.unit_id`

func scanPerson(s interface{ Scan(...any) error }) (Person, error) {
	var p Person
	var posts string
	err := s.Scan(&p.ID, &p.SchoolID, &p.UnitID, &p.StaffNo, &p.Name, &p.Post, &p.Phone, &p.HireDate, &p.BirthDate, &posts, &p.Active, &p.UnitName)
	if posts != "" {
		p.SpecialPosts = strings.Split(posts, ",")
	}
	return p, err
}

// PersonFilter narrows ListPeople.
type PersonFilter struct {
	UnitID     int64
	Query      string // name, staff number or phone contains
	ActiveOnly bool
}

// ListPeople lists the people the actor may see: the whole school for
// school-wide roles, the actor's own units (and their sub-units) for unit
// heads.
func (s *Service) ListPeople(ctx context.Context, a *auth.Actor, school int64, f PersonFilter) ([]Person, error) {
	q := `SELECT ` + personCols + personFrom + ` WHERE p.school_id = $1`
	args := []any{school}
	if !auth.Can(a, auth.PermPeopleView, auth.SchoolScope(school)) {
		units := a.ScopeIDs(auth.PermPeopleView, school, auth.ScopeUnit)
		if len(units) == 0 {
			return nil, apperr.ForbiddenErr(string(auth.PermPeopleView))
		}
		sub, err := subtreeIDs(ctx, s.DB.Read(), school, units)
		if err != nil {
			return nil, err
		}
		q += ` AND p.unit_id IN (` + idList(sub) + `)`
	}
	if f.UnitID != 0 {
		args = append(args, f.UnitID)
		q += ` AND p.unit_id = $2`
	}
	if f.Query != "" {
		args = append(args, "%"+strings.TrimSpace(f.Query)+"%")
		n := len(args)
		q += ` AND (p.name LIKE $` + itoa(n) + ` OR p.staff_no LIKE $` + itoa(n) + ` OR p.phone LIKE $` + itoa(n) + `)`
	}
	if f.ActiveOnly {
		q += ` AND p.active`
	}
	q += ` ORDER BY p.unit_id, p.id`
	rows, err := s.DB.Read().QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Person
	for rows.Next() {
		p, err := scanPerson(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// PersonOption is a person in a select box.
type PersonOption struct {
	ID       int64
	Name     string
	UnitName string
}

// PersonOptions lists active people of a school for choosing someone (a
// unit head, a grid member). Names and units only: org viewers may see it.
func (s *Service) PersonOptions(ctx context.Context, a *auth.Actor, school int64) ([]PersonOption, error) {
	if err := require(a, auth.PermOrgView, auth.SchoolScope(school)); err != nil {
		return nil, err
	}
	rows, err := s.DB.Read().QueryContext(ctx, `SELECT p.id, p.name, COALESCE(u.name, '') FROM people p LEFT JOIN units u ON u.id = p.unit_id WHERE p.school_id = $1 AND p.active ORDER BY p.unit_id, p.id`, school)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []PersonOption
	for rows.Next() {
		var o PersonOption
		if err := rows.Scan(&o.ID, &o.Name, &o.UnitName); err != nil {
			return nil, err
		}
		out = append(out, o)
	}
	return out, rows.Err()
}

// FindPerson returns one person the actor may see.
func (s *Service) FindPerson(ctx context.Context, a *auth.Actor, school, id int64) (Person, error) {
	p, err := findPerson(ctx, s.DB.Read(), school, id)
	if err != nil {
		return Person{}, err
	}
	sc, err := s.UnitScope(ctx, school, p.UnitID)
	if err != nil {
		return Person{}, err
	}
	if !auth.Can(a, auth.PermPeopleView, sc) {
		if !auth.CanSomewhere(a, auth.PermPeopleView, school) {
			return Person{}, apperr.ForbiddenErr(string(auth.PermPeopleView))
		}
		// Allowed for other units only: this person is out of reach.
		return Person{}, apperr.NotFoundf("person.not_found", "人员不存在。")
	}
	return p, nil
}

func findPerson(ctx context.Context, q sqldb.Querier, school, id int64) (Person, error) {
	p, err := scanPerson(q.QueryRowContext(ctx, `SELECT `+personCols+personFrom+` WHERE p.id = $1 AND p.school_id = $2`, id, school))
	if errors.Is(err, sql.ErrNoRows) {
		return Person{}, apperr.NotFoundf("person.not_found", "人员不存在。")
	}
	return p, err
}

// SavePerson creates (ID 0) or updates a person.
func (s *Service) SavePerson(ctx context.Context, a *auth.Actor, school int64, in Person) (Person, error) {
	if err := require(a, auth.PermPeopleManage, auth.SchoolScope(school)); err != nil {
		return Person{}, err
	}
	in.SchoolID = school
	err := s.write(ctx, a, func(tx *sqldb.Tx) (audit.Record, error) {
		rec, err := savePerson(ctx, tx, school, &in)
		return rec, err
	})
	return in, err
}

// savePerson validates and stores one person inside tx (shared with import).
func savePerson(ctx context.Context, tx *sqldb.Tx, school int64, in *Person) (audit.Record, error) {
	rec := audit.Record{SchoolID: school, Entity: "person"}
	f := in.Validate()
	if err := f.checkRef(ctx, tx, "units", "unit_id", "所属单位", school, in.UnitID); err != nil {
		return rec, err
	}
	if err := f.err("person.invalid"); err != nil {
		return rec, err
	}
	posts := strings.Join(in.SpecialPosts, ",")
	var err error
	if in.ID == 0 {
		in.Active = true
		err = tx.QueryRowContext(ctx, `INSERT INTO people (school_id, unit_id, staff_no, name, post, phone, hire_date, birth_date, special_posts) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
			school, nullID(in.UnitID), in.StaffNo, in.Name, in.Post, in.Phone, in.HireDate, in.BirthDate, posts).Scan(&in.ID)
		rec.Action = "person.create"
	} else {
		before, ferr := findPerson(ctx, tx, school, in.ID)
		if ferr != nil {
			return rec, ferr
		}
		in.Active = before.Active
		rec.Before, rec.Action = before, "person.update"
		_, err = tx.ExecContext(ctx, `UPDATE people SET unit_id = $3, staff_no = $4, name = $5, post = $6, phone = $7, hire_date = $8, birth_date = $9, special_posts = $10 WHERE id = $1 AND school_id = $2`,
			in.ID, school, nullID(in.UnitID), in.StaffNo, in.Name, in.Post, in.Phone, in.HireDate, in.BirthDate, posts)
	}
	if sqldb.IsUniqueViolation(err) {
		return rec, apperr.Fields("person.invalid", []apperr.FieldError{{Field: "staff_no", Message: "工号已被其他人员使用。"}})
	}
	rec.EntityID, rec.After = in.ID, *in
	return rec, err
}

// SetPersonActive deactivates (e.g. left the school) or reactivates a person.
func (s *Service) SetPersonActive(ctx context.Context, a *auth.Actor, school, id int64, active bool) error {
	if err := require(a, auth.PermPeopleManage, auth.SchoolScope(school)); err != nil {
		return err
	}
	return s.write(ctx, a, func(tx *sqldb.Tx) (audit.Record, error) {
		before, err := findPerson(ctx, tx, school, id)
		if err != nil {
			return audit.Record{}, err
		}
		after := before
		after.Active = active
		_, err = tx.ExecContext(ctx, `UPDATE people SET active = $3 WHERE id = $1 AND school_id = $2`, id, school, active)
		return audit.Record{SchoolID: school, Action: "person.set_active", Entity: "person", EntityID: id, Before: before, After: after}, err
	})
}

// subtreeIDs returns the given units and all their descendants.
func subtreeIDs(ctx context.Context, q sqldb.Querier, school int64, roots []int64) ([]int64, error) {
	rows, err := q.QueryContext(ctx, `WITH RECURSIVE down(id, n) AS (
			SELECT id, 0 FROM units WHERE school_id = $1 AND id IN (`+idList(roots)+`)
			UNION ALL SELECT u.id, down.n + 1 FROM units u JOIN down ON u.parent_id = down.id WHERE down.n < 64
		) SELECT DISTINCT id FROM down`, school)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}
