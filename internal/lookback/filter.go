package lookback

import (
	"context"
	"encoding/json"
	"strconv"
	"strings"
	"time"

	"safecampus/internal/checklist"
	"safecampus/internal/hazard"
	"safecampus/internal/sqldb"
)

// Filter narrows the population of a draw: the school's closed hazards of
// an area, a level, an owning unit (exactly that unit, as the hazard list
// filters), closed within a range of days in the school's time zone. Count
// or Percent is how many are drawn; the pair is stored with the filter so
// the stored JSON alone says what was asked.
type Filter struct {
	Area       string `json:"area,omitempty"`
	Level      string `json:"level,omitempty"`
	UnitID     int64  `json:"unit_id,omitempty"`
	ClosedFrom string `json:"closed_from,omitempty"` // 'YYYY-MM-DD', inclusive
	ClosedTo   string `json:"closed_to,omitempty"`   // 'YYYY-MM-DD', inclusive
	Count      int    `json:"count,omitempty"`
	Percent    int    `json:"percent,omitempty"`
}

// JSON is the filter as stored: fields in a fixed order, empty ones left out.
func (f Filter) JSON() string {
	b, _ := json.Marshal(f) // a struct of strings and ints cannot fail
	return string(b)
}

// parseFilter reads a stored filter; a damaged one reads as empty rather
// than hiding the draw.
func parseFilter(s string) Filter {
	var f Filter
	_ = json.Unmarshal([]byte(s), &f)
	return f
}

// check validates the population part of the filter (not Count/Percent)
// into f's errors.
func (flt *Filter) check(ctx context.Context, q sqldb.Querier, school int64, f *fieldErrs) error {
	if flt.Area != "" && !validArea(flt.Area) {
		f.add("area", "检查领域无效。")
	}
	if flt.Level != "" && flt.Level != hazard.LevelGeneral && flt.Level != hazard.LevelMajor {
		f.add("level", "隐患等级无效。")
	}
	if flt.UnitID != 0 {
		var n int
		if err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM units WHERE id = $1 AND school_id = $2`, flt.UnitID, school).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			f.add("unit_id", "所选单位不存在。")
		}
	}
	for _, d := range []struct{ field, v string }{{"closed_from", flt.ClosedFrom}, {"closed_to", flt.ClosedTo}} {
		if d.v == "" {
			continue
		}
		if _, err := time.Parse(time.DateOnly, d.v); err != nil {
			f.add(d.field, "日期格式不正确（应为 2026-03-31 这样的日期）。")
		}
	}
	if flt.ClosedFrom != "" && flt.ClosedTo != "" && flt.ClosedTo < flt.ClosedFrom {
		f.add("closed_to", "销号日期的结束日不能早于开始日。")
	}
	return nil
}

// population returns the ids of the closed hazards matching flt, by id.
// The query walks hazards_status (school_id, status, id).
func population(ctx context.Context, q sqldb.Querier, school int64, flt Filter, loc *time.Location) ([]int64, error) {
	conds := []string{"school_id = $1", "status = $2"}
	args := []any{school, string(hazard.StatusClosed)}
	add := func(cond string, v any) {
		args = append(args, v)
		conds = append(conds, cond+" $"+strconv.Itoa(len(args)))
	}
	if flt.Area != "" {
		add("area =", flt.Area)
	}
	if flt.Level != "" {
		add("level =", flt.Level)
	}
	if flt.UnitID != 0 {
		add("unit_id =", flt.UnitID)
	}
	if d, err := time.ParseInLocation(time.DateOnly, flt.ClosedFrom, loc); err == nil {
		add("closed_at >=", d.UnixMilli())
	}
	if d, err := time.ParseInLocation(time.DateOnly, flt.ClosedTo, loc); err == nil {
		add("closed_at <", d.AddDate(0, 0, 1).UnixMilli())
	}
	rows, err := q.QueryContext(ctx, `SELECT id FROM hazards WHERE `+strings.Join(conds, " AND ")+` ORDER BY id`, args...)
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

// validArea reports whether area is one of the notice's areas or 其他.
func validArea(area string) bool {
	if area == hazard.AreaGeneral {
		return true
	}
	for _, a := range checklist.Areas {
		if string(a) == area {
			return true
		}
	}
	return false
}
