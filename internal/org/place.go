package org

import (
	"context"
	"database/sql"
	"errors"
	"strings"

	"safecampus/internal/apperr"
	"safecampus/internal/auth"
	"safecampus/internal/sqldb"
)

// PlaceLevel is where a place sits in the building > floor > area tree.
type PlaceLevel string

const (
	PlaceBuilding PlaceLevel = "building" // 楼栋
	PlaceFloor    PlaceLevel = "floor"    // 楼层
	PlaceArea     PlaceLevel = "area"     // 房间/区域
)

// PlaceLevels lists the levels from the top down.
var PlaceLevels = []PlaceLevel{PlaceBuilding, PlaceFloor, PlaceArea}

// Label is the level's Chinese name.
func (l PlaceLevel) Label() string {
	switch l {
	case PlaceBuilding:
		return "楼栋"
	case PlaceFloor:
		return "楼层"
	case PlaceArea:
		return "房间/区域"
	}
	return string(l)
}

func (l PlaceLevel) valid() bool {
	return l == PlaceBuilding || l == PlaceFloor || l == PlaceArea
}

// parentOK reports whether a place of level l may sit under a parent of
// level parent ("" for none): floors belong to buildings, rooms and areas to
// a building, a floor or nothing (a gate, a construction site), and a
// building is always at the top.
func (l PlaceLevel) parentOK(parent PlaceLevel) bool {
	switch l {
	case PlaceBuilding:
		return parent == ""
	case PlaceFloor:
		return parent == PlaceBuilding
	case PlaceArea:
		return parent == "" || parent == PlaceBuilding || parent == PlaceFloor
	}
	return false
}

// PlaceType is what a place is used for; the notice names the key places
// (student dormitories, garages, labs, canteens, high-rise buildings) and
// the inspection checklists name the rest.
type PlaceType string

// PlaceTypes lists every type with its Chinese name, in display order.
var PlaceTypes = []struct {
	Code  PlaceType
	Label string
}{
	{"student_dormitory", "学生宿舍"},
	{"underground_garage", "地下车库"},
	{"laboratory", "实验室"},
	{"canteen", "食堂"},
	{"high_rise", "高层建筑"},
	{"power_room", "配电房"},
	{"pump_room", "消防泵房"},
	{"fire_control_room", "消防控制室"},
	{"cctv_room", "视频监控室"},
	{"gate", "校门"},
	{"office", "办公楼"},
	{"teaching_building", "教学楼"},
	{"computer_room", "学生机房"},
	{"construction_site", "建筑工地/施工现场"},
	{"leased_premises", "出租出借场所"},
	{"elevator", "电梯"},
	{"warehouse", "危化品仓库"},
	{"police_room", "警务室"},
	{"other", "其他"},
}

// Label is the type's Chinese name.
func (t PlaceType) Label() string {
	for _, x := range PlaceTypes {
		if x.Code == t {
			return x.Label
		}
	}
	return string(t)
}

func (t PlaceType) valid() bool {
	for _, x := range PlaceTypes {
		if x.Code == t {
			return true
		}
	}
	return false
}

// Place is a building, floor, room or area of a school (ORG-5).
type Place struct {
	ID                  int64      `json:"id"`
	SchoolID            int64      `json:"school_id"`
	CampusID            int64      `json:"campus_id"`
	ParentID            int64      `json:"parent_id"`
	Name                string     `json:"name"`
	Level               PlaceLevel `json:"level"`
	Type                PlaceType  `json:"place_type"`
	UnitID              int64      `json:"unit_id"`               // owning unit
	ResponsiblePersonID int64      `json:"responsible_person_id"` // 区域安全责任人
	Code                string     `json:"code"`
	Active              bool       `json:"active"`

	// Read-only, filled by queries.
	ParentName      string `json:"-"`
	CampusName      string `json:"-"`
	UnitName        string `json:"-"`
	ResponsibleName string `json:"-"`
	Depth           int    `json:"-"`
}

const placeCols = `p.id, p.school_id, COALESCE(p.campus_id, 0), COALESCE(p.parent_id, 0), p.name, p.level, p.place_type, COALESCE(p.unit_id, 0), COALESCE(p.responsible_person_id, 0), p.code, p.active,
	COALESCE(pp.name, ''), COALESCE(c.name, ''), COALESCE(u.name, ''), COALESCE(rp.name, '')`

const placeFrom = ` FROM places p LEFT JOIN places pp ON pp.id = p.parent_id LEFT JOIN campuses c ON c.id = p.campus_id
	LEFT JOIN units u ON u.id = p.unit_id LEFT JOIN people rp ON rp.id = p.responsible_person_id`

func scanPlace(s interface{ Scan(...any) error }) (Place, error) {
	var p Place
	err := s.Scan(&p.ID, &p.SchoolID, &p.CampusID, &p.ParentID, &p.Name, &p.Level, &p.Type, &p.UnitID, &p.ResponsiblePersonID, &p.Code, &p.Active,
		&p.ParentName, &p.CampusName, &p.UnitName, &p.ResponsibleName)
	return p, err
}

func queryPlaces(ctx context.Context, q sqldb.Querier, query string, args ...any) ([]Place, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Place
	for rows.Next() {
		p, err := scanPlace(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// PlaceFilter narrows ListPlaces. A filtered list keeps tree order; a
// match whose parent was filtered out is shown at the top level.
type PlaceFilter struct {
	CampusID int64
	Type     PlaceType
	Query    string // name or code contains
}

// ListPlaces returns the school's places as a tree in depth-first order.
func (s *Service) ListPlaces(ctx context.Context, a *auth.Actor, school int64, f PlaceFilter) ([]Place, error) {
	if err := require(a, auth.PermOrgView, auth.SchoolScope(school)); err != nil {
		return nil, err
	}
	q := `SELECT ` + placeCols + placeFrom + ` WHERE p.school_id = $1`
	args := []any{school}
	if f.CampusID != 0 {
		args = append(args, f.CampusID)
		q += ` AND p.campus_id = $` + itoa(len(args))
	}
	if f.Type != "" {
		args = append(args, string(f.Type))
		q += ` AND p.place_type = $` + itoa(len(args))
	}
	if v := strings.TrimSpace(f.Query); v != "" {
		args = append(args, "%"+v+"%")
		n := itoa(len(args))
		q += ` AND (p.name LIKE $` + n + ` OR p.code LIKE $` + n + `)`
	}
	all, err := queryPlaces(ctx, s.DB.Read(), q+` ORDER BY p.id`, args...)
	if err != nil {
		return nil, err
	}
	return treeOrder(all, func(p Place) (int64, int64) { return p.ID, p.ParentID }, func(p *Place, d int) { p.Depth = d }), nil
}

// FindPlace returns one place of the school.
func (s *Service) FindPlace(ctx context.Context, a *auth.Actor, school, id int64) (Place, error) {
	if err := require(a, auth.PermOrgView, auth.SchoolScope(school)); err != nil {
		return Place{}, err
	}
	return findPlace(ctx, s.DB.Read(), school, id)
}

func findPlace(ctx context.Context, q sqldb.Querier, school, id int64) (Place, error) {
	p, err := scanPlace(q.QueryRowContext(ctx, `SELECT `+placeCols+placeFrom+` WHERE p.id = $1 AND p.school_id = $2`, id, school))
	if errors.Is(err, sql.ErrNoRows) {
		return Place{}, apperr.NotFoundf("place.not_found", "场所不存在。")
	}
	return p, err
}

// placePath returns the place and its ancestors, nearest first.
func placePath(ctx context.Context, q sqldb.Querier, school, id int64) ([]int64, error) {
	return ancestors(ctx, q, "places", school, id)
}

// ancestors walks parent_id upwards from id in table (places, grids, units).
func ancestors(ctx context.Context, q sqldb.Querier, table string, school, id int64) ([]int64, error) {
	if id == 0 {
		return nil, nil
	}
	rows, err := q.QueryContext(ctx, `WITH RECURSIVE up(id, parent_id, n) AS (
			SELECT id, parent_id, 0 FROM `+table+` WHERE id = $1 AND school_id = $2
			UNION ALL SELECT t.id, t.parent_id, up.n + 1 FROM `+table+` t JOIN up ON t.id = up.parent_id WHERE up.n < 64
		) SELECT id FROM up ORDER BY n`, id, school)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var x int64
		if err := rows.Scan(&x); err != nil {
			return nil, err
		}
		out = append(out, x)
	}
	return out, rows.Err()
}
